// Every xsd:dateTime the mock accepts it can write in any server zone and read back.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatInZone, parseDateTime } from '../src/engine/time-zone.js'
import { createIpsMock } from '../src/index.js'
import { EARLIEST_INSTANT, isDateTime, LATEST_INSTANT } from '../src/schema/simple-types.js'
import { type RunningServer, startServer } from '../src/server.js'
import { items } from './support/calls.js'
import {
  DEMO_CO,
  envelope,
  operationParam,
  SERVICE_URL,
  submitJobRequest,
} from './support/requests.js'
import { read } from './support/soap.js'

const zones = [
  'UTC',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'Asia/Kathmandu',
  'America/St_Johns',
]

const pad = (value: number, width = 2) => String(value).padStart(width, '0')

/** Lexical xsd:dateTime values over the whole lexical range, offsets a little beyond ±14:00. */
const lexicalDateTime = fc
  .record({
    year: fc.integer({ min: 1, max: 9999 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    zone: fc.oneof(
      fc.constant(''),
      fc.constant('Z'),
      fc
        .record({
          sign: fc.constantFrom('+', '-'),
          hours: fc.integer({ min: 0, max: 15 }),
          minutes: fc.constantFrom(0, 30, 45, 59),
        })
        .map(({ sign, hours, minutes }) => `${sign}${pad(hours)}:${pad(minutes)}`),
    ),
  })
  .map(
    ({ year, month, day, hour, minute, second, zone }) =>
      `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${zone}`,
  )

describe('xsd:dateTime', () => {
  it('writes every accepted value in every zone as a value it accepts, naming the same instant', () => {
    fc.assert(
      fc.property(lexicalDateTime, fc.constantFrom(...zones), (value, zone) => {
        if (!isDateTime(value)) return
        const instant = parseDateTime(value, zone)
        expect(instant.getTime()).toBeGreaterThanOrEqual(EARLIEST_INSTANT)
        expect(instant.getTime()).toBeLessThanOrEqual(LATEST_INSTANT)
        for (const written of [formatInZone(instant, zone), instant.toISOString()]) {
          expect(isDateTime(written), `${value} in ${zone} written as ${written}`).toBe(true)
          expect(parseDateTime(written, zone).getTime()).toBe(instant.getTime())
        }
      }),
      { numRuns: 5000 },
    )
  })

  it.each([
    ['9999-12-31T23:59:59-14:00', false],
    ['9999-12-31T10:00:00Z', false],
    ['9999-12-31T09:59:59Z', true],
    ['9999-12-30T20:00:00', false],
    ['9999-12-30T19:59:59', true],
    ['0001-01-01T00:00:00Z', false],
    ['2030-01-01T00:00:00+14:00', true],
    ['2030-01-01T00:00:00-14:00', true],
    ['2030-01-01T00:00:00+14:01', false],
    ['2030-01-01T00:00:00+14:30', false],
    ['2030-01-01T00:00:00-15:00', false],
    ['10000-01-01T00:00:00Z', false],
  ])('takes %s: %s', (value, accepted) => {
    expect(isDateTime(value)).toBe(accepted)
  })
})

const refusedTimes = [
  '9999-12-31T23:59:59-14:00',
  '2030-01-01T00:00:00+14:30',
  '2030-01-01T00:00:00-14:01',
  '10000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
]

let server: RunningServer
beforeAll(async () => {
  server = await startServer({
    port: 0,
    logLevel: 'silent',
    startTime: '2030-01-01T00:00:00Z',
    timeZone: 'Pacific/Kiritimati',
  })
})
afterAll(() => server.close())

const runtimes: Array<[string, () => (body: string) => Promise<Response>]> = [
  [
    'in-process',
    () => {
      const mock = createIpsMock({
        startTime: '2030-01-01T00:00:00Z',
        timeZone: 'Pacific/Kiritimati',
      })
      return (body) =>
        mock.handle(
          new Request(SERVICE_URL, {
            method: 'POST',
            body,
            headers: { 'content-type': 'text/xml' },
          }),
        )
    },
  ],
  [
    'standalone server',
    () => (body) =>
      fetch(server.serviceUrl, { method: 'POST', body, headers: { 'content-type': 'text/xml' } }),
  ],
]

describe.each(runtimes)('%s', (_runtime, connect) => {
  let send: ReturnType<(typeof runtimes)[number][1]>
  beforeAll(() => {
    send = connect()
  })

  it.each(refusedTimes)('refuses execTime %s with 30003 naming the element', async (execTime) => {
    const answer = await read(
      await send(submitJobRequest('optimizeImagesJob', 'minimal', { execTime })),
    )
    expect(answer.fault).toMatchObject({
      code: 30003,
      reason: `submitJobParam/execTime: '${execTime}' is not a valid xsd:dateTime`,
    })
  })

  it('emits the latest execTime it accepts as a nextFireTime it accepts back', async () => {
    const jobName = `latest ${_runtime}`
    const submitted = await read(
      await send(
        submitJobRequest('optimizeImagesJob', 'minimal', {
          jobName,
          execTime: '9999-12-31T09:59:59Z',
        }),
      ),
    )
    expect(submitted.fault).toBeUndefined()
    const listed = await read(
      await send(envelope(operationParam('getScheduledJobs', { companyHandle: DEMO_CO }))),
    )
    const job = items(
      (listed.body.getScheduledJobsReturn as { jobArray?: unknown } | undefined)?.jobArray,
    ).find((entry) => entry.name === jobName)
    // Kiritimati is UTC+14: the same instant is 23:59:59 local on the last day of 9999.
    expect(job?.nextFireTime).toBe('9999-12-31T23:59:59.000+14:00')
    const again = await read(
      await send(
        submitJobRequest('optimizeImagesJob', 'minimal', {
          jobName: `${jobName} again`,
          execTime: job?.nextFireTime,
        }),
      ),
    )
    expect(again.fault).toBeUndefined()
  })
})

describe('the clock', () => {
  it('refuses to move where answers could not carry the date, and stays where it was', () => {
    const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z' })
    expect(() => mock.clock.advance('99999999999d')).toThrow(
      '[ips-mock] Failed to advance the clock by "99999999999d": the clock would stand outside 0001-01-01T14:00:00Z … 9999-12-31T09:59:59Z, the dates IPS answers can carry.',
    )
    expect(() => mock.clock.set('9999-12-31T23:00:00Z')).toThrow(/Failed to set the clock/)
    expect(mock.clock.now().toISOString()).toBe('2030-01-01T00:00:00.000Z')
    expect(() => createIpsMock({ startTime: 'soon' })).toThrow(
      '[ips-mock] Failed to set the clock to "soon": not a date.',
    )
  })
})
