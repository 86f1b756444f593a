import { Clock } from '../engine/clock.js'
import { toMilliseconds } from '../engine/duration.js'
import { defaultDurations, type JobDurations, JobEngine, type Progress } from '../engine/engine.js'
import { Scenarios } from '../engine/scenarios.js'
import { isTimeZone } from '../engine/time-zone.js'
import { demoSeed } from '../store/demo-seed.js'
import { resolveSeed } from '../store/seed.js'
import type { Job } from '../store/models.js'
import { DEFAULT_RETAIN_JOBS, IpsStore } from '../store/store.js'
import { storeView } from '../store/view.js'
import { FaultInjector } from '../injection/injector.js'
import {
  CallJournal,
  DEFAULT_JOURNAL_BODY_BYTES,
  DEFAULT_JOURNAL_BYTES,
  DEFAULT_JOURNAL_CAPACITY,
} from '../journal/journal.js'
import type { CallListener, CallSettings } from '../core/call.js'
import { fromFetch, type RawRequest, type RawResponse, toFetch } from '../core/raw.js'
import { defaultXmlLimits } from '../xml/parse.js'
import { route } from '../core/router.js'
import { seal, unseal } from './snapshot.js'
import type { IpsMock, IpsMockOptions } from './types.js'
import { IpsMockError } from '../errors/ips-mock-error.js'
import { defaults } from '../defaults.js'

export type { IpsMock, IpsMockOptions }

/**
 * Default request body limit: 10 MB.
 * @example
 * const mock = createIpsMock({ maxBodyBytes: 2 * DEFAULT_MAX_BODY_BYTES })
 */
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
 * import { readFile } from 'node:fs/promises'
 * const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z' })
 * const response = await mock.handle(
 *   new Request('https://s7sps1apissl.scene7.com/scene7/services/IpsApiService', {
 *     method: 'POST',
 *     headers: { 'content-type': 'text/xml' },
 *     body: await readFile('get-active-jobs.xml', 'utf8'),
 *   }),
 * )
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
  // Listeners of every call's end: the journal (unless it keeps nothing) and running servers.
  const listeners = new Set<CallListener>()
  const tell: CallListener = (end) => {
    for (const listener of listeners) listener(end)
  }
  if (journal.capacity > 0) listeners.add((end) => journal.record(end))
  const settings: CallSettings = {
    store,
    engine,
    faults,
    now: () => clock.now(),
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    xmlLimits: Object.assign({}, defaultXmlLimits, options.xmlLimits),
    faultHeader: options.faultHeader ?? defaults.faultHeader,
    versionLenient: options.versionLenient ?? defaults.versionLenient,
    ...(listeners.size > 0 ? { onCallEnd: tell } : {}),
  }
  const listen = (listener: CallListener) => {
    listeners.add(listener)
    settings.onCallEnd = tell
    return () => {
      listeners.delete(listener)
      if (listeners.size === 0) delete settings.onCallEnd
    }
  }
  let ready = Promise.resolve(store.load(seed))
  const exchange = async (request: RawRequest): Promise<RawResponse> => {
    await ready
    return route(request, settings)
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
  callListeners.set(mock, listen)
  return mock
}

/**
 * Adds a listener of every IPS call's end on a mock (as msw's lifecycle events do); returns
 * the function that removes it. The node server logs through it. Not part of the public API.
 */
export function onCallEnd(mock: IpsMock, listener: CallListener): () => void {
  const listen = callListeners.get(mock)
  if (!listen) {
    throw new IpsMockError({
      code: 'INVALID_ARGUMENT',
      action: 'listen to the calls',
      reason: 'not a mock createIpsMock made',
    })
  }
  return listen(listener)
}

const callListeners = new WeakMap<IpsMock, (listener: CallListener) => () => void>()

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
