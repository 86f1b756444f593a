import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import {
  createIpsMock,
  FaultRuleError,
  type IpsMock,
  parseFaultHeader,
  parseFaultRule,
} from '../src/index.js'
import { setupIpsMock } from '../src/testing.js'
import { isWellFormed } from './support/independent.js'
import {
  BASE_NS,
  envelope,
  logins,
  NS_2014,
  operationParam,
  post,
  sendTo,
  submitJobRequest,
} from './support/requests.js'
import { read } from './support/soap.js'
import { expectValidSoap } from './support/xsd.js'

const { mock } = setupIpsMock({
  hooks: { beforeAll, afterEach, afterAll },
  startTime: '2030-01-01T00:00:00Z',
})

const submit = (name = 'injected') =>
  submitJobRequest('optimizeImagesJob', 'minimal', { jobName: name })
const activeJobs = envelope(operationParam('getActiveJobs', { companyHandle: 'c|101' }))

/** The fault code of a SOAP answer, or the HTTP status when it is not a fault. */
async function outcome(response: Response): Promise<number> {
  const answer = await read(response)
  return answer.fault?.code ?? answer.status
}

function ruleError(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(FaultRuleError)
    return (error as Error).message
  }
  throw new Error('expected a FaultRuleError')
}

// Rules

it('reads a JSON rule, keeping only what it knows', () => {
  const rule = parseFaultRule({
    operation: ['submitJob', 'getActiveJobs'],
    from: 2,
    times: 3,
    probability: 0.5,
    delay: [100, 300],
    fault: 30000,
    reason: 'Backend down',
    status: 503,
  })
  expect(rule).toEqual({
    operation: ['submitJob', 'getActiveJobs'],
    from: 2,
    times: 3,
    probability: 0.5,
    delay: [100, 300],
    fault: 30000,
    reason: 'Backend down',
    status: 503,
  })
  expect(JSON.parse(JSON.stringify(rule))).toEqual(rule)
  expect(parseFaultRule({ fault: 'invalidCredentials' })).toEqual({ fault: 'invalidCredentials' })
  expect(parseFaultRule({ hang: true })).toEqual({ hang: true })
})

it.each([
  [{ operaton: 'submitJob', fault: 30000 }, "unknown field 'operaton' (did you mean 'operation'?)"],
  [
    { operation: 'submitjob', fault: 30000 },
    "operation 'submitjob' is not an IPS operation (did you mean 'submitJob'?)",
  ],
  [
    { fault: 12345 },
    'fault 12345 is not in the IPS fault catalog; use one of 10000, 10001, 10002, 20000, 20002, 20003, 20006, 20007, 20009, 30000, 30001, 30002, 30003',
  ],
  [
    { nth: 2, from: 3, fault: 30000 },
    'nth and from exclude each other; nth picks one call, from every call from there on',
  ],
  [
    { fault: 30000, reset: true },
    'fault and reset exclude each other; a call can be answered only one way',
  ],
  [
    { operation: 'submitJob' },
    'nothing to do; give delay or one of fault, status, reset, garbage, hang',
  ],
  [{ reason: 'x', status: 503 }, 'reason goes with fault; add a fault code'],
  [{ status: 302 }, 'status 302 is not a whole number from 400 to 599'],
  [{ delay: [300, 100] }, 'delay [300,100] has its minimum above its maximum'],
  [{ delay: 400_000 }, 'delay 400000 is not a whole number from 0 to 300000'],
  [{ probability: 2, fault: 30000 }, 'probability 2 is not a number from 0 to 1'],
  [{ garbage: 'yes' }, "garbage takes true, found 'yes'"],
  ['fault=30000', "expected a JSON object, found 'fault=30000'"],
])('refuses the rule %j: %s', (rule, reason) => {
  expect(ruleError(() => parseFaultRule(rule))).toBe(
    `[ips-mock] Failed to read the fault rule: ${reason}.`,
  )
})

