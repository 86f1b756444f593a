import { IpsMockError } from '../errors/ips-mock-error.js'

const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

/** A length of time: milliseconds, or a string such as `'500ms'`, `'30s'`, `'5m'`, `'2h'`, `'1d'`. */
export type Duration = number | string

/**
 * Converts a duration to milliseconds.
 * @example toMilliseconds('1m30s') // 90000
 * @throws Error when the string is not a duration.
 */
export function toMilliseconds(duration: Duration): number {
  if (typeof duration === 'number') {
    if (!Number.isFinite(duration) || duration < 0) throw invalid(String(duration))
    return duration
  }
  const parts = duration.trim().match(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)
  if (!parts || parts.join('') !== duration.trim().replace(/\s+/g, '')) throw invalid(duration)
  return parts.reduce((total, part) => {
    const [, amount, unit] = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/.exec(part) as RegExpExecArray
    return total + Number(amount) * (units[unit as string] as number)
  }, 0)
}

function invalid(value: string): IpsMockError {
  return new IpsMockError({
    code: 'INVALID_DURATION',
    action: 'read the duration',
    subject: value,
    reason: 'it is neither milliseconds nor a duration string',
    remedy: "Use milliseconds or a string like '500ms', '30s', '5m', '2h', '1d'.",
  })
}
