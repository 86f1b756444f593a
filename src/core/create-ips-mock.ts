import { demoSeed } from '../store/demo-seed.js'
import { resolveSeed, type SeedData } from '../store/seed.js'
import { IpsStore } from '../store/store.js'
import { route } from './router.js'
import type { ExchangeSettings } from './soap-exchange.js'

/** Options of `createIpsMock`. */
export interface IpsMockOptions {
  /** The data the mock starts from and `reset()` returns to (default: the demo seed). */
  seed?: SeedData
  /** Largest request body accepted, in bytes (default 10 MB); larger ones get fault 30003. */
  maxBodyBytes?: number
  /** The mock's clock (default: the system clock). */
  now?: () => Date
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
  /** Settles once the seed is loaded; `handle` waits for it by itself. */
  readonly ready: Promise<void>
  /** Discards all state and reloads the seed. */
  reset(): Promise<void>
}

/** Default request body limit: 10 MB. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024

/**
 * Creates an IPS mock with its own in-memory store.
 * @example
 * const mock = createIpsMock()
 * const response = await mock.handle(request)
 */
export function createIpsMock(options: IpsMockOptions = {}): IpsMock {
  const store = new IpsStore()
  const seed = resolveSeed(options.seed ?? demoSeed)
  const settings: ExchangeSettings = {
    store,
    now: options.now ?? (() => new Date()),
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
  }
  let ready = store.load(seed)
  return {
    store,
    get ready() {
      return ready
    },
    async handle(request) {
      await ready
      return route(request, settings)
    },
    reset() {
      ready = store.load(seed)
      return ready
    },
  }
}