it('reads the X-Ips-Mock-Fault header into the same rules', () => {
  expect(parseFaultHeader('fault=10001')).toEqual({ fault: 10001 })
  expect(parseFaultHeader('fault=invalidCredentials')).toEqual({ fault: 'invalidCredentials' })
  expect(parseFaultHeader('status=503')).toEqual({ status: 503 })
  expect(parseFaultHeader('delay=200')).toEqual({ delay: 200 })
  expect(parseFaultHeader('delay=100-300')).toEqual({ delay: [100, 300] })
  expect(parseFaultHeader('reset')).toEqual({ reset: true })
  expect(parseFaultHeader(' garbage ')).toEqual({ garbage: true })
  expect(parseFaultHeader('hang')).toEqual({ hang: true })
  expect(parseFaultHeader('delay=50, fault=30000, status=503')).toEqual({
    delay: 50,
    fault: 30000,
    status: 503,
  })
  expect(
    parseFaultHeader('operation=submitJob, probability=0.25, fault=30001, reason="a, \\"b\\""'),
  ).toEqual({ operation: 'submitJob', probability: 0.25, fault: 30001, reason: 'a, "b"' })
})

it.each([
  ['', 'the header is empty'],
  ['fault=30000,', 'an item is empty'],
  ['dealy=200', "unknown item 'dealy' (did you mean 'delay'?)"],
  ['fault=30000, fault=10001', "'fault' is given twice"],
  [
    'nth=2, fault=30000',
    "'nth' counts calls across requests; inject a rule instead of using a header",
  ],
  ['reset=true', "'reset' takes no value"],
  ['fault=', "'fault' needs a value: fault=…"],
  ['delay=fast', 'delay=fast is not milliseconds (200) or a range (100-300)'],
  ['status=5xx', 'status=5xx is not an HTTP status'],
  ['status=200', 'status 200 is not a whole number from 400 to 599'],
  ['fault=30000, reason="open', "the quoted value of 'reason' is not closed"],
  [
    'fault=99999',
    'fault 99999 is not in the IPS fault catalog; use one of 10000, 10001, 10002, 20000, 20002, 20003, 20006, 20007, 20009, 30000, 30001, 30002, 30003',
  ],
])('refuses the header %j: %s', (header, reason) => {
  const error = ruleError(() => parseFaultHeader(header))
  expect(error).toBe(
    `[ips-mock] Failed to read the fault rule: X-Ips-Mock-Fault: ${reason}; expected comma-separated items: fault=<code>, reason="<text>", status=<4xx|5xx>, delay=<ms> or delay=<min>-<max>, reset, garbage, hang, operation=<name>, probability=<0..1>.`,
  )
})

// In-process, through msw

it('answers an injected IPS fault, XSD-valid, and leaves the store untouched', async () => {
  const rule = mock.faults.inject({ operation: 'submitJob', fault: 30000 })
  const response = await post(submit())
  expect(response.status).toBe(500)
  const answer = await read(response)
  expectValidSoap(answer.xml)
  expect(answer.fault).toEqual({
    element: 'ipsApiFault',
    code: 30000,
    reason: 'Fault 30000 (IPS_API_FAULT_CODE_EXCEPTION) injected by ips-mock',
    faultcode: 'soapenv:Server',
    faultstring: 'IpsApiException',
  })
  expect(mock.store.jobCount).toBe(0)
  expect(rule.calls).toBe(1)
  expect(rule.fired).toBe(1)
  expect(mock.journal.last()).toMatchObject({
    operation: 'submitJob',
    status: 500,
    fault: { code: 30000 },
    injected: { by: [rule.id], fault: { code: 30000 } },
  })
  expect(mock.journal.last()?.unserved).toBeUndefined()
})

it('injects faults in the shape of the request: SOAP 1.2, faultHttpStatusCode, a given reason', async () => {
  mock.faults.inject({ fault: 'invalidCredentials', reason: 'Invalid username/password' })
  const soap12 = await read(
    await post(submitJobRequest('optimizeImagesJob', 'minimal', {}, { soap: '1.2' }), {
      'content-type': 'application/soap+xml; charset=UTF-8',
    }),
  )
  expectValidSoap(soap12.xml)
  expect(soap12.fault).toMatchObject({
    element: 'authenticationFault',
    code: 10001,
    reason: 'Invalid username/password',
    faultcode: 'soapenv:Sender',
  })
  const aem = await read(
    await post(
      submitJobRequest(
        'optimizeImagesJob',
        'minimal',
        {},
        {
          auth: { ...logins.user, faultHttpStatusCode: 200 },
        },
      ),
    ),
  )
  expect([aem.status, aem.fault?.code]).toEqual([200, 10001])
})

