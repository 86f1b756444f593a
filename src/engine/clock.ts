import { isRepresentable } from '../schema/simple-types.js'
import { type Duration, toMilliseconds } from './duration.js'
import { IpsMockError } from '../errors/ips-mock-error.js'

const watchers = new WeakMap<Clock, () => void>()

/** Calls `listener` after every change of the clock (internal: the engine's background work). */
export function watchClock(clock: Clock, listener: () => void): void {
  watchers.set(clock, listener)
}

/** The clock may stand only where IPS answers can still carry the date (years 0001–9999). */
function checked(time: number, what: { action: string; subject: string }): number {
  if (!isRepresentable(time)) {
    throw new IpsMockError({
      code: 'INVALID_DATE',
      action: what.action,
      subject: what.subject,
      reason:
        'the clock would stand outside 0001-01-01T14:00:00Z … 9999-12-31T09:59:59Z, the dates IPS answers can carry',
    })
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
      throw new IpsMockError({
        code: 'INVALID_DATE',
        action: 'set the clock to',
        subject: String(date),
        reason: 'not a date',
      })
    }
    this.#frozenAt = checked(time, { action: 'set the clock to', subject: String(date) })
    watchers.get(this)?.()
  }

  /** Moves time forward (taking control of the clock first). Returns the new time. */
  advance(duration: Duration): Date {
    const time = (this.#frozenAt ?? Date.now()) + toMilliseconds(duration)
    this.#frozenAt = checked(time, { action: 'advance the clock by', subject: String(duration) })
    watchers.get(this)?.()
    return this.now()
  }

  /** Follows the system clock again. */
  useSystemTime(): void {
    this.#frozenAt = undefined
    watchers.get(this)?.()
  }

  /** The clock's state, for snapshots: the time it stands at, or `undefined` if it follows the system. */
  snapshot(): number | undefined {
    return this.#frozenAt
  }

  restore(frozenAt: number | undefined): void {
    this.#frozenAt = frozenAt
    watchers.get(this)?.()
  }
}
