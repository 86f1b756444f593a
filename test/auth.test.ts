import { expect, it } from 'vitest'
import { useMswMock } from './support/msw.js'
import { BASE_NS, DEMO_CO, logins, NS_2014, post, SOAP11 } from './support/requests.js'
import { read } from './support/soap.js'

useMswMock()

const body = `<submitJobParam xmlns="${NS_2014}"><companyHandle>${DEMO_CO}</companyHandle><jobName>auth</jobName><optimizeImagesJob><emailSetting>All</emailSetting></optimizeImagesJob></submitJobParam>`
const soap = (header: string) =>
  `<soapenv:Envelope xmlns:soapenv="${SOAP11}"><soapenv:Header>${header}</soapenv:Header><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`
const { user, password } = logins.user
const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`

it.each([
  [
    'the documented shape',
    `<authHeader xmlns="${BASE_NS}"><user>${user}</user><password>${password}</password><locale>en-US</locale><appName>a</appName><appVersion>1</appVersion><gzipResponse>false</gzipResponse><faultHttpStatusCode>200</faultHttpStatusCode></authHeader>`,
  ],
  [
    'the schema shape',
    `<authHeader xmlns="${BASE_NS}"><user>${user}</user><password>${password}</password><accessToken>t</accessToken><samlResponse>s</samlResponse><locale>de-DE</locale><appName>a</appName><appVersion>1</appVersion></authHeader>`,
  ],
  [
    "the request's versioned namespace",
    `<h:authHeader xmlns:h="${NS_2014}"><h:user>${user}</h:user><h:password>${password}</h:password></h:authHeader>`,
  ],
  [
    'another versioned namespace',
    `<authHeader xmlns="http://www.scene7.com/IpsApi/xsd/2017-10-29-beta"><user>${user}</user><password>${password}</password></authHeader>`,
  ],
  [
    'fields in any order',
    `<authHeader xmlns="${BASE_NS}"><appName>a</appName><password>${password}</password><user>${user}</user></authHeader>`,
  ],
  [
    'the legacy AuthUser/AuthPassword headers',
    `<AuthUser xmlns="http://www.scene7.com/IpsApi">${user}</AuthUser><AuthPassword xmlns="http://www.scene7.com/IpsApi">${password}</AuthPassword>`,
  ],
  [
    'an e-mail in another case',
    `<authHeader xmlns="${BASE_NS}"><user>USER@Demo-Co.test</user><password>${password}</password></authHeader>`,
  ],
])('authenticates with %s', async (_name, header) => {
  const answer = await read(await post(soap(header)))
  expect(answer.fault).toBeUndefined()
  expect(answer.status).toBe(200)
})

it('authenticates with HTTP Basic alone', async () => {
  const answer = await read(await post(soap(''), { authorization: basic(`${user}:${password}`) }))
  expect(answer.fault).toBeUndefined()
})

it('takes a password containing a colon from HTTP Basic', async () => {
  const answer = await read(await post(soap(''), { authorization: basic(`${user}:wrong:colon`) }))
  expect(answer.fault?.code).toBe(10001)
})

it('prefers authHeader over HTTP Basic', async () => {
  const header = `<authHeader xmlns="${BASE_NS}"><user>${user}</user><password>bad</password></authHeader>`
  const answer = await read(
    await post(soap(header), { authorization: basic(`${user}:${password}`) }),
  )
  expect(answer.fault?.code).toBe(10001)
})

it('ignores an authHeader outside the IPS namespaces, and says so', async () => {
  for (const ns of ['urn:other', '']) {
    const header = `<authHeader xmlns="${ns}"><user>${user}</user><password>${password}</password></authHeader>`
    const answer = await read(await post(soap(header)))
    expect(answer.fault).toMatchObject({
      code: 10000,
      reason: `The request could not be authenticated: the authHeader is in namespace '${ns}', expected http://www.scene7.com/IpsApi/xsd`,
    })
  }
})

it('treats an authHeader without user as no credentials', async () => {
  const header = `<authHeader xmlns="${BASE_NS}"><accessToken>token</accessToken><appName>a</appName><appVersion>1</appVersion></authHeader>`
  const answer = await read(await post(soap(header)))
  expect(answer.fault?.code).toBe(10000)
})

it('refuses a wrong legacy password and a wrong Basic password alike', async () => {
  const legacy = await read(
    await post(
      soap(
        `<AuthUser xmlns="http://www.scene7.com/IpsApi">${user}</AuthUser><AuthPassword xmlns="http://www.scene7.com/IpsApi">x</AuthPassword>`,
      ),
    ),
  )
  const http = await read(await post(soap(''), { authorization: basic(`${user}:x`) }))
  expect([legacy.fault?.code, http.fault?.code]).toEqual([10001, 10001])
})

it('refuses a malformed Basic header as no credentials', async () => {
  const answer = await read(await post(soap(''), { authorization: 'Basic !!!' }))
  expect(answer.fault?.code).toBe(10000)
})

it('refuses a gzipResponse that is not a boolean', async () => {
  const header = `<authHeader xmlns="${BASE_NS}"><user>${user}</user><password>${password}</password><gzipResponse>maybe</gzipResponse></authHeader>`
  const answer = await read(await post(soap(header)))
  expect(answer.fault).toMatchObject({
    code: 30003,
    reason: "authHeader/gzipResponse: 'maybe' is not a valid xsd:boolean",
  })
})

it.each(['user', 'password', 'appName'])(
  'refuses an authHeader whose %s holds an element instead of reading the text around it',
  async (field) => {
    const values: Record<string, string> = { user, password, appName: 'a' }
    const fields = ['user', 'password', 'appName']
      .map((name) => {
        const value = values[name] as string
        return `<${name}>${name === field ? `<x>1</x>${value}` : value}</${name}>`
      })
      .join('')
    const answer = await read(
      await post(soap(`<authHeader xmlns="${BASE_NS}">${fields}</authHeader>`)),
    )
    expect(answer.fault).toMatchObject({
      code: 30003,
      reason: `authHeader/${field}: element content is not allowed in a field of a simple type`,
    })
  },
)

it('lets a member of several companies act in each, and an IpsAdmin of none in any', async () => {
  const { createIpsMock } = await import('../src/index.js')
  const { envelope, operationParam, sendTo } = await import('./support/requests.js')
  const mock = createIpsMock({
    seed: {
      companies: [{ name: 'first-co' }, { name: 'second-co' }],
      users: [
        {
          email: 'two@x.test',
          password: 'p2',
          role: 'IpsUser',
          companies: ['first-co', 'second-co'],
        },
        { email: 'root@x.test', password: 'p3', role: 'IpsAdmin', companies: [] },
      ],
    },
  })
  const call = async (auth: { user: string; password: string }, companyHandle: string) =>
    (
      await read(
        await sendTo(mock, envelope(operationParam('getActiveJobs', { companyHandle }), { auth })),
      )
    ).fault
  for (const company of ['c|101', 'c|102']) {
    expect(await call({ user: 'two@x.test', password: 'p2' }, company), company).toBeUndefined()
    expect(await call({ user: 'root@x.test', password: 'p3' }, company), company).toBeUndefined()
  }
})
