import { Cron } from 'croner'
import { fault } from '../faults/catalog.js'

/**
 * A parsed `execSchedule`. IPS documents only that it is a cron string in the server's zone; its
 * one example (`00 00 00 * * `) and its Quartz trigger states point to Quartz syntax:
 * `sec min hour day-of-month month day-of-week [year]`, day-of-week 1–7 from Sunday. A five-field
 * string like the documented example is read as seconds-first with any day of the week.
 */
export class ExecSchedule {
  readonly #cron: Cron

  private constructor(cron: Cron) {
    this.#cron = cron
  }

  /**
   * @throws IpsFault 30001 naming the element when the string is not a schedule.
   * @example ExecSchedule.parse('0 0 3 * * ?', 'UTC').next(new Date())
   */
  static parse(pattern: string, timeZone: string): ExecSchedule {
    const fields = pattern.trim().split(/\s+/)
    const quartz = fields.length === 5 ? [...fields, '?'] : fields
    if (quartz.length < 6 || quartz.length > 7) {
      throw invalid(
        pattern,
        `expected 6 or 7 fields (sec min hour day-of-month month day-of-week [year]), found ${fields.length}`,
      )
    }
    try {
      const cron = new Cron(quartz.join(' '), {
        timezone: timeZone,
        mode: quartz.length === 7 ? '7-part' : '6-part',
        alternativeWeekdays: true,
        paused: true,
      })
      return new ExecSchedule(cron)
    } catch (error) {
      throw invalid(pattern, error instanceof Error ? error.message : String(error))
    }
  }

  /** The first fire time strictly after `after`, or undefined when the schedule has ended. */
  next(after: Date): Date | undefined {
    return this.#cron.nextRun(after) ?? undefined
  }
}

function invalid(pattern: string, reason: string) {
  return fault(
    'invalidParameter',
    `submitJobParam/execSchedule: '${pattern}' is not a valid schedule: ${reason}`,
  )
}
