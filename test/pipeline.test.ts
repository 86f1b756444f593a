// The request pipeline: named steps over one call, each returning the call further along or a
// typed stop; one respond() per wire format; listeners observe each call's end.
import { afterEach, beforeEach, expect, it } from 'vitest'
import type { CallEnd } from '../src/core/call.js'
import { createIpsMock, type IpsMock } from '../src/index.js'
import { onCallEnd } from '../src/mock/create-ips-mock.js'
import { FAULT_HEADER } from '../src/injection/header.js'
import {
  BASE_NS,
  DEMO_CO,
  envelope,
  logins,
  NS_2014,
  OTHER_CO,
  operationParam,
  sendTo,
} from './support/requests.js'
import { read } from './support/soap.js'
import { unservedOperation } from './support/unserved.js'

let mock: IpsMock
let ends: CallEnd[]
let stop: () => void

beforeEach(() => {
  mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z' })
  ends = []
  stop = onCallEnd(mock, (end) => ends.push(end))
})
afterEach(() => stop())

const active = (company = DEMO_CO) => operationParam('getActiveJobs', { companyHandle: company })

it.each<[string, BodyInit, Record<string, string>, string, number]>([
  [
    'a bad X-Ips-Mock-Fault header',
    envelope(active()),
    { [FAULT_HEADER]: 'fault=oops' },
    'header',
    400,
  ],
  ['malformed XML', '<a', {}, 'read', 500],
  ['an unknown operation', envelope(`<frobnicateParam xmlns="${NS_2014}"/>`), {}, 'resolve', 500],
  [
    'a SOAPAction naming another operation',
    envelope(active()),
    { soapaction: 'submitJob' },
    'resolve',
    500,
  ],
  [
    'a wrong password',
    envelope(active(), { auth: { user: logins.user.user, password: 'nope' } }),
    {},
    'authenticate',
    500,
  ],
  [
    'a role that may not call the operation',
    envelope(operationParam('getAllCompanies', {})),
    {},
    'authorise',
    500,
  ],
  [
    'an operation ips-mock does not serve',
    envelope(
      `<${unservedOperation}Param xmlns="${NS_2014}"><companyHandle>${DEMO_CO}</companyHandle></${unservedOperation}Param>`,
    ),
    {},
    'support',
    500,
  ],
  ['another company', envelope(active(OTHER_CO)), {}, 'validate', 500],
  [
    'a job that does not exist',
    envelope(operationParam('stopJob', { companyHandle: DEMO_CO, jobHandle: 'j|101|nope|' })),
    {},
    'run',
    500,
  ],
])('stops %s with a fault of its step', async (_name, body, headers, stage, status) => {
  const response = await sendTo(mock, body, headers)
  expect(response.status).toBe(status)
  expect(ends).toHaveLength(1)
  const outcome = ends[0]?.outcome
  expect(outcome).toMatchObject({ kind: 'fault', stage })
  const answer = await read(response)
  expect(answer.fault?.code).toBe(outcome?.kind === 'fault' ? outcome.fault.code : undefined)
  // The journal observes the same end.
  expect(mock.journal.last()?.fault?.code).toBe(answer.fault?.code)
})

it('tells the listener what a served call got to, once, after the answer is written', async () => {
  const response = await sendTo(mock, envelope(active()))
  expect(response.status).toBe(200)
  expect(ends).toHaveLength(1)
  const [end] = ends
  expect(end?.outcome.kind).toBe('returned')
  expect(end?.outcome.call).toMatchObject({
    protocol: '1.1',
    claimedUser: logins.user.user,
    operation: { name: 'getActiveJobs' },
    params: { companyHandle: DEMO_CO },
  })
  expect(end?.response.body).toBe(await response.text())
  expect(end?.time).toBe(Date.parse('2030-01-01T00:00:00Z'))
})

it('keeps what a stopped call got to: the user it claimed, its authHeader options', async () => {
  const body = envelope(active(), {
    auth: { user: 'ghost@demo-co.test', password: 'x', faultHttpStatusCode: 200 },
  })
  const response = await sendTo(mock, body)
  expect(response.status).toBe(200)
  expect(ends[0]?.outcome.call).toMatchObject({
    claimedUser: 'ghost@demo-co.test',
    options: { faultHttpStatusCode: 200 },
  })
  expect(ends[0]?.outcome.call.user).toBeUndefined()
})

it('answers an injected interruption without a SOAP body, and an injected fault as a fault', async () => {
  mock.faults.inject({ operation: 'getActiveJobs', status: 503 })
  const interrupted = await sendTo(mock, envelope(active()))
  expect(interrupted.status).toBe(503)
  expect(interrupted.headers.get('content-type')).toMatch(/^text\/html/)
  expect(ends[0]?.outcome).toMatchObject({ kind: 'interrupt', injection: { status: 503 } })
  mock.faults.clear()
  mock.faults.inject({ operation: 'getActiveJobs', fault: 30000, reason: 'IPS is busy' })
  const faulted = await read(await sendTo(mock, envelope(active())))
  expect(faulted.fault).toMatchObject({ code: 30000, reason: 'IPS is busy' })
  expect(ends[1]?.outcome).toMatchObject({ kind: 'fault', stage: 'authenticate' })
})

it('writes each wire format with one respond(): SOAP 1.1, SOAP 1.2 and plain XML', async () => {
  const soap11 = await sendTo(mock, envelope(active()))
  expect(soap11.headers.get('content-type')).toBe('text/xml;charset=UTF-8')
  expect(await soap11.text()).toContain(`<ns1:getActiveJobsReturn xmlns:ns1="${NS_2014}">`)
  const soap12 = await sendTo(mock, envelope(active(), { soap: '1.2' }), {
    'content-type': 'application/soap+xml',
  })
  expect(soap12.headers.get('content-type')).toBe('application/soap+xml;charset=UTF-8')
  expect(await soap12.text()).toContain(`<getActiveJobsReturn xmlns="${NS_2014}">`)
  const plain = await mock.handle(
    new Request('https://s7sps1apissl.scene7.com/scene7/api/IpsApiService', {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: `<Request xmlns="${NS_2014}"><authHeader xmlns="${BASE_NS}"><user>${logins.user.user}</user><password>nope</password><appName>a</appName><appVersion>1</appVersion></authHeader>${active()}</Request>`,
    }),
  )
  const text = await plain.text()
  expect(text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><ns1:authenticationFault /)
  expect(ends.map((end) => end.outcome.call.protocol)).toEqual(['1.1', '1.2', 'plain'])
})

it('tells nothing for what is no IPS call (a WSDL), and nothing once the listener is removed', async () => {
  await mock.handle(new Request('https://x.scene7.com/scene7/webservice/IpsApi-2014-04-03.wsdl'))
  expect(ends).toHaveLength(0)
  stop()
  await sendTo(mock, envelope(active()))
  expect(ends).toHaveLength(0)
  expect(mock.journal.count()).toBe(1)
})
