/**
 * Fuzzing with an oracle. Each mutated envelope is classified without the mock's code
 * (test/support/oracle.ts: libxml2 says whether it is well-formed and whether its operation
 * element is valid against the reference XSD; the seed says which values changed), and the
 * mock's answer must be the one the class calls for: malformed → 30003; schema-invalid →
 * 30002/30003; changed credentials → their authentication fault; valid and authorised → a
 * return, or for changed values a fault whose reason names what changed. Every seed request,
 * unmutated, must succeed, again and again. The fault-code distribution is printed.
 *
 * Broken mocks this catches (the self-test at the end runs the oracle against both):
 * - one that accepts one submit and then answers the same valid fault forever (the seed requests
 *   and unmutated or unchanged-valid cases after the first must return);
 * - one that rejects everything valid (every seed must return);
 * as well as a mock that answers a malformed body with anything but 30003, a wrong password with
 * anything but 10001, or a fault that has nothing to do with what the mutation changed.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createIpsMock } from '../src/index.js'
import { fixtureCases } from './support/fixture-cases.js'
import { classify, type Expectation, readSeed, type SeedRequest } from './support/oracle.js'
import { DEMO_CO, envelope, logins, NS_2014, operationParam, sendTo } from './support/requests.js'
import { read, type Answer } from './support/soap.js'
import { validateSoapResponse } from './support/xsd.js'

/** Cases per run: a few thousand per commit; `npm run fuzz` runs 100,000. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000)
const SEED = Number(process.env.FUZZ_SEED ?? 20261122)

/** Requests that succeed, every time, on the demo seed. */
const seedRequests = [
  ...fixtureCases.filter((fixture) => fixture.code === 0).map((fixture) => fixture.request),
  envelope(operationParam('getActiveJobs', { companyHandle: DEMO_CO })),
  envelope(operationParam('getScheduledJobs', { companyHandle: DEMO_CO })),
  envelope(operationParam('getJobLogs', { companyHandle: DEMO_CO, numRows: 5 })),
  envelope(operationParam('getCompanyInfo', { companyHandle: DEMO_CO })),
  envelope(operationParam('getUserInfo', {})),
  envelope(operationParam('getCompanyMembership', {}, NS_2014)),
  envelope(
    operationParam('checkLogin', { email: logins.user.user, password: logins.user.password }),
  ),
]
const seeds: SeedRequest[] = seedRequests.map(readSeed)
const knownLogins = Object.values(logins)

const fragments = fc.constantFrom(
  '<',
  '>',
  '&',
  '</x>',
  '<x>',
  '<x/>',
  '&amp;',
  '&#0;',
  '&#x1F600;',
  '<!--',
  '-->',
  '<!-- c -->',
  ']]>',
  '<![CDATA[',
  '"',
  "'",
  ' ',
  '\n',
  ' xmlns="urn:x"',
  ' xmlns:soapenv=""',
  '\u0000',
  '\uFFFF',
  '<!DOCTYPE x>',
  '<__proto__>1</__proto__>',
  '<jobName>dup</jobName>',
  '<companyHandle>c|102</companyHandle>',
  '99999999999',
  'true',
)

type Mutation = (text: string) => string
const position = (text: string, at: number) => at % (text.length + 1)

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 40 })).map(([at, length]): Mutation => (text) => {
    const start = position(text, at)
    return text.slice(0, start) + text.slice(start + length)
  }),
  fc
    .tuple(fc.nat(), fc.oneof(fragments, fc.string({ maxLength: 20 })))
    .map(([at, insert]): Mutation => (text) => {
      const start = position(text, at)
      return text.slice(0, start) + insert + text.slice(start)
    }),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 200 })).map(([at, length]): Mutation => (text) => {
    const start = position(text, at)
    return (
      text.slice(0, start) +
      text.slice(start, start + length).repeat(2) +
      text.slice(start + length)
    )
  }),
  fc.tuple(fc.nat(), fc.string({ maxLength: 30 })).map(([at, value]): Mutation => (text) => {
    // Replace one element's text content.
    const opens = [...text.matchAll(/>([^<]+)</g)]
    const target = opens[at % Math.max(opens.length, 1)]
    if (!target || target.index === undefined) return text
    return `${text.slice(0, target.index + 1)}${value}${text.slice(target.index + 1 + (target[1]?.length ?? 0))}`
  }),
  fc.nat().map(
    (at): Mutation =>
      (text) =>
        text.slice(0, position(text, at)),
  ),
)

/** A mock under test: anything that answers a SOAP request. */
interface Target {
  handle(request: Request): Promise<Response>
}

