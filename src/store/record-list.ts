import type { Collection } from '@msw/data'

/**
 * The records of one @msw/data collection, held and changed by the mock itself in O(1).
 *
 * @msw/data 1.1.7's `all()` returns the collection's own record array, and `findFirst`/`findMany`
 * iterate that array. So a record pushed onto it is what users' queries see, a record changed in
 * place is seen changed, and no `create`/`update`/`delete`/`clear` (each a deep copy, a schema pass
 * or a linear scan) is ever needed on a per-job or per-request path. A position index beside the
 * array makes lookups and removals O(1): a removal moves the last record into the hole, so the
 * collection keeps insertion order only until a record is removed.
 * docs/decisions/0007-store-records.md explains the choice.
 */
export class RecordList<T extends object, K = string> {
  readonly collection: Collection<never>
  readonly #keyOf: (record: T) => K
  #positions = new Map<K, number>()

  constructor(collection: Collection<never>, keyOf: (record: T) => K) {
    this.collection = collection
    this.#keyOf = keyOf
  }

  /** The collection's own array (not a copy). */
  get #records(): T[] {
    return this.collection.all() as unknown as T[]
  }

  get size(): number {
    return this.#positions.size
  }

  has(key: K): boolean {
    return this.#positions.has(key)
  }

  get(key: K): T | undefined {
    const position = this.#positions.get(key)
    return position === undefined ? undefined : this.#records[position]
  }

  /** Adds a record under a key not in use. */
  add(record: T): void {
    const records = this.#records
    this.#positions.set(this.#keyOf(record), records.length)
    records.push(record)
  }

  /** Removes the record under `key`, if any, and returns it. */
  remove(key: K): T | undefined {
    const position = this.#positions.get(key)
    if (position === undefined) return undefined
    const records = this.#records
    const record = records[position] as T
    const last = records.pop() as T
    this.#positions.delete(key)
    if (last !== record) {
      records[position] = last
      this.#positions.set(this.#keyOf(last), position)
    }
    return record
  }

  /** The records in collection order (the collection's own array: do not change it). */
  values(): readonly T[] {
    return this.#records
  }

  /** Empties the list in O(1): the collection's array is truncated in place, the index replaced. */
  reset(): void {
    this.#records.length = 0
    this.#positions = new Map()
  }

  /** Replaces the content with `records`, in their order. */
  replace(records: Iterable<T>): void {
    this.reset()
    for (const record of records) this.add(record)
  }
}
