const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(zone, format)
  }
  return format
}

/** Checks an IANA time zone name such as `UTC` or `America/Los_Angeles`. */
export function isTimeZone(zone: string): boolean {
  try {
    formatter(zone)
    return true
  } catch {
    return false
  }
}

/** The zone's offset from UTC at an instant (ms), in minutes, asked of Intl. */
function offsetFromIntl(time: number, zone: string): number {
  const parts = Object.fromEntries(
    formatter(zone)
      .formatToParts(time)
      .map((part) => [part.type, part.value]),
  )
  // Not Date.UTC: it reads years 0–99 as 1900–1999.
  const wall = new Date(0)
  wall.setUTCFullYear(Number(parts.year), Number(parts.month) - 1, Number(parts.day))
  wall.setUTCHours(Number(parts.hour), Number(parts.minute), Number(parts.second))
  const asUtc = wall.getTime()
  return Math.round((asUtc - Math.floor(time / 1000) * 1000) / 60_000)
}

/** Offsets change at most once in a quarter hour (tz rules switch on whole quarter hours). */
const BUCKET_MS = 15 * 60_000
const MAX_CACHED = 4096
/** zone → quarter-hour bucket → offset in minutes, for buckets with one offset throughout. */
const offsets = new Map<string, Map<number, number>>()

/** The zone's offset from UTC at `date`, in minutes. */
export function offsetMinutes(date: Date, zone: string): number {
  const time = date.getTime()
  const bucket = Math.floor(time / BUCKET_MS)
  let cached = offsets.get(zone)
  const hit = cached?.get(bucket)
  if (hit !== undefined) return hit
  const start = bucket * BUCKET_MS
  const offset = offsetFromIntl(start, zone)
  // A bucket with a change in it (the odd historical one) is never cached.
  if (offsetFromIntl(start + BUCKET_MS - 1000, zone) !== offset) return offsetFromIntl(time, zone)
  if (!cached || cached.size >= MAX_CACHED) {
    cached = new Map()
    offsets.set(zone, cached)
  }
  cached.set(bucket, offset)
  return offset
}

function pad(value: number, width = 2): string {
  return String(Math.abs(value)).padStart(width, '0')
}

/**
 * Writes an instant as xsd:dateTime in a zone, with its offset, the way IPS reports times in
 * its server zone (e.g. `2007-10-13T00:00:00.000-07:00`).
 */
export function formatInZone(date: Date, zone: string): string {
  const offset = offsetMinutes(date, zone)
  const local = new Date(date.getTime() + offset * 60_000)
  const sign = offset < 0 ? '-' : '+'
  return (
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `.${pad(local.getUTCMilliseconds(), 3)}${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
  )
}

/**
 * Reads an xsd:dateTime as an instant: its own offset when it has one, else the wall-clock time
 * in `zone` (IPS converts execTime to its server zone).
 */
export function parseDateTime(value: string, zone: string): Date {
  const trimmed = value.trim()
  if (/(Z|[+-]\d{2}:\d{2})$/.test(trimmed)) return new Date(trimmed)
  const asUtc = new Date(`${trimmed}Z`)
  // Two passes settle the offset across a DST change.
  let guess = new Date(asUtc.getTime() - offsetMinutes(asUtc, zone) * 60_000)
  guess = new Date(asUtc.getTime() - offsetMinutes(guess, zone) * 60_000)
  return guess
}