/** Checks one answer against the oracle's expectation; returns the outcome (code or 0) for the tally. */
function judge(expectation: Expectation, answer: Answer, body: string): number {
  const context = `${expectation.kind === 'fault' ? expectation.why : 'valid'}\n${body}\n→ ${answer.xml}`
  expect(validateSoapResponse(answer.xml).errors, context).toEqual([])
  if (answer.fault) expect(answer.fault.reason, context).not.toMatch(/^Internal error/)
  const returned = Object.keys(answer.body).find((key) => key.endsWith('Return'))
  if (expectation.kind === 'return') {
    expect(answer.fault, context).toBeUndefined()
    expect(returned, context).toBe(`${expectation.operation}Return`)
    expect(answer.status, context).toBe(200)
    return 0
  }
  if (!answer.fault) {
    expect(expectation.orReturn, `a return where a fault was due: ${context}`).toBe(true)
    return 0
  }
  expect(expectation.codes, context).toContain(answer.fault.code)
  expect(answer.status, context).toBe(500)
  if (expectation.explainedBy) {
    const named = expectation.explainedBy.some((word) => answer.fault?.reason.includes(word))
    expect(named, `the reason names nothing the mutation changed: ${context}`).toBe(true)
  }
  return answer.fault.code
}

/** The fuzz property over `target`: mutated seeds, judged by the oracle. Returns the tally. */
async function fuzz(target: Target, runs: number, seed: number): Promise<Map<string, number>> {
  const tally = new Map<string, number>()
  const handles = new Set<string>()
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...seeds),
      fc.array(mutation, { minLength: 0, maxLength: 3 }),
      async (request, mutations) => {
        const body = mutations.reduce((text, mutate) => mutate(text), request.xml)
        const expectation = classify(body, request, knownLogins)
        const answer = await read(await sendTo(target, body))
        const code = judge(expectation, answer, body)
        const key = code === 0 ? 'return' : String(code)
        tally.set(key, (tally.get(key) ?? 0) + 1)
        const handle = (answer.body.submitJobReturn as { jobHandle?: string } | undefined)
          ?.jobHandle
        if (handle !== undefined) {
          expect(handles.has(handle), `handle ${handle} given twice`).toBe(false)
          handles.add(handle)
        }
      },
    ),
    { numRuns: runs, seed },
  )
  return tally
}

describe('the seed requests', () => {
  it.each(seeds.map((s, index) => [index, s.operation, s] as const))(
    'seed %i (%s) succeeds, and again on the same mock',
    async (_index, operation, request) => {
      const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z' })
      for (let round = 0; round < 2; round++) {
        const answer = await read(await sendTo(mock, request.xml))
        judge({ kind: 'return', operation, namespace: request.namespace }, answer, request.xml)
      }
    },
  )
})

it(`answers each of ${RUNS} mutated requests as the oracle expects`, async () => {
  const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z' })
  const tally = await fuzz(mock, RUNS, SEED)
  const total = [...tally.values()].reduce((sum, count) => sum + count, 0)
  const rows = [...tally.entries()].sort(([a], [b]) => a.localeCompare(b))
  console.log(
    `fuzz: ${total} requests; outcomes: ${rows.map(([key, count]) => `${key} ${count}`).join(', ')}`,
  )
  expect(total).toBe(RUNS)
  // The runs reach every class: returns, malformed XML, and faults of the other kinds.
  expect(tally.get('return') ?? 0).toBeGreaterThan(RUNS / 20)
  expect(tally.get('30003') ?? 0).toBeGreaterThan(RUNS / 20)
  expect(rows.filter(([key]) => key !== 'return' && key !== '30003').length).toBeGreaterThan(1)
}, 600_000)

describe('the oracle itself', () => {
  const failing = async (target: Target) => {
    await expect(fuzz(target, 300, SEED)).rejects.toThrow()
  }
  const fault = (code: number) =>
    `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>IpsApiException</faultstring><detail><ns1:ipsApiFault xmlns:ns1="http://www.scene7.com/IpsApi/xsd"><code xmlns="http://www.scene7.com/IpsApi/xsd">${code}</code><reason xmlns="http://www.scene7.com/IpsApi/xsd">Invalid parameter</reason></ns1:ipsApiFault></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>`

  it('fails a mock that accepts one submit, then answers the same valid fault forever', async () => {
    const real = createIpsMock({ startTime: '2030-01-01T00:00:00Z' })
    let accepted = false
    await failing({
      async handle(request) {
        if (accepted) return new Response(fault(30001), { status: 500 })
        const response = await real.handle(request)
        const text = await response.text()
        if (text.includes('submitJobReturn')) accepted = true
        return new Response(text, { status: response.status, headers: response.headers })
      },
    })
  })

  it('fails a mock that rejects everything valid', async () => {
    const real = createIpsMock({ startTime: '2030-01-01T00:00:00Z' })
    await failing({
      async handle(request) {
        const response = await real.handle(request)
        const text = await response.text()
        if (text.includes('Return')) return new Response(fault(30003), { status: 500 })
        return new Response(text, { status: response.status, headers: response.headers })
      },
    })
  })
})
