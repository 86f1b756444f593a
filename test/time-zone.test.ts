import { describe, expect, it } from 'vitest'
import { formatInZone, offsetMinutes, parseDateTime } from '../src/engine/time-zone.js'

/** The offset straight from Intl, for every call: what the cached answer must equal. */
function oracle(time: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(time)
  const part = (type: string) => Number(parts.find((entry) => entry.type === type)?.value)
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  )
  return Math.round((wall - Math.floor(time / 1000) * 1000) / 60_000)
}

const zones = [
  'UTC',
  'America/Los_Angeles',
  'Europe/London',
  'America/St_Johns', // −03:30 / −02:30
  'Asia/Kathmandu', // +05:45, once +05:30
  'Australia/Lord_Howe', // a 30-minute DST step
  'Pacific/Chatham', // +12:45 / +13:45
  'Europe/Amsterdam', // +00:19:32 until 1937
  'America/New_York', // local mean time until noon of 1883-11-18
  'Africa/Abidjan', // −00:16:08 until 1912-01-01T00:16:08Z, off the quarter hour
  'Africa/Algiers', // +00:12:12 → +00:09:21 at 1891-03-15T23:47:48Z
]

/** Instants around changes, and a sweep across years, minutes and seconds off the quarter hour. */
const instants = [
  Date.UTC(2007, 9, 13, 7),
  Date.UTC(2024, 2, 10, 9, 59, 59),
  Date.UTC(2024, 2, 10, 10, 0, 0),
  Date.UTC(2024, 2, 31, 0, 59, 59, 999),
  Date.UTC(2024, 2, 31, 1, 0, 0),
  Date.UTC(2024, 3, 6, 14, 59, 59),
  Date.UTC(2024, 3, 6, 15, 0, 0),
  Date.UTC(1937, 5, 30, 23, 40, 27),
  Date.UTC(1937, 5, 30, 23, 40, 28),
  Date.UTC(1883, 10, 18, 16, 59, 59),
  Date.UTC(1883, 10, 18, 17, 0, 0),
  Date.UTC(1986, 0, 1, 0, 0, 0),
  Date.UTC(1912, 0, 1, 0, 5),
  Date.UTC(1912, 0, 1, 0, 16, 7),
  Date.UTC(1912, 0, 1, 0, 16, 8),
  Date.UTC(1912, 0, 1, 0, 20),
  Date.UTC(1891, 2, 15, 23, 46),
  Date.UTC(1891, 2, 15, 23, 47, 48),
  Date.UTC(1891, 2, 15, 23, 59),
  ...Array.from({ length: 400 }, (_, index) => Date.UTC(1970, 0, 1) + index * 4_093_837_123),
  ...Array.from({ length: 200 }, (_, index) => Date.UTC(2024, 2, 10, 9) + index * 37_000),
]

describe('time zones', () => {
  it('answers the offset Intl gives, at every instant and again from its cache', () => {
    for (const zone of zones) {
      for (const time of instants) {
        const expected = oracle(time, zone)
        expect({ zone, time, offset: offsetMinutes(new Date(time), zone) }).toEqual({
          zone,
          time,
          offset: expected,
        })
        expect(offsetMinutes(new Date(time), zone)).toBe(expected)
      }
    }
    // ~3,000 Intl look-ups: seconds on a loaded machine, beyond vitest's 5 s default.
  }, 60_000)

  it('writes instants in the zone with their offset, on both sides of a change', () => {
    const zone = 'America/Los_Angeles'
    expect(formatInZone(new Date('2007-10-13T07:00:00Z'), zone)).toBe(
      '2007-10-13T00:00:00.000-07:00',
    )
    expect(formatInZone(new Date('2024-03-10T09:59:59.250Z'), zone)).toBe(
      '2024-03-10T01:59:59.250-08:00',
    )
    expect(formatInZone(new Date('2024-03-10T10:00:00Z'), zone)).toBe(
      '2024-03-10T03:00:00.000-07:00',
    )
    expect(formatInZone(new Date('2024-01-01T00:00:00Z'), 'Asia/Kathmandu')).toBe(
      '2024-01-01T05:45:00.000+05:45',
    )
  })

  it('reads a wall-clock time in the zone, across a change', () => {
    const zone = 'America/Los_Angeles'
    expect(parseDateTime('2024-03-09T12:00:00', zone).toISOString()).toBe(
      '2024-03-09T20:00:00.000Z',
    )
    expect(parseDateTime('2024-03-11T12:00:00', zone).toISOString()).toBe(
      '2024-03-11T19:00:00.000Z',
    )
    expect(parseDateTime('2024-03-11T12:00:00+02:00', zone).toISOString()).toBe(
      '2024-03-11T10:00:00.000Z',
    )
  })
})
