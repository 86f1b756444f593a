import type { UnservedKind } from './explain.js'
import { type Answered, Entry, type JournalEntry } from './entry.js'
import { matchesPartially } from './match.js'

/** What `journal.find` and friends select on; every field given must match. */
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

/** A query, or a predicate over entries. */
export type JournalFilter = JournalQuery | ((entry: JournalEntry) => boolean)

/** Entries kept by default; the oldest are dropped beyond it. */
export const DEFAULT_JOURNAL_CAPACITY = 10_000

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

/** The journal behind `mock.journal`, with what the mock itself uses. */
export class CallJournal implements Journal {
  /** Most entries kept; 0 records nothing. */
  readonly capacity: number
  /** A ring: `#start` is the oldest entry once it is full. */
  #entries: Entry[] = []
  #start = 0
  #nextId = 1

  constructor(capacity = DEFAULT_JOURNAL_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 0) {
      throw new Error(
        `[ips-mock] Failed to create the journal: capacity ${capacity} is not a whole number of entries ≥ 0.`,
      )
    }
    this.capacity = capacity
  }

  /** Number of entries kept. */
  get size(): number {
    return this.#entries.length
  }

  /** Every entry kept, oldest first. */
  all(): JournalEntry[] {
    if (this.#start === 0) return [...this.#entries]
    return [...this.#entries.slice(this.#start), ...this.#entries.slice(0, this.#start)]
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
    this.#start = 0
  }

  /** Forgets every entry and numbers from 1 again. */
  reset(): void {
    this.clear()
    this.#nextId = 1
  }

  /** Records one answered call. */
  record(answered: Answered): void {
    if (this.capacity === 0) return
    const entry = new Entry(this.#nextId++, answered)
    if (this.#entries.length < this.capacity) {
      this.#entries.push(entry)
      return
    }
    this.#entries[this.#start] = entry
    this.#start = (this.#start + 1) % this.capacity
  }

  snapshot(): JournalState {
    return Object.freeze({ entries: Object.freeze(this.all()), nextId: this.#nextId })
  }

  restore(state: JournalState): void {
    this.#entries = [...(state.entries as Entry[])]
    this.#start = 0
    this.#nextId = state.nextId
  }
}