it('answers an injected fault with the HTTP status the rule gives', async () => {
  mock.faults.inject({ fault: 30000, status: 503 })
  const answer = await read(await post(submit()))
  expectValidSoap(answer.xml)
  expect([answer.status, answer.fault?.code]).toEqual([503, 30000])
})

it('answers an injected HTTP status alone with an HTML error page', async () => {
  mock.faults.inject({ status: 503 })
  const response = await post(submit())
  expect(response.status).toBe(503)
  expect(response.headers.get('content-type')).toBe('text/html;charset=UTF-8')
  expect(await response.text()).toContain('<title>503 Service Unavailable</title>')
  expect(mock.journal.last()).toMatchObject({ status: 503, injected: { status: 503 } })
  expect(mock.journal.last()?.fault).toBeUndefined()
})

it('delays the normal answer', async () => {
  mock.faults.inject({ operation: 'submitJob', delay: 120 })
  const started = performance.now()
  const answer = await read(await post(submit()))
  expect(performance.now() - started).toBeGreaterThanOrEqual(115)
  expect(answer.fault).toBeUndefined()
  expect(mock.store.jobCount).toBe(1)
  const entry = mock.journal.last()
  expect(entry?.injected).toEqual({ by: ['f1'], delayMs: 120 })
  expect(entry?.durationMs).toBeGreaterThanOrEqual(115)
})

it('resets the connection: fetch fails with a network error', async () => {
  mock.faults.inject({ reset: true })
  await expect(post(submit())).rejects.toThrow(TypeError)
  expect(mock.journal.last()).toMatchObject({ injected: { action: 'reset' } })
  expect(mock.journal.last()?.status).toBeUndefined()
})

it('answers garbage with status 200', async () => {
  mock.faults.inject({ garbage: true })
  const response = await post(submit())
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toMatch(/xml/)
  // Labelled XML, yet no XML parser can read it: what a corrupt answer looks like to a client.
  const body = await response.text()
  expect(body.length).toBeGreaterThan(0)
  expect(isWellFormed(body)).toBe(false)
})

it('hangs until the client gives up', async () => {
  mock.faults.inject({ hang: true })
  const started = performance.now()
  await expect(
    fetch('https://s7sps1apissl.scene7.com/scene7/services/IpsApiService', {
      method: 'POST',
      body: submit(),
      headers: { 'content-type': 'text/xml' },
      signal: AbortSignal.timeout(150),
    }),
  ).rejects.toThrow(/timeout/i)
  expect(performance.now() - started).toBeGreaterThanOrEqual(140)
  expect(mock.journal.last()).toMatchObject({ injected: { action: 'hang' } })
})

it('acts on the n-th matching call only, or on every call from the n-th, a given number of times', async () => {
  mock.faults.inject({ operation: 'submitJob', nth: 3, fault: 30000 })
  const codes = []
  for (let call = 1; call <= 4; call++) {
    codes.push(await outcome(await post(activeJobs)))
    codes.push(await outcome(await post(submit(`nth ${call}`))))
  }
  expect(codes).toEqual([200, 200, 200, 200, 200, 30000, 200, 200])
  expect(mock.faults.list()).toEqual([])

  await mock.reset()
  const from = mock.faults.inject({ operation: ['getActiveJobs'], from: 2, times: 2, status: 502 })
  const statuses = []
  for (let call = 1; call <= 4; call++) statuses.push((await post(activeJobs)).status)
  expect(statuses).toEqual([200, 502, 502, 200])
  expect(from.toJSON()).toEqual({
    id: 'f1',
    rule: { operation: ['getActiveJobs'], from: 2, times: 2, status: 502 },
    calls: 3,
    fired: 2,
  })
  expect(mock.faults.list()).toEqual([])
})

