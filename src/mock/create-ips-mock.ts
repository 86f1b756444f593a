import { Clock } from '../engine/clock.js'
import { type Duration, toMilliseconds } from '../engine/duration.js'
import { defaultDurations, type JobDurations, JobEngine, type Progress } from '../engine/engine.js'
import type { Email } from '../engine/notifications.js'
import { Scenarios } from '../engine/scenarios.js'
import { isTimeZone } from '../engine/time-zone.js'
import { demoSeed } from '../store/demo-seed.js'
import { resolveSeed, type SeedData } from '../store/seed.js'
import type { Job } from '../store/models.js'
import { DEFAULT_RETAIN_JOBS, IpsStore } from '../store/store.js'
import { type IpsStoreView, storeView } from '../store/view.js'
import { type FaultInjection, FaultInjector } from '../injection/injector.js'
import {
  CallJournal,
  DEFAULT_JOURNAL_BODY_BYTES,
  DEFAULT_JOURNAL_BYTES,
  DEFAULT_JOURNAL_CAPACITY,
  type Journal,
} from '../journal/journal.js'
import { fromFetch, type RawRequest, type RawResponse, toFetch } from '../core/raw.js'
import { defaultXmlLimits, type XmlLimits } from '../xml/parse.js'
import { route } from '../core/router.js'
import { type IpsMockSnapshot, seal, unseal } from './snapshot.js'
import type { ExchangeSettings } from '../core/soap-exchange.js'
import { IpsMockError } from '../errors/ips-mock-error.js'
import { defaults } from '../defaults.js'

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
  /** Most calls `mock.journal` keeps (default 10,000; the oldest are dropped); 0 keeps none. */
  journalCapacity?: number
  /**
   * Most bytes of each request and response body a journal entry keeps (default 64 KiB); of a
   * longer body it keeps the first bytes and its size, and does not read its params.
   */
  journalBodyBytes?: number
  /** Most bytes the whole journal holds, about (default 64 MiB); the oldest entries go first. */
  journalBytes?: number
  /** Seeds fault injection's generator, for probability rules and delay ranges (default 1). */
  faultSeed?: number
  /**
   * Obey the `X-Ips-Mock-Fault` request header (default `true`). Turn it off on a shared server
   * where any client could otherwise make the mock hang or reset connections.
   */
  faultHeader?: boolean
  /**
   * Most finished runs (Done jobs, with their logs) kept (default 100,000, a few hundred MB for
   * typical jobs); beyond it the oldest finished go first and their handles become unknown, as
   * IPS answers for a job it no longer has. `Infinity` keeps all.
   */
  retainJobs?: number
  /**
   * Validate and answer every namespace with the newest schema (`2022-11-01-beta`), as if all
   * API versions were one (default `false`: each namespace gets exactly its version's schema, so
   * an element an older version lacks is refused with 30003). WSDLs stay per version.
   */
  versionLenient?: boolean
}

/** A running IPS mock: one `handle` function that every adapter calls. */
export interface IpsMock {
  /**
   * Answers one HTTP request the way IPS would: SOAP on `…/services/IpsApiService`. An injected
   * connection reset gives a network error (`Response.error()`, which msw turns into a failed
   * fetch); an injected hang settles that way only when the request's signal aborts or at reset.
   * @example const response = await mock.handle(new Request(url, { method: 'POST', body }))
   */
  handle(request: Request): Promise<Response>
  /**
   * The mock's state, read-only: companies, users, jobs, job logs as @msw/data collections and
   * lookups, plus documented writes (`updateUser`, `updateCompany`) that every call sees.
   */
  readonly store: IpsStoreView
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
  /**
   * Brings runs up to the clock's current time. Every call does this first; call it before
   * reading `store` directly after the clock moved.
   */
  settle(): Promise<void>
  /** Lets a run held by a scenario (`hold: true`) finish. */
  release(jobHandle: string): Promise<void>
  /**
   * Every call received: operation, params (passwords redacted), answer or fault, status, timing.
   * @example mock.journal.find({ operation: 'submitJob', faultCode: 30001 })
   */
  readonly journal: Journal
  /**
   * Fault and latency injection.
   * @example mock.faults.inject({ operation: 'submitJob', nth: 2, fault: 30000 })
   */
  readonly faults: FaultInjection
  /**
   * Discards all state, runs, e-mails, scenarios, journal entries and injected faults, restarts
   * the fault generator from its seed, and reloads the seed data. Given a seed, the mock takes
   * it as its own: this reset and every later one load it.
   * @throws Error naming the bad entry when the given seed is not valid (nothing is changed).
   */
  reset(seed?: SeedData): Promise<void>
  /**
   * Saves the mock's whole state (store, runs, clock, scenarios, outbox, journal, injected
   * faults and the fault generator) between calls.
   * @example
   * const saved = await mock.snapshot()
   * // … calls that change the state …
   * await mock.restore(saved)
   */
  snapshot(): Promise<IpsMockSnapshot>
  /**
   * Goes back to a snapshot of this mock: from then on it answers exactly as it did after the
   * snapshot was taken. Call it between calls, not while one is in flight.
   * @throws Error when the snapshot is of another mock.
   */
  restore(snapshot: IpsMockSnapshot): Promise<void>
}

