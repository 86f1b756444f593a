import fc from 'fast-check'
import { expect, it } from 'vitest'
import { createIpsMock } from '../src/index.js'
import { fixtureCases } from './support/fixture-cases.js'
import { DEMO_CO, envelope, NS_2014, operationParam, sendTo } from './support/requests.js'
import { read } from './support/soap.js'
import { validateSoapResponse } from './support/xsd.js'
import { progress } from './support/progress.js'

/** Cases per run: a few thousand per commit; `npm run fuzz` runs 100,000. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000)
const SEED = Number(process.env.FUZZ_SEED ?? 20261122)
/** Long runs (`npm run fuzz`) report how far they are; the per-commit run stays quiet. */
const REPORT =
  process.env.FUZZ_PROGRESS !== undefined ? process.env.FUZZ_PROGRESS !== '0' : RUNS > 2000

const seeds = [
  ...fixtureCases.map((fixture) => fixture.request),
  envelope(operationParam('getActiveJobs', { companyHandle: DEMO_CO })),
  envelope(operationParam('getJobLogDetails', { companyHandle: DEMO_CO, jobHandle: 'j|101|x|' })),
  envelope(operationParam('stopJob', { companyHandle: DEMO_CO, jobHandle: 'j|101|x|' }, NS_2014)),
]

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
  ']]>',
  '<![CDATA[',
  '"',
  "'",
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

it(`keeps answering with valid SOAP and a consistent store over ${RUNS} mutated requests`, async () => {
  const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z' })
  const handles = new Set<string>()
  let faults = 0
  const report = REPORT ? progress('fuzz', RUNS) : undefined
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...seeds),
      fc.array(mutation, { minLength: 1, maxLength: 3 }),
      async (seed, mutations) => {
        const body = mutations.reduce((text, mutate) => mutate(text), seed)
        const response = await sendTo(mock, body)
        expect([200, 500]).toContain(response.status)
        const answer = await read(response)
        const verdict = validateSoapResponse(answer.xml)
        expect(verdict.errors, answer.xml).toEqual([])
        if (answer.fault) {
          faults++
          expect(answer.fault.reason, body).not.toMatch(/^Internal error/)
        }
        const handle = (answer.body.submitJobReturn as { jobHandle?: string } | undefined)
          ?.jobHandle
        if (handle !== undefined) {
          expect(handles.has(handle), `handle ${handle} given twice`).toBe(false)
          handles.add(handle)
          expect(mock.store.job(handle)?.handle).toBe(handle)
        }
        mock.clock.advance('700ms')
        report?.tick()
      },
    ),
    { numRuns: RUNS, seed: SEED },
  )
  // Nothing partial: every stored job is one a response handed out, and names stay unique.
  const stored = mock.store.jobs.all()
  const submitted = stored.filter((job) => job.parentHandle === undefined)
  expect(new Set(submitted.map((job) => job.handle))).toEqual(handles)
  const names = stored.map((job) => `${job.companyHandle} ${job.name}`)
  expect(new Set(names).size).toBe(names.length)
  expect(faults).toBeGreaterThan(RUNS / 10)
  expect(handles.size).toBeGreaterThan(0)
}, 600_000)
