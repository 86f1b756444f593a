import { Clock } from '../engine/clock.js'
import { type Duration, toMilliseconds } from '../engine/duration.js'
import { defaultDurations, type JobDurations, JobEngine } from '../engine/engine.js'
import type { Email } from '../engine/notifications.js'
import { Scenarios } from '../engine/scenarios.js'
import { isTimeZone } from '../engine/time-zone.js'
import { demoSeed } from '../store/demo-seed.js'
import { resolveSeed, type SeedData } from '../store/seed.js'
import { IpsStore } from '../store/store.js'
import { fromFetch, type RawRequest, type RawResponse, toFetch } from './raw.js'
import { defaultXmlLimits, type XmlLimits } from '../soap/xml.js'
import { route } from './router.js'
import type { ExchangeSettings } from './soap-exchange.js'

/** Options of `createIpsMock`. */
export interface IpsMockOptions {
  /** The data the mock starts from and `reset()` returns to (default: the demo seed). */
  seed?: SeedData
  /** Largest request body accepted, in bytes (default 10 MB); larger ones get fault 30003. */
  maxBodyBytes?: number
  /** Bounds on request XML (defaults: depth 64, 100,000 elements, 1 Mi characters of text). */
  xmlLimits?: Partial<XmlLimits>
  /** Start with a controlled clock at this time (default: follow the system clock). */
  startTime?: Date | string | number
  /** The IPS server's time zone (IANA name, default `UTC`): execSchedule runs in it. */
  timeZone?: string
  /** How long runs take (defaults: startDelay 1s, base 2s, perItem 500ms, stopDelay 1s). */
  jobDurations?: Partial<Record<keyof JobDurations, Duration>>
}

/** A running IPS mock: one `handle` function that every adapter calls. */
export interface IpsMock {
  /**
   * Answers one HTTP request the way IPS would: SOAP on `…/services/IpsApiService`.
   * @example const response = await mock.handle(new Request(url, { method: 'POST', body }))
   */
  handle(request: Request): Promise<Response>
  /** The mock's state: companies, users, jobs, job logs. */
  readonly store: IpsStore
  /** The mock's clock: `clock.set(date)`, `clock.advance('30s')`. */
  readonly clock: Clock
  /** Scenario control: make runs fail, warn, take a given time or wait until released. */
  readonly scenarios: Scenarios
  /** E-mails IPS would have sent, oldest first (nothing is sent). */
  readonly outbox: readonly Email[]
  /** Settles once the seed is loaded; `handle` waits for it by itself. */
  readonly ready: Promise<void>
  /** Moves the clock from event to event until every triggered run has ended. */
  runUntilIdle(): Promise<void>
  /** Lets a run held by a scenario (`hold: true`) finish. */
  release(jobHandle: string): Promise<void>
  /** Discards all state, runs, e-mails and scenarios, and reloads the seed. */
  reset(): Promise<void>
}

/** Default request body limit: 10 MB. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024

function durationsOf(options: IpsMockOptions['jobDurations'] = {}): JobDurations {
  const durations = { ...defaultDurations }
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) durations[key as keyof JobDurations] = toMilliseconds(value)
  }
  return durations
}

/**
 * Creates an IPS mock with its own in-memory store, job engine and clock.
 * @example
 * const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z' })
 * const response = await mock.handle(request)
 */
export function createIpsMock(options: IpsMockOptions = {}): IpsMock {
  const timeZone = options.timeZone ?? 'UTC'
  if (!isTimeZone(timeZone)) {
    throw new Error(`[ips-mock] Failed to create the mock: "${timeZone}" is not an IANA time zone.`)
  }
  const seedData = options.seed ?? demoSeed
  const seed = resolveSeed(seedData)
  const store = new IpsStore()
  const clock = new Clock(options.startTime)
  const scenarios = new Scenarios()
  const engine = new JobEngine(store, {
    clock,
    timeZone,
    durations: durationsOf(options.jobDurations),
    fakerSeed: seedData.fakerSeed ?? 7,
    scenarios,
  })
  const settings: ExchangeSettings = {
    store,
    engine,
    now: () => clock.now(),
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    xmlLimits: { ...defaultXmlLimits, ...options.xmlLimits },
  }
  let ready = store.load(seed)
  const exchange = async (request: RawRequest): Promise<RawResponse> => {
    await ready
    return route(request, settings)
  }
  const mock: IpsMock = {
    store,
    clock,
    scenarios,
    outbox: engine.outbox,
    get ready() {
      return ready
    },
    async handle(request) {
      return toFetch(await exchange(fromFetch(request)))
    },
    runUntilIdle: () => engine.runUntilIdle(),
    release: (jobHandle) => engine.release(jobHandle),
    reset() {
      engine.reset()
      scenarios.clear()
      if (options.startTime !== undefined) clock.set(options.startTime)
      else clock.useSystemTime()
      // A load still under way (the first one, or an earlier reset) finishes before this one
      // starts, or both would write the seed's rows.
      ready = ready.catch(() => undefined).then(() => store.load(seed))
      return ready
    },
  }
  exchanges.set(mock, exchange)
  return mock
}

/**
 * The core's raw entry point per mock, for adapters that can skip Fetch objects (the node server).
 * Not part of the public API.
 */
export const exchanges = new WeakMap<IpsMock, (request: RawRequest) => Promise<RawResponse>>()
