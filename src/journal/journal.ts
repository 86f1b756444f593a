import type { UnservedKind } from './explain.js'
import type { CallEnd } from '../core/call.js'
import { Entry, type JournalEntry } from './entry.js'
import { matchesPartially } from './match.js'
import { IpsMockError } from '../errors/ips-mock-error.js'
import { defaults } from '../defaults.js'

/**
 * What `journal.find` and friends select on; every field given must match.
 * @example
 * const query: JournalQuery = { operation: 'submitJob', faultCode: 30003 }
 * expect(mock.journal.count(query)).toBe(0)
 */
export interface JournalQuery {
  /** The IPS operation, e.g. `submitJob`. */
  operation?: string
  /** Params the call had, matched partially and deeply (`{ uploadUrlsJob: { overwrite: true } }`). */
  params?: Record<string, unknown>
  /** The fault code answered. */
  faultCode?: number
  /** The HTTP status answered. */
  status?: number
  soapVersion?: JournalEntry['soapVersion']
  /** The user the credentials named. */
  user?: string
  /** Only calls fault injection acted on (`true`) or did not (`false`). */
  injected?: boolean
  /** Only calls the mock could not serve (`true`, or for this reason), or only served ones. */
  unserved?: boolean | UnservedKind
}

/**
 * A query, or a predicate over entries.
 * @example
 * const slow: JournalFilter = (entry) => entry.durationMs > 100
 * console.log(mock.journal.find(slow).length)
 */
export type JournalFilter = JournalQuery | ((entry: JournalEntry) => boolean)

/**
 * Entries kept by default; the oldest are dropped beyond it.
 * @example
 * const mock = createIpsMock({ journalCapacity: DEFAULT_JOURNAL_CAPACITY * 10 })
 */
export const DEFAULT_JOURNAL_CAPACITY = defaults.journalCapacity

/**
 * The most of each request and response body an entry keeps by default: 64 KiB.
 * @example
 * const mock = createIpsMock({ journalBodyBytes: DEFAULT_JOURNAL_BODY_BYTES / 4 })
 */
export const DEFAULT_JOURNAL_BODY_BYTES = defaults.journalBodyBytes

/**
 * The most the whole journal holds by default, about: 64 MiB; the oldest entries go first.
 * @example
 * const mock = createIpsMock({ journalBytes: DEFAULT_JOURNAL_BYTES / 16 })
 */
export const DEFAULT_JOURNAL_BYTES = defaults.journalBytes

/** How much the journal keeps. */
export interface JournalLimits {
  /** Most entries (default 10,000); 0 records nothing. */
  capacity?: number
  /** Most bytes of each body an entry keeps (default 64 KiB); a longer body keeps a prefix. */
  bodyBytes?: number
  /** Most bytes the journal holds, about (default 64 MiB); the oldest entries are dropped. */
  bytes?: number
}

/** The journal's whole state, for snapshots. */
export interface JournalState {
  readonly entries: readonly JournalEntry[]
  readonly nextId: number
}

function test(entry: JournalEntry, filter: JournalFilter | undefined): boolean {
  if (filter === undefined) return true
  if (typeof filter === 'function') return filter(entry)
  const { operation, params, faultCode, status, soapVersion, user, injected, unserved } = filter
  if (operation !== undefined && entry.operation !== operation) return false
  if (faultCode !== undefined && entry.fault?.code !== faultCode) return false
  if (status !== undefined && entry.status !== status) return false
  if (soapVersion !== undefined && entry.soapVersion !== soapVersion) return false
  if (user !== undefined && entry.user !== user) return false
  if (injected !== undefined && (entry.injected !== undefined) !== injected) return false
  if (unserved !== undefined) {
    const ok =
      typeof unserved === 'boolean'
        ? (entry.unserved !== undefined) === unserved
        : entry.unserved?.kind === unserved
    if (!ok) return false
  }
  return params === undefined || matchesPartially(entry.params, params)
}

/**
 * Every IPS call the mock answered, oldest first, up to a capacity (the oldest are dropped):
 * operation, params (passwords redacted), answer or fault, status, timing, and why a call could
 * not be served.
 * @example
 * mock.journal.find({ operation: 'submitJob', params: { jobName: 'nightly' } })
 * mock.journal.last()?.fault?.code
 */
