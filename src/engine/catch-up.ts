import { ExecSchedule } from './schedule.js'

/**
 * Schedule catch-up. A fire processed more than this late (Quartz's default
 * `org.quartz.jobStore.misfireThreshold`, 60 s) after a clock move that skipped more than
 * MAX_REPLAYED_FIRES fire times is a misfire, handled as Quartz's default policy for cron
 * triggers does (MISFIRE_INSTRUCTION_SMART_POLICY, which CronTrigger reads as
 * MISFIRE_INSTRUCTION_FIRE_ONCE_NOW): one run now, then on schedule from now. O(1) however far
 * the clock jumped. A move that skipped fewer fire times replays each at its own time, as an IPS
 * running all along would have fired them (tests step schedules so).
 */
export const MISFIRE_THRESHOLD_MS = 60_000
export const MAX_REPLAYED_FIRES = 100

/** Parsed schedules by pattern, and which schedules are replaying missed fires until when. */
export class Schedules {
  readonly #timeZone: string
  readonly #parsed = new Map<string, ExecSchedule>()
  readonly #replaying = new Map<string, number>()

  constructor(timeZone: string) {
    this.#timeZone = timeZone
  }

  /** @throws IpsFault 30001 when the pattern is not a schedule. */
  parse(pattern: string): ExecSchedule {
    let schedule = this.#parsed.get(pattern)
    if (!schedule) {
      schedule = ExecSchedule.parse(pattern, this.#timeZone)
      if (this.#parsed.size >= 1000) this.#parsed.clear()
      this.#parsed.set(pattern, schedule)
    }
    return schedule
  }

  /**
   * Whether the fire of `handle`'s schedule due at `at`, processed at `now`, is a misfire: late
   * beyond the threshold, with more than MAX_REPLAYED_FIRES fire times up to `now`. O(that bound).
   */
  misfired(handle: string, pattern: string, at: number, now: number): boolean {
    if (now - at <= MISFIRE_THRESHOLD_MS) return false
    if ((this.#replaying.get(handle) ?? Number.NEGATIVE_INFINITY) >= now) return false
    const schedule = this.parse(pattern)
    let next: Date | undefined = new Date(at)
    for (let skipped = 0; skipped < MAX_REPLAYED_FIRES; skipped++) {
      next = schedule.next(next)
      if (!next || next.getTime() > now) {
        if (this.#replaying.size >= 1000) this.#replaying.clear()
        this.#replaying.set(handle, now)
        return false
      }
    }
    return true
  }

  clear(): void {
    this.#replaying.clear()
  }
}
