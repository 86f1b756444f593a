/** Engine work is done in slices of at most this many milliseconds… */
export const SLICE_MS = 4
/** …and a request on the system clock does at most one this long before it is answered. */
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

  constructor(
    /** Runs one slice; true when nothing more is due. */
    private readonly slice: () => boolean,
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
    if (this.slice()) this.schedule()
    else this.soon()
  }
}