export interface Journal {
  /** Most entries kept (default 10,000); 0 records nothing. */
  readonly capacity: number
  /** Most bytes of each body an entry keeps (default 64 KiB). */
  readonly bodyBytes: number
  /** Most bytes the journal holds, about (default 64 MiB). */
  readonly byteBudget: number
  /** About how many bytes the entries kept hold. */
  readonly bytes: number
  /** Number of entries kept. */
  readonly size: number
  /** Every entry kept, oldest first. */
  all(): JournalEntry[]
  /** The entries a query or predicate selects, oldest first. */
  find(filter?: JournalFilter): JournalEntry[]
  /** The oldest entry selected. */
  first(filter?: JournalFilter): JournalEntry | undefined
  /** The newest entry selected: `journal.last()` is the last call. */
  last(filter?: JournalFilter): JournalEntry | undefined
  /** How many entries are selected. */
  count(filter?: JournalFilter): number
  /** Forgets every entry (ids go on counting). */
  clear(): void
}

function limit(name: string, value: number, unit: string): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new IpsMockError({
      code: 'INVALID_OPTION',
      action: 'create the journal',
      reason: `${name} ${value} is not a whole number of ${unit} ≥ 0`,
    })
  }
  return value
}

/** The journal behind `mock.journal`, with what the mock itself uses. */
export class CallJournal implements Journal {
  /** Most entries kept; 0 records nothing. */
  readonly capacity: number
  readonly bodyBytes: number
  readonly byteBudget: number
  /** Oldest first from `#head`; the slots before it are spent and compacted away now and then. */
  #entries: (Entry | undefined)[] = []
  #head = 0
  #bytes = 0
  #nextId = 1

  constructor(limits: number | JournalLimits = {}) {
    const given = typeof limits === 'number' ? { capacity: limits } : limits
    this.capacity = limit('capacity', given.capacity ?? DEFAULT_JOURNAL_CAPACITY, 'entries')
    this.bodyBytes = limit('bodyBytes', given.bodyBytes ?? DEFAULT_JOURNAL_BODY_BYTES, 'bytes')
    this.byteBudget = limit('bytes', given.bytes ?? DEFAULT_JOURNAL_BYTES, 'bytes')
  }

  /** Number of entries kept. */
  get size(): number {
    return this.#entries.length - this.#head
  }

  /** About how many bytes the entries kept hold. */
  get bytes(): number {
    return this.#bytes
  }

  /** Every entry kept, oldest first. */
  all(): JournalEntry[] {
    return this.#entries.slice(this.#head) as Entry[]
  }

  /** The entries a query or predicate selects, oldest first. */
  find(filter?: JournalFilter): JournalEntry[] {
    return this.all().filter((entry) => test(entry, filter))
  }

  /** The oldest entry selected. */
  first(filter?: JournalFilter): JournalEntry | undefined {
    return this.all().find((entry) => test(entry, filter))
  }

  /** The newest entry selected: `journal.last()` is the last call. */
  last(filter?: JournalFilter): JournalEntry | undefined {
    const entries = this.all()
    for (let index = entries.length - 1; index >= 0; index--) {
      const entry = entries[index] as JournalEntry
      if (test(entry, filter)) return entry
    }
    return undefined
  }

  /** How many entries are selected. */
  count(filter?: JournalFilter): number {
    return filter === undefined ? this.size : this.find(filter).length
  }

  /** Forgets every entry (ids go on counting). */
  clear(): void {
    this.#entries = []
    this.#head = 0
    this.#bytes = 0
  }

  /** Forgets every entry and numbers from 1 again. */
  reset(): void {
    this.clear()
    this.#nextId = 1
  }

  /** Records one answered call, then drops the oldest entries beyond the capacity or budget. */
  record(answered: CallEnd): void {
    if (this.capacity === 0) return
    const entry = new Entry(this.#nextId++, answered, this.bodyBytes)
    this.#entries.push(entry)
    this.#bytes += entry.retainedBytes
    while (this.size > this.capacity || (this.#bytes > this.byteBudget && this.size > 0)) {
      this.#dropOldest()
    }
  }

  #dropOldest(): void {
    const oldest = this.#entries[this.#head] as Entry
    this.#entries[this.#head++] = undefined
    this.#bytes -= oldest.retainedBytes
    // Compact once the spent slots are half the array: amortised O(1) per entry.
    if (this.#head >= 1024 && this.#head * 2 >= this.#entries.length) {
      this.#entries = this.#entries.slice(this.#head)
      this.#head = 0
    }
  }

  snapshot(): JournalState {
    return Object.freeze({ entries: Object.freeze(this.all()), nextId: this.#nextId })
  }

  restore(state: JournalState): void {
    this.#entries = [...(state.entries as Entry[])]
    this.#head = 0
    this.#bytes = (state.entries as Entry[]).reduce((sum, entry) => sum + entry.retainedBytes, 0)
    this.#nextId = state.nextId
  }
}
