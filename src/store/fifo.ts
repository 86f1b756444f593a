/**
 * A list that grows at its end and shrinks at its start, both in amortised O(1): `shift` moves a
 * start offset and compacts the array only once the dead prefix is half of it.
 */
export class Fifo<T> {
  #items: (T | undefined)[] = []
  #head = 0

  get length(): number {
    return this.#items.length - this.#head
  }

  push(item: T): void {
    this.#items.push(item)
  }

  /** The oldest item, without removing it. */
  first(): T | undefined {
    return this.#items[this.#head]
  }

  shift(): T | undefined {
    if (this.#head >= this.#items.length) return undefined
    const item = this.#items[this.#head]
    this.#items[this.#head++] = undefined
    if (this.#head >= 1024 && this.#head * 2 >= this.#items.length) {
      this.#items.splice(0, this.#head)
      this.#head = 0
    }
    return item
  }

  /** The item `index` places from the start (0 = oldest). */
  at(index: number): T | undefined {
    return index < 0 ? undefined : this.#items[this.#head + index]
  }

  /** Removes one item wherever it is: O(length), for the rare removal that is not the oldest. */
  delete(item: T): boolean {
    const index = this.#items.indexOf(item, this.#head)
    if (index === -1) return false
    this.#items.splice(index, 1)
    return true
  }

  toArray(): T[] {
    return this.#items.slice(this.#head) as T[]
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let index = this.#head; index < this.#items.length; index++) yield this.#items[index] as T
  }
}
