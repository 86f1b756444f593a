// Behaviour at the edges that other tests pass by: durations the clock refuses, schedules that
// do not parse, the plain-XML endpoint's refusals, and the admin journal's filters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createIpsMock } from '../src/index.js'
import { type RunningServer, startServer } from '../src/server.js'
import {
  BASE_NS,
  DEMO_CO,
  envelope,
  logins,
  NS_2014,
  operationParam,
  submitJobRequest,
  sendTo,
} from './support/requests.js'
import { findElement } from './support/independent.js'
import { read } from './support/soap.js'

describe('durations', () => {
  it.each([
    ['1m30s', 90_000],
    ['1.5s', 1_500],
    [' 2h ', 7_200_000],
    ['1d', 86_400_000],
    ['250ms', 250],
    [250, 250],
    [0, 0],
  ])('advances the clock by %j', (duration, ms) => {
    const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z' })
    expect(mock.clock.advance(duration).getTime() - Date.parse('2030-01-01T00:00:00Z')).toBe(ms)
  })

  it.each(['abc', '5', '5 minutes', '-1s', '1m-30s', '1w', '', Number.NaN, -5, Infinity])(
    'refuses %j, naming it, and leaves the clock where it was',
    (duration) => {
      const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z' })
      expect(() => mock.clock.advance(duration)).toThrow(`"${String(duration)}"`)
      expect(mock.clock.now().toISOString()).toBe('2030-01-01T00:00:00.000Z')
    },
  )
})

describe('execSchedule', () => {
  it.each([
    ['0 0 3 * *', 'five fields are read as the documented example is'],
    ['0 0 3 * * ?', 'six Quartz fields'],
    ['0 0 3 * * ? 2031', 'seven Quartz fields'],
  ])('accepts %s (%s)', async (execSchedule) => {
    const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z' })
    const answer = await read(
      await sendTo(mock, submitJobRequest('optimizeImagesJob', 'minimal', { execSchedule })),
    )
    expect(answer.fault, answer.fault?.reason).toBeUndefined()
  })

  it.each([
    ['0 0', /expected 6 or 7 fields .*found 2$/],
    ['0 0 0 0 0 0 0 0', /expected 6 or 7 fields .*found 8$/],
    ['99 0 3 * * ?', /^submitJobParam\/execSchedule: '99 0 3 \* \* \?' is not a valid schedule: ./],
    ['a b c d e f', /^submitJobParam\/execSchedule: 'a b c d e f' is not a valid schedule: ./],
  ])('refuses %s with 30001 naming the element', async (execSchedule, reason) => {
    const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z' })
    const answer = await read(
      await sendTo(mock, submitJobRequest('optimizeImagesJob', 'minimal', { execSchedule })),
    )
    expect(answer.fault?.code).toBe(30001)
    expect(answer.fault?.reason).toMatch(reason)
    expect(mock.store.jobs.count()).toBe(0)
  })
})