it('combines a delay rule with an answer rule, and lists, removes and clears rules', async () => {
  const slow = mock.faults.inject({ delay: 60 })
  const failing = mock.faults.inject({ operation: 'submitJob', fault: 30001 })
  expect(mock.faults.list().map((rule) => rule.id)).toEqual(['f1', 'f2'])
  const started = performance.now()
  expect(await outcome(await post(submit()))).toBe(30001)
  expect(performance.now() - started).toBeGreaterThanOrEqual(55)
  expect(mock.journal.last()?.injected).toEqual({
    by: ['f1', 'f2'],
    delayMs: 60,
    fault: {
      code: 30001,
      reason: 'Fault 30001 (IPS_API_FAULT_CODE_INVALID_PARAMETER) injected by ips-mock',
    },
  })
  expect(failing.remove()).toBe(true)
  expect(failing.remove()).toBe(false)
  expect(await outcome(await post(submit()))).toBe(200)
  expect(mock.faults.remove(slow.id)).toBe(true)
  mock.faults.inject({ fault: 30000 })
  mock.faults.clear()
  expect(mock.faults.list()).toEqual([])
  expect(await outcome(await post(submit('after clear')))).toBe(200)
  expect(mock.journal.last()?.injected).toBeUndefined()
})

it('injects by the X-Ips-Mock-Fault header, through the same rules', async () => {
  const header = (value: string) => post(submit(), { 'x-ips-mock-fault': value })
  expect(await outcome(await header('fault=10001'))).toBe(10001)
  expect((await header('status=503')).status).toBe(503)
  expect(await outcome(await header('operation=getActiveJobs, fault=30000'))).toBe(200)
  expect(mock.journal.last()?.injected).toBeUndefined()
  await expect(header('reset')).rejects.toThrow(TypeError)
  expect(isWellFormed(await (await header('garbage')).text())).toBe(false)
  const started = performance.now()
  expect(await outcome(await header('delay=40-60'))).toBe(200)
  const delayMs = mock.journal.last()?.injected?.delayMs ?? 0
  expect(delayMs).toBeGreaterThanOrEqual(40)
  expect(delayMs).toBeLessThanOrEqual(60)
  // Order of magnitude only: the answer waited for the delay (timer precision is `npm run bench`'s).
  expect(performance.now() - started).toBeGreaterThanOrEqual(delayMs / 2)
  expect(mock.journal.count({ injected: true })).toBe(5)
  expect(mock.journal.find({ injected: true }).every((e) => e.injected?.by[0] === 'header')).toBe(
    true,
  )
})

it('answers a malformed X-Ips-Mock-Fault header with 400 and a fault saying what is wrong', async () => {
  const answer = await read(await post(submit(), { 'x-ips-mock-fault': 'fault=30000; delay=10' }))
  expectValidSoap(answer.xml)
  expect(answer.status).toBe(400)
  expect(answer.fault?.code).toBe(30003)
  expect(answer.fault?.reason).toBe(
    "X-Ips-Mock-Fault: items are separated by ',', not ';' (in 'fault=30000; delay=10'); expected comma-separated items: fault=<code>, reason=\"<text>\", status=<4xx|5xx>, delay=<ms> or delay=<min>-<max>, reset, garbage, hang, operation=<name>, probability=<0..1>",
  )
  expect(mock.store.jobCount).toBe(0)
  expect(mock.journal.last()?.unserved?.kind).toBe('invalidFaultHeader')
})

it('injects into the plain-XML endpoint too', async () => {
  mock.faults.inject({ fault: 30000 })
  const response = await fetch('https://s7sps1apissl.scene7.com/scene7/api/IpsApiService', {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body: `<Request xmlns="${NS_2014}"><authHeader xmlns="${BASE_NS}"><user>${logins.user.user}</user><password>${logins.user.password}</password></authHeader><getActiveJobsParam><companyHandle>c|101</companyHandle></getActiveJobsParam></Request>`,
  })
  expect(response.status).toBe(500)
  expect(await response.text()).toContain(
    '<code xmlns="http://www.scene7.com/IpsApi/xsd">30000</code>',
  )
  expect(mock.journal.last()).toMatchObject({ soapVersion: 'plain', injected: { by: ['f1'] } })
})

