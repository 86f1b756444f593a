import type { Clock } from '../engine/clock.js'
import type { Duration } from '../engine/duration.js'
import type { JobDurations } from '../engine/engine.js'
import type { Email } from '../engine/notifications.js'
import type { Scenarios } from '../engine/scenarios.js'
import type { SeedData } from '../store/seed.js'
import type { IpsStoreView } from '../store/view.js'
import type { FaultInjection } from '../injection/injector.js'
import type { Journal } from '../journal/journal.js'
import type { XmlLimits } from '../xml/parse.js'
import type { IpsMockSnapshot } from './snapshot.js'

/**
 * The mock's clock as users drive it; its state is saved by `mock.snapshot()`, not by the clock.
 * @example mock.clock.advance('30s'); mock.clock.now()
 */
export type MockClock = Pick<Clock, 'now' | 'controlled' | 'set' | 'advance' | 'useSystemTime'>

/**
 * Scenario control as users call it: rules that make runs fail, warn, take a given time or hold.
 * @example const remove = mock.scenarios.next({ fatal: 'Disk full' })
 */
export type ScenarioControl = Pick<
  Scenarios,
  'add' | 'addRule' | 'remove' | 'rules' | 'next' | 'clear' | 'list'
>

/**
 * Options of `createIpsMock`.
 * @example
 * const options: IpsMockOptions = { seed: demoSeed, startTime: '2030-01-01T00:00:00Z' }
 * const mock = createIpsMock(options)
 */
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

/**
 * A running IPS mock: one `handle` function that every adapter calls.
 * @example
 * const mock: IpsMock = createIpsMock()
 * mock.clock.advance('1m')
 * console.log(mock.store.jobCount, mock.journal.count({ operation: 'submitJob' }))
 */
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
  readonly clock: MockClock
  /** Scenario control: make runs fail, warn, take a given time or wait until released. */
  readonly scenarios: ScenarioControl
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