describe('the plain-XML endpoint', () => {
  const auth = `<authHeader xmlns="${BASE_NS}"><user>${logins.user.user}</user><password>${logins.user.password}</password></authHeader>`
  const activeJobs = `<getActiveJobsParam><companyHandle>${DEMO_CO}</companyHandle></getActiveJobsParam>`
  const plain = async (body: string) => {
    const mock = createIpsMock()
    const response = await mock.handle(
      new Request('https://s7sps1apissl.scene7.com/scene7/api/IpsApiService', {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        body,
      }),
    )
    return { status: response.status, text: await response.text(), jobs: mock.store.jobs.count() }
  }
  const code = (text: string) => /<code[^>]*>(\d+)<\/code>/.exec(text)?.[1]
  const reason = (text: string) => findElement(text, 'reason')?.text

  it('answers a bare return document', async () => {
    const answer = await plain(`<Request xmlns="${NS_2014}">${auth}${activeJobs}</Request>`)
    expect(answer.status).toBe(200)
    expect(answer.text).toMatch(
      new RegExp(`^(<\\?xml[^>]*\\?>)?<getActiveJobsReturn xmlns="${NS_2014}">`),
    )
  })

  it.each([
    [
      'a root other than Request',
      `<Envelope xmlns="${NS_2014}">${auth}${activeJobs}</Envelope>`,
      "Expected a <Request> element in an IPS namespace, found 'Envelope'",
    ],
    [
      'a Request in no IPS namespace',
      `<Request xmlns="urn:other">${auth}${activeJobs}</Request>`,
      "Expected a <Request> element in an IPS namespace, found 'Request'",
    ],
    [
      'no operation element',
      `<Request xmlns="${NS_2014}">${auth}</Request>`,
      'Request: expected authHeader and exactly one operation element, found 0',
    ],
    [
      'two operation elements',
      `<Request xmlns="${NS_2014}">${auth}${activeJobs}${activeJobs}</Request>`,
      'Request: expected authHeader and exactly one operation element, found 2',
    ],
  ])('refuses %s with a bare 30003 fault', async (_name, body, why) => {
    const answer = await plain(body)
    expect(answer.status).toBe(500)
    expect(answer.text).toMatch(/^(<\?xml[^>]*\?>)?<(\w+:)?ipsApiFault /)
    expect(code(answer.text)).toBe('30003')
    expect(reason(answer.text)).toBe(why)
    expect(answer.jobs).toBe(0)
  })

  it('honours faultHttpStatusCode in a plain fault', async () => {
    const header = auth.replace(
      '</authHeader>',
      '<faultHttpStatusCode>200</faultHttpStatusCode></authHeader>',
    )
    const answer = await plain(
      `<Request xmlns="${NS_2014}">${header.replace(logins.user.password, 'wrong')}${activeJobs}</Request>`,
    )
    expect(answer.status).toBe(200)
    expect(code(answer.text)).toBe('10001')
  })
})

describe('GET /__admin/journal filters', () => {
  let server: RunningServer
  const soap = (body: string) =>
    fetch(server.serviceUrl, { method: 'POST', headers: { 'content-type': 'text/xml' }, body })
  const journal = async (query: string) => {
    const response = await fetch(`${new URL(server.url).origin}/__admin/journal${query}`)
    return { status: response.status, body: (await response.json()) as Array<Record<string, any>> }
  }

  beforeAll(async () => {
    server = await startServer({ port: 0, logLevel: 'silent', startTime: '2030-01-01T00:00:00Z' })
    await soap(submitJobRequest('optimizeImagesJob')) // 1: served, user
    await soap(
      envelope(operationParam('getActiveJobs', { companyHandle: DEMO_CO }), { auth: logins.admin }),
    ) // 2: served, admin
    await soap(
      submitJobRequest(
        'optimizeImagesJob',
        'minimal',
        {},
        { auth: { user: logins.user.user, password: 'wrong' } },
      ),
    ) // 3: 10001
    await soap('not xml') // 4: 30003, unserved
    await fetch(server.serviceUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/xml', 'x-ips-mock-fault': 'fault=30000' },
      body: submitJobRequest('optimizeImagesJob'),
    }) // 5: injected
  })
  afterAll(() => server.close())

  const ids = (entries: Array<Record<string, any>>) => entries.map((entry) => entry.id)

  it.each([
    ['?user=admin%40demo-co.test', [2]],
    // The injected call is answered before its credentials are read: it has no user.
    [`?user=${encodeURIComponent(logins.user.user)}`, [1, 3]],
    ['?status=200', [1, 2]],
    ['?status=500', [3, 4, 5]],
    ['?injected=true', [5]],
    ['?injected=false', [1, 2, 3, 4]],
    ['?unserved=true', [3, 4]],
    ['?unserved=false', [1, 2, 5]],
    ['?status=500&injected=false', [3, 4]],
    ['?operation=submitJob&faultCode=10001', [3]],
  ])('%s selects calls %j', async (query, expected) => {
    const { status, body } = await journal(query)
    expect(status).toBe(200)
    expect(ids(body)).toEqual(expected)
  })

  it.each(['?status=ok', '?injected=yes', '?unserved=1', '?faultCode=-1'])(
    'refuses %s with a JSON 400 naming the parameter',
    async (query) => {
      const { status, body } = await journal(query)
      expect(status).toBe(400)
      const name = query.slice(1).split('=')[0] as string
      expect(JSON.stringify(body)).toContain(name)
    },
  )
})