/** Default request body limit: 10 MB. */
export const DEFAULT_MAX_BODY_BYTES = defaults.maxBodyBytes

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
  const timeZone = options.timeZone ?? defaults.timeZone
  if (!isTimeZone(timeZone)) {
    throw new IpsMockError({
      code: 'INVALID_OPTION',
      action: 'create the mock',
      reason: `"${timeZone}" is not an IANA time zone`,
    })
  }
  // A seed given as null is refused by the seed schema, never replaced by the demo seed.
  const seedData = options.seed === undefined ? demoSeed : options.seed
  let seed = resolveSeed(seedData)
  const retainJobs = options.retainJobs ?? DEFAULT_RETAIN_JOBS
  if (!(retainJobs >= 0)) {
    throw new IpsMockError({
      code: 'INVALID_OPTION',
      action: 'create the mock',
      reason: `retainJobs "${String(retainJobs)}" is not 0 or more`,
    })
  }
  const store = new IpsStore(retainJobs)
  const clock = new Clock(options.startTime)
  const scenarios = new Scenarios()
  const journal = new CallJournal({
    capacity: options.journalCapacity ?? DEFAULT_JOURNAL_CAPACITY,
    bodyBytes: options.journalBodyBytes ?? DEFAULT_JOURNAL_BODY_BYTES,
    bytes: options.journalBytes ?? DEFAULT_JOURNAL_BYTES,
  })
  const faults = new FaultInjector(options.faultSeed ?? defaults.faultSeed)
  const engine = new JobEngine(store, {
    clock,
    timeZone,
    durations: durationsOf(options.jobDurations),
    fakerSeed: seedData.fakerSeed ?? defaults.fakerSeed,
    scenarios,
  })
  const settings: ExchangeSettings = {
    store,
    engine,
    faults,
    now: () => clock.now(),
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    xmlLimits: Object.assign({}, defaultXmlLimits, options.xmlLimits),
    faultHeader: options.faultHeader ?? defaults.faultHeader,
    versionLenient: options.versionLenient ?? defaults.versionLenient,
  }
  let ready = Promise.resolve(store.load(seed))
  const exchange = async (request: RawRequest): Promise<RawResponse> => {
    await ready
    if (journal.capacity === 0) return route(request, settings)
    const time = clock.now().getTime()
    const started = performance.now()
    const response = await route(request, settings)
    const trace = response.meta.trace
    if (trace) {
      journal.record({
        trace,
        responseText: response.body,
        status: response.meta.connection ? undefined : response.status,
        time,
        durationMs: performance.now() - started,
      })
    }
    return response
  }
  /** In-process calls left hanging by fault injection, released by reset. */
  const hanging = new Set<() => void>()
  const releaseHanging = () => {
    for (const release of [...hanging]) release()
  }
  const mock: IpsMock = {
    store: storeView(store),
    clock,
    scenarios,
    journal,
    faults,
    outbox: engine.outbox,
    get ready() {
      return ready
    },
    async handle(request) {
      const response = await exchange(fromFetch(request))
      if (response.meta.connection !== 'hang') return toFetch(response)
      // Left hanging: ends as a network error once the client aborts, or at reset.
      return new Promise((resolve) => {
        const signal = request.signal
        const release = () => {
          hanging.delete(release)
          resolve(Response.error())
        }
        if (signal.aborted) return release()
        hanging.add(release)
        signal.addEventListener('abort', release, { once: true })
      })
    },
    runUntilIdle: () => engine.runUntilIdle(),
    async settle() {
      await ready
      await engine.drain()
    },
    release: (jobHandle) => engine.release(jobHandle),
    reset(next) {
      if (next !== undefined) {
        try {
          seed = resolveSeed(next)
        } catch (error) {
          // Refused before anything changed.
          return Promise.reject(error)
        }
      }
      engine.reset(next !== undefined ? (next.fakerSeed ?? defaults.fakerSeed) : undefined)
      scenarios.clear()
      faults.reset()
      journal.reset()
      releaseHanging()
      if (options.startTime !== undefined) clock.set(options.startTime)
      else clock.useSystemTime()
      // A load still under way (the first one, or an earlier reset) finishes before this one
      // starts, or both would write the seed's rows.
      ready = ready.catch(() => undefined).then(() => store.load(seed))
      return ready
    },
    async snapshot() {
      await ready
      await engine.drain()
      return seal(mock, {
        store: store.snapshot(),
        engine: engine.snapshot(),
        clock: clock.snapshot(),
        scenarios: scenarios.snapshot(),
        journal: journal.snapshot(),
        faults: faults.snapshot(),
      })
    },
    restore(snapshot) {
      let state: ReturnType<typeof unseal>
      try {
        state = unseal(mock, snapshot)
      } catch (error) {
        return Promise.reject(error)
      }
      // Calls that arrive from now on wait for the restore, as they wait for a reset.
      ready = ready
        .catch(() => undefined)
        .then(() => {
          releaseHanging()
          engine.restore(state.engine)
          clock.restore(state.clock)
          scenarios.restore(state.scenarios)
          journal.restore(state.journal)
          faults.restore(state.faults)
          return store.restore(state.store)
        })
      return ready
    },
  }
  exchanges.set(mock, exchange)
  stores.set(mock, store)
  progressOf.set(mock, (job) => engine.progress(job))
  return mock
}

/** A run's progress now, per mock, for the admin API's job list. Not part of the public API. */
export const progressOf = new WeakMap<IpsMock, (job: Job) => Progress>()

/**
 * The full store behind a mock's read-only `store` view, for the mock's own modules (provider
 * states, benchmarks, tests of internals). Not part of the public API.
 */
export function storeOf(mock: IpsMock): IpsStore {
  const store = stores.get(mock)
  if (!store) {
    throw new IpsMockError({
      code: 'INVALID_ARGUMENT',
      action: 'find the store',
      reason: 'not a mock createIpsMock made',
    })
  }
  return store
}

const stores = new WeakMap<IpsMock, IpsStore>()

/**
 * The core's raw entry point per mock, for adapters that can skip Fetch objects (the node server).
 * Not part of the public API.
 */
export const exchanges = new WeakMap<IpsMock, (request: RawRequest) => Promise<RawResponse>>()
