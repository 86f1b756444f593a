import type { SimpleType } from './table.js'

/** A parsed simple value: xsd:long beyond 2^53 stays a string so no digit is lost. */
export type SimpleValue = string | number | boolean

const INT_MIN = -2147483648
const INT_MAX = 2147483647
const LONG_MIN = -(2n ** 63n)
const LONG_MAX = 2n ** 63n - 1n

const integer = /^[+-]?\d+$/
const double = /^(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?INF|NaN)$/
const dateTime =
  /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-](\d{2}):(\d{2}))?$/

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

/** The widest offset xsd:dateTime allows: ±14:00 (XML Schema 1.1 Part 2, §3.3.7). */
const MAX_OFFSET_MINUTES = 14 * 60
const HOUR_MS = 3_600_000

/**
 * The instants the mock can write in every time zone and read back: years 0001–9999 in UTC
 * shifted by any offset up to ±14:00, that is 0001-01-01T14:00:00Z to 9999-12-31T09:59:59.999Z.
 */
export const EARLIEST_INSTANT = new Date('0001-01-01T00:00:00.000Z').getTime() + 14 * HOUR_MS
export const LATEST_INSTANT = new Date('9999-12-31T23:59:59.999Z').getTime() - 14 * HOUR_MS

/** True when an instant (ms since the epoch) is one the mock can write and read back. */
export function isRepresentable(time: number): boolean {
  return Number.isFinite(time) && time >= EARLIEST_INSTANT && time <= LATEST_INSTANT
}

/**
 * Checks an xsd:dateTime lexical value, including calendar ranges. Years are limited to
 * 0001–9999, the range java.util.Date-based services such as IPS handle without surprises, and
 * offsets to ±14:00 as XML Schema requires. The instant must also be one the mock can write back
 * in any server time zone (`isRepresentable`); a value without an offset is taken in any zone.
 */
export function isDateTime(value: string): boolean {
  const match = dateTime.exec(value)
  if (!match) return false
  const [, y, mo, d, h, mi, s, , zh, zm] = match.map(Number)
  const year = y as number
  const month = mo as number
  const day = d as number
  if (year < 1 || year > 9999 || month < 1 || month > 12) return false
  if (day < 1 || day > daysInMonth(year, month)) return false
  const midnight = h === 24 && mi === 0 && s === 0
  if (((h as number) > 23 && !midnight) || (mi as number) > 59 || (s as number) > 59) return false
  const zone = match[7]
  let offset = 0
  if (zone !== undefined && zone !== 'Z') {
    if ((zm as number) > 59) return false
    offset = ((zh as number) * 60 + (zm as number)) * (zone.startsWith('-') ? -1 : 1)
    if (Math.abs(offset) > MAX_OFFSET_MINUTES) return false
  }
  const wall = new Date(0)
  wall.setUTCFullYear(year, month - 1, day)
  wall.setUTCHours(h as number, mi as number, s as number, 0)
  const instant = wall.getTime() - offset * 60_000
  if (zone === undefined) {
    // Read in the server's zone, whatever it is: every offset must give a representable instant.
    return (
      isRepresentable(instant - MAX_OFFSET_MINUTES * 60_000) &&
      isRepresentable(instant + MAX_OFFSET_MINUTES * 60_000)
    )
  }
  return isRepresentable(instant)
}

/**
 * Parses the lexical form of a simple value, or returns `undefined` when it is not valid for
 * its type. xsd whitespace rules apply: every type but xsd:string is trimmed first.
 * @example parseSimple('xsd:boolean', ' 1 ') // true
 */
export function parseSimple(type: SimpleType, raw: string): SimpleValue | undefined {
  if (type === 'xsd:string') return raw
  const value = raw.trim()
  switch (type) {
    case 'xsd:boolean':
      if (value === 'true' || value === '1') return true
      if (value === 'false' || value === '0') return false
      return undefined
    case 'xsd:int': {
      if (!integer.test(value)) return undefined
      const number = Number(value)
      return number >= INT_MIN && number <= INT_MAX ? number : undefined
    }
    case 'xsd:long': {
      if (!integer.test(value)) return undefined
      const big = BigInt(value)
      if (big < LONG_MIN || big > LONG_MAX) return undefined
      return Number.isSafeInteger(Number(big)) ? Number(big) : big.toString()
    }
    case 'xsd:double':
      if (!double.test(value)) return undefined
      return value.endsWith('INF') ? (value.startsWith('-') ? -Infinity : Infinity) : Number(value)
    case 'xsd:dateTime':
      return isDateTime(value) ? value : undefined
  }
}

/** Writes a simple value in its canonical lexical form. */
export function formatSimple(value: SimpleValue | Date): string {
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'number') {
    if (value === Infinity) return 'INF'
    if (value === -Infinity) return '-INF'
    return String(value)
  }
  return String(value)
}
