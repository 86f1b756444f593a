import { isRepresentable } from '../schema/simple-types.js'
import { type Duration, toMilliseconds } from './duration.js'

/** The clock may stand only where IPS answers can still carry the date (years 0001–9999). */
function checked(time: number, what: string): number {
  if (!isRepresentable(time)) {
    throw new Error(
      `[ips-mock] Failed to ${what}: the clock would stand outside 0001-01-01T14:00:00Z … 9999-12-31T09:59:59Z, the dates IPS answers can carry.`,
    )
  }
  return time
}

/**
 * The mock's clock. It follows the system clock until a test takes control with `set` or
 * `advance`; from then on time moves only when told, so job timings are reproducible.
 * @example
 * mock.clock.set('2030-01-01T00:00:00Z')
 * mock.clock.advance('30s')
 */
export class Clock {
  #frozenAt: number | undefined

  constructor(start?: Date | string | number) {
    if (start !== undefined) this.set(start)
  }

  /** The current time. */
  now(): Date {
    return new Date(this.#frozenAt ?? Date.now())
  }

  /** True once the clock only moves when told. */
  get controlled(): boolean {
    return this.#frozenAt !== undefined
  }

  /** Stops following the system clock and jumps to `date`. */
  set(date: Date | string | number): void {
    const time = new Date(date).getTime()
    if (Number.isNaN(time)) {
      throw new Error(`[ips-mock] Failed to set the clock to "${String(date)}": not a date.`)
    }
    this.#frozenAt = checked(time, `set the clock to "${String(date)}"`)
  }

  /** Moves time forward (taking control of the clock first). Returns the new time. */
  advance(duration: Duration): Date {
    const time = (this.#frozenAt ?? Date.now()) + toMilliseconds(duration)
    this.#frozenAt = checked(time, `advance the clock by "${String(duration)}"`)
    return this.now()
  }

  /** Follows the system clock again. */
  useSystemTime(): void {
    this.#frozenAt = undefined
  }

  /** The clock's state, for snapshots: the time it stands at, or `undefined` if it follows the system. */
  snapshot(): number | undefined {
    return this.#frozenAt
  }

  restore(frozenAt: number | undefined): void {
    this.#frozenAt = frozenAt
  }
}
