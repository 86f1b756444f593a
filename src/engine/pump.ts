/** Engine work is done in slices of at most this many milliseconds… */
export const SLICE_MS = 4
/**
 * …and the requests answered in one turn of the event loop on the system clock share one slice
 * this long: fifty requests read in one turn do not each run a slice before they are answered.
 */
export const REQUEST_SLICE_MS = 1

type Later = (callback: () => void) => () => void

const immediate: Later =
  typeof setImmediate === 'function'
    ? (callback) => {
        const handle = setImmediate(callback)
        return () => clearImmediate(handle)
      }
    : (callback) => {
        const handle = setTimeout(callback, 0)
        return () => clearTimeout(handle)
      }

const at: (delay: number, callback: () => void) => () => void = (delay, callback) => {
  const handle = setTimeout(callback, Math.min(Math.max(0, delay), 2 ** 31 - 1))
  ;(handle as { unref?: () => void }).unref?.()
  return () => clearTimeout(handle)
}

/** Resolves after pending I/O callbacks have had their turn. */
export function yieldToIo(): Promise<void> {
  return new Promise((resolve) => immediate(resolve))
}

/**
 * Runs engine slices in the background while the mock follows the system clock: a timer for the
 * next due event, then slice after slice with I/O between them until nothing is due. Its timers
 * never keep a process alive.
 */
export class Pump {
  #cancel: (() => void) | undefined
  /** When the pending timer fires (ms since the epoch), -Infinity for an immediate one. */
  #at = Number.POSITIVE_INFINITY
  /** When this turn's request slice ends (a `performance.now()` time), once a request began it. */
  #turnEnds: number | undefined

  constructor(
    /** Runs one slice until the deadline (a `performance.now()` time); true when nothing more is due. */
    private readonly slice: (deadline: number) => boolean,
    /** When the next event is due, if any. */
    private readonly nextAt: () => number | undefined,
    /** Whether time moves by itself (the system clock). */
    private readonly running: () => boolean,
  ) {}

  /** Makes sure a slice runs when the next event is due. */
  schedule(): void {
    if (!this.running()) return this.stop()
    const next = this.nextAt()
    if (next === undefined) return this.stop()
    if (this.#cancel && this.#at <= next) return
    this.stop()
    this.#at = next
    this.#cancel = at(next - Date.now(), this.#tick)
  }

  /**
   * Engine work before a request is answered: the requests of one turn of the event loop share
   * one slice of REQUEST_SLICE_MS; what is still due then is left to the pump, after the I/O.
   */
  forRequest(): void {
    const now = performance.now()
    if (this.#turnEnds === undefined) {
      this.#turnEnds = now + REQUEST_SLICE_MS
      immediate(this.#endTurn)
    }
    if (now < this.#turnEnds) {
      if (!this.slice(this.#turnEnds)) this.soon()
    } else if ((this.nextAt() ?? Number.POSITIVE_INFINITY) <= Date.now()) this.soon()
  }

  readonly #endTurn = (): void => {
    this.#turnEnds = undefined
  }

  /** Runs a slice soon, after pending I/O. */
  soon(): void {
    if (this.#cancel && this.#at === Number.NEGATIVE_INFINITY) return
    this.stop()
    this.#at = Number.NEGATIVE_INFINITY
    this.#cancel = immediate(this.#tick)
  }

  stop(): void {
    this.#cancel?.()
    this.#cancel = undefined
    this.#at = Number.POSITIVE_INFINITY
  }

  readonly #tick = (): void => {
    this.#cancel = undefined
    this.#at = Number.POSITIVE_INFINITY
    if (!this.running()) return
    if (this.slice(performance.now() + SLICE_MS)) this.schedule()
    else this.soon()
  }
}
