import { setupServer } from 'msw/node'
import { type Client, createClientAsync } from 'soap'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createIpsMock } from '../src/index.js'
import { ipsHandlers } from '../src/msw.js'
import { type RunningServer, startServer } from '../src/server.js'
import { DEMO_CO, jobElements, jobTypeOf, logins, sampleValue } from './support/requests.js'
import { jobElementsMissingIn } from './support/versions.js'

type Login = { user: string; password: string }
type SoapFault = { code: number; reason: string; element: string }

/** A node-soap client built from a served WSDL, with an IPS authHeader. */
async function client(wsdlUrl: string, login: Login = logins.user): Promise<Client> {
  const soapClient = await createClientAsync(wsdlUrl)
  soapClient.addSoapHeader(
    `<authHeader xmlns="http://www.scene7.com/IpsApi/xsd"><user>${login.user}</user><password>${login.password}</password><appName>node-soap</appName><appVersion>1</appVersion></authHeader>`,
  )
  return soapClient
}

/** The IPS fault inside a node-soap error. */
async function faultOf(promise: Promise<unknown>): Promise<SoapFault> {
  try {
    await promise
  } catch (error) {
    const detail = (
      error as {
        root?: {
          Envelope?: {
            Body?: { Fault?: { detail?: Record<string, { code: string; reason: string }> } }
          }
        }
      }
    ).root?.Envelope?.Body?.Fault?.detail
    const [element, content] = Object.entries(detail ?? {})[0] ?? []
    if (!element || !content) throw error
    return { element, code: Number(content.code), reason: content.reason }
  }
  throw new Error('expected a SOAP fault')
}

const job = (jobElement: string, jobName = `${jobElement} via node-soap`) => ({
  companyHandle: DEMO_CO,
  jobName,
  [jobElement]: sampleValue(jobTypeOf(jobElement), 'minimal'),
})

describe('in-process, through msw', () => {
  const mock = createIpsMock()
  const server = setupServer(...ipsHandlers(mock))
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterAll(() => server.close())

  it('submits a job and reads a fault', async () => {
    const soap = await client(
      'https://s7sps1apissl.scene7.com/scene7/webservice/IpsApi-2014-04-03.wsdl',
    )
    const [result] = await soap.submitJobAsync(job('uploadUrlsJob'))
    expect(result).toEqual({ jobHandle: 'j|101|uploadUrlsJob via node-soap|' })
    expect(mock.store.job(result.jobHandle)?.jobElement).toBe('uploadUrlsJob')
    const denied = await client(
      'https://s7sps1apissl.scene7.com/scene7/webservice/IpsApi-2014-04-03.wsdl',
      logins.portal,
    )
    expect(await faultOf(denied.submitJobAsync(job('optimizeImagesJob')))).toEqual({
      element: 'authorizationFault',
      code: 20003,
      reason: "User does not have permission to access operation 'submitJob'",
    })
  })
})

describe('against the standalone server', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer({ port: 0, logLevel: 'silent', startTime: '2030-01-01T00:00:00Z' })
  })
  beforeEach(() => server.mock.reset())
  afterAll(() => server.close())

  for (const [wsdl, version] of [
    ['IpsApi-2014-04-03.wsdl', '2014-04-03'],
    ['IpsApi.wsdl', undefined],
  ] as const) {
    describe(wsdl, () => {
      // Each version's own job elements: the pre-4.0 API has no optimizeImagesJob, exportJob, ….
      const missing = jobElementsMissingIn(version)
      it.each(jobElements.filter((element) => !missing.includes(element)))(
        'submits a %s',
        async (jobElement) => {
          const soap = await client(`${server.url}/webservice/${wsdl}`)
          const [result] = await soap.submitJobAsync(job(jobElement))
          expect(result.jobHandle).toBe(`j|101|${jobElement} via node-soap|`)
          expect(server.mock.store.job(result.jobHandle)?.jobElement).toBe(jobElement)
        },
      )

      it('surfaces a bad password, a disallowed role and an invalid job as faults', async () => {
        const url = `${server.url}/webservice/${wsdl}`
        const wrong = await client(url, { user: logins.user.user, password: 'wrong' })
        expect(await faultOf(wrong.submitJobAsync(job('serverDirectoryPublishJob')))).toMatchObject(
          { element: 'authenticationFault', code: 10001 },
        )
        const portal = await client(url, logins.portal)
        expect((await faultOf(portal.submitJobAsync(job('serverDirectoryPublishJob')))).code).toBe(
          20003,
        )
        const soap = await client(url)
        const invalid = await faultOf(
          soap.submitJobAsync({
            companyHandle: DEMO_CO,
            jobName: 'x',
            serverDirectoryPublishJob: { emailSetting: 'Sometimes' },
          }),
        )
        expect(invalid).toEqual({
          element: 'ipsApiFault',
          code: 30001,
          reason:
            "submitJobParam/serverDirectoryPublishJob/emailSetting: 'Sometimes' is not one of All, Error, ErrorAndWarning, JobCompletion, None",
        })
        expect(
          (await faultOf(soap.submitJobAsync({ companyHandle: DEMO_CO, jobName: 'x' }))).code,
        ).toBe(30002)
      })
    })
  }

  it('follows an UploadUrlsJob from submit to its job log details', async () => {
    const soap = await client(`${server.url}/webservice/IpsApi-2014-04-03.wsdl`)
    const urls = ['a.jpg', 'b.jpg', 'c.jpg'].map((name) => ({
      sourceUrl: `https://images.example.test/${name}`,
      destPath: `in/${name}`,
    }))
    const [submitted] = await soap.submitJobAsync({
      companyHandle: DEMO_CO,
      jobName: 'three urls',
      uploadUrlsJob: {
        urlArray: { items: urls },
        overwrite: true,
        readyForPublish: true,
        createMask: false,
        emailSetting: 'None',
      },
    })
    const states: string[] = []
    for (let poll = 0; poll < 10; poll++) {
      const [listed] = await soap.getActiveJobsAsync({
        companyHandle: DEMO_CO,
        jobHandle: submitted.jobHandle,
      })
      const current = listed.jobArray?.items?.[0]
      if (!current) break
      states.push(`${current.state}:${current.progress}`)
      server.mock.clock.advance('1s')
    }
    expect(states).toEqual(['New:0', 'Running:0', 'Running:28', 'Running:57', 'Running:85'])
    const [logs] = await soap.getJobLogDetailsAsync({
      companyHandle: DEMO_CO,
      jobHandle: submitted.jobHandle,
    })
    const [log] = logs.jobLogArray.items
    expect(log).toMatchObject({
      jobHandle: submitted.jobHandle,
      fileSuccessCount: 3,
      totalFileCount: 3,
    })
    const uploads = log.detailArray.items.filter(
      (item: { logType: string }) => item.logType === 'UploadSuccess',
    )
    expect(uploads.map((item: { assetName: string }) => item.assetName)).toEqual(['a', 'b', 'c'])
    expect(uploads.map((item: { logMessage: string }) => item.logMessage)).toEqual([
      'demo-co/in/a.jpg processed successfully.',
      'demo-co/in/b.jpg processed successfully.',
      'demo-co/in/c.jpg processed successfully.',
    ])
  })
})
