/**
 * A body's size as received, in UTF-8 bytes, and whether only a prefix of it was kept.
 * @example
 * const facts: BodyFacts | undefined = mock.journal.last()?.requestBody
 * if (facts?.truncated) console.log(`kept a prefix of ${facts.bytes} bytes`)
 */
export interface BodyFacts {
  readonly bytes: number
  readonly truncated: boolean
}

/** A body as the journal keeps it: whole when it fits the limit, else its first bytes. */
export interface KeptBody extends BodyFacts {
  readonly text: string
}

/** Fixed cost of an entry besides its texts, in bytes (fields, object headers), for the budget. */
export const ENTRY_OVERHEAD = 400

/**
 * A string of its own: V8 keeps a string cut from a longer one (an element name from the
 * request) as a slice that holds the whole original alive, so the journal copies what it keeps.
 */
export function own<T extends string | undefined>(value: T): T {
  if (value === undefined || value.length < 13) return value
  return Buffer.from(value, 'utf8').toString('utf8') as T
}

/** The body, or its first `limit` bytes as a string of its own. */
export function keep(text: string | undefined, limit: number): KeptBody | undefined {
  if (text === undefined) return undefined
  const bytes = Buffer.byteLength(text, 'utf8')
  if (bytes <= limit) return { text, bytes, truncated: false }
  const prefix = Buffer.from(text.slice(0, limit), 'utf8').subarray(0, limit)
  // Cut at a character boundary: drop a trailing UTF-8 sequence the limit cut short.
  let lead = prefix.length - 1
  while (lead > 0 && ((prefix[lead] as number) & 0xc0) === 0x80) lead--
  const first = prefix[lead] as number
  const length = first < 0x80 ? 1 : first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : 2
  const end = lead + length > prefix.length ? lead : prefix.length
  return { text: prefix.subarray(0, end).toString('utf8'), bytes, truncated: true }
}