it('draws probabilities and delay ranges from a seeded generator: the same seed, the same calls', async () => {
  async function pattern(target: IpsMock): Promise<string> {
    target.faults.inject({ operation: 'getActiveJobs', probability: 0.3, fault: 30000 })
    target.faults.inject({ operation: 'getActiveJobs', delay: [0, 5] })
    let marks = ''
    for (let call = 0; call < 40; call++) {
      marks += (await outcome(await sendTo(target, activeJobs))) === 30000 ? 'x' : '.'
    }
    const delays = target.journal.all().map((entry) => entry.injected?.delayMs)
    return `${marks} ${delays.join(',')}`
  }
  const first = createIpsMock({ faultSeed: 42 })
  const once = await pattern(first)
  expect(await pattern(createIpsMock({ faultSeed: 42 }))).toBe(once)
  await first.reset()
  expect(await pattern(first)).toBe(once)
  expect(await pattern(createIpsMock({ faultSeed: 43 }))).not.toBe(once)
  const hits =
    once
      .split(' ')[0]
      ?.split('')
      .filter((mark) => mark === 'x').length ?? 0
  expect(hits).toBeGreaterThan(4)
  expect(hits).toBeLessThan(20)
})

it('serves mock.handle callers too: a reset is a network error, a hang ends when the caller aborts or at reset', async () => {
  const direct = createIpsMock()
  direct.faults.inject({ nth: 1, reset: true })
  const reset = await sendTo(direct, submit())
  expect(reset.type).toBe('error')

  direct.faults.inject({ hang: true })
  const controller = new AbortController()
  const hanging = direct.handle(
    new Request('https://x.scene7.com/scene7/services/IpsApiService', {
      method: 'POST',
      body: submit(),
      headers: { 'content-type': 'text/xml' },
      signal: controller.signal,
    }),
  )
  controller.abort()
  expect((await hanging).type).toBe('error')

  const left = sendTo(direct, submit('left hanging'))
  await new Promise((resolve) => setTimeout(resolve, 20))
  await direct.reset()
  expect((await left).type).toBe('error')
  expect(direct.faults.list()).toEqual([])
})

it.each([
  [{ fault: 30002 }, 'fault=30002', '500 fault 30002'],
  [{ fault: 30000, status: 502 }, 'fault=30000, status=502', '502 fault 30000'],
  [{ status: 503 }, 'status=503', '503 text/html;charset=UTF-8'],
  [{ garbage: true as const }, 'garbage', '200 not XML'],
  [{ reset: true as const }, 'reset', '0 network error'],
  [{ delay: 30 }, 'delay=30', '200 answered after 30 ms'],
])('mock.handle answers %j (header %s) with %s', async (rule, header, expected) => {
  const describe = async (response: Response, started: number) => {
    if (response.type === 'error') return `${response.status} network error`
    const text = await response.text()
    const code = /<code xmlns="[^"]+">(\d+)<\/code>/.exec(text)?.[1]
    if (code) {
      expectValidSoap(text)
      return `${response.status} fault ${code}`
    }
    if (text.length > 0 && !isWellFormed(text)) return `${response.status} not XML`
    if (text.includes('submitJobReturn')) {
      const waited = performance.now() - started >= 15 ? 'after 30 ms' : 'too early'
      return `${response.status} answered ${waited}`
    }
    return `${response.status} ${response.headers.get('content-type')}`
  }
  const byRule = createIpsMock()
  byRule.faults.inject(rule)
  let started = performance.now()
  expect(await describe(await sendTo(byRule, submit()), started)).toBe(expected)
  const byHeader = createIpsMock()
  started = performance.now()
  const answer = await sendTo(byHeader, submit(), { 'x-ips-mock-fault': header })
  expect(await describe(answer, started)).toBe(expected)
  for (const target of [byRule, byHeader]) {
    expect(target.journal.last()?.injected).toBeDefined()
    expect(target.store.jobCount).toBe(expected.includes('answered') ? 1 : 0)
  }
})

it('leaves a call alone when no rule is set and no header sent', async () => {
  expect(await outcome(await post(submit()))).toBe(200)
  expect(mock.journal.last()?.injected).toBeUndefined()
})
