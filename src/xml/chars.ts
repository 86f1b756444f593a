const asciiName = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/
const unicodeName = /^[\p{L}_][\p{L}\p{N}_.-]*(?::[\p{L}_][\p{L}\p{N}_.-]*)?$/u

/** A-Z, a-z, _ */
function isAsciiNameStart(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f
}

/** Whether `text[from, to)` is an ASCII QName, checked without a new string. */
function isAsciiQName(text: string, from: number, to: number): boolean {
  let start = from
  for (let at = from; at < to; at++) {
    const code = text.charCodeAt(at)
    if (at === start) {
      if (!isAsciiNameStart(code)) return false
    } else if (code === 0x3a /* : */) {
      if (start !== from) return false
      start = at + 1
    } else if (
      !isAsciiNameStart(code) &&
      !(code >= 0x30 && code <= 0x39) &&
      code !== 0x2d &&
      code !== 0x2e
    ) {
      return false
    }
  }
  return start < to
}

/** Whether `text[from, to)` is a QName: an XML name with at most one colon, not at either end. */
export function isQName(text: string, from: number, to: number): boolean {
  if (isAsciiQName(text, from, to)) return true
  const name = text.slice(from, to)
  return asciiName.test(name) || unicodeName.test(name)
}

/** XML white space: space, tab, line feed, carriage return. */
export function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d
}

/** Whether a code point is an XML 1.0 character. */
export function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  )
}

// eslint-disable-next-line no-control-regex -- these are the characters XML 1.0 forbids
export const forbiddenChar = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/

type Predefined = readonly [char: string, length: number]
const AMP: Predefined = ['&', 5]
const APOS: Predefined = ["'", 6]
const LT: Predefined = ['<', 4]
const GT: Predefined = ['>', 4]
const QUOT: Predefined = ['"', 6]

/**
 * The predefined entity at `amp` in `value` (`&amp;` …) as [its character, its length], if any.
 * The answers are shared constants: a text of a million entities allocates nothing here.
 */
function predefinedAt(value: string, amp: number): Predefined | undefined {
  switch (value.charCodeAt(amp + 1)) {
    case 0x61 /* a */:
      if (value.startsWith('amp;', amp + 1)) return AMP
      if (value.startsWith('apos;', amp + 1)) return APOS
      return undefined
    case 0x6c /* l */:
      return value.startsWith('lt;', amp + 1) ? LT : undefined
    case 0x67 /* g */:
      return value.startsWith('gt;', amp + 1) ? GT : undefined
    case 0x71 /* q */:
      return value.startsWith('quot;', amp + 1) ? QUOT : undefined
    default:
      return undefined
  }
}

/** The longest reference XML knows, `&#1114111;`: each yields at least one character. */
const LONGEST_REFERENCE = 10

/**
 * The least length a text can decode to, given `decoded` characters so far and `rest` still to
 * read: a flood of references is known to be too long after its first few, not read through.
 */
function atLeast(decoded: number, rest: number): number {
  return decoded + Math.ceil(rest / LONGEST_REFERENCE)
}

const hexReference = /^#x([0-9a-fA-F]{1,6});/
const decimalReference = /^#([0-9]{1,7});/

/**
 * Decodes the predefined entities and character references of `value`, which starts at
 * `offset` in the document; `fail` is called with the problem and its offset otherwise.
 * One pass: the pieces are joined once at the end. A text whose decoded form would be longer
 * than `max` is not decoded: what is returned is then longer than `max`, and reading stopped
 * as soon as the decoded text was sure to pass it (each reference yields at least one character).
 */
export function decode(
  value: string,
  offset: number,
  fail: (problem: string, at: number) => never,
  max = Number.POSITIVE_INFINITY,
): string {
  const amp = value.indexOf('&')
  if (amp === -1) return value
  // The usual case, predefined entities only, is checked in one pass (which also counts the
  // decoded length) and replaced natively: `&amp;` last, so the '&' it yields never starts
  // another entity.
  let saved = 0
  for (let at = amp; at !== -1; at = value.indexOf('&', at + 1)) {
    if (atLeast(at - saved, value.length - at) > max) return value
    const known = predefinedAt(value, at)
    if (known === undefined) return decodeEach(value, offset, fail, max)
    saved += known[1] - 1
  }
  if (value.length - saved > max) return value
  let out = value
  for (const [entity, char] of predefinedEntities) {
    // split/join: on a text of many entities it is several times faster than replaceAll.
    if (out.includes(entity)) out = out.split(entity).join(char)
  }
  return out
}

const predefinedEntities = [
  ['&lt;', '<'],
  ['&gt;', '>'],
  ['&quot;', '"'],
  ['&apos;', "'"],
  ['&amp;', '&'],
] as const

/** `decode` one reference after another, for text with character references or errors. */
function decodeEach(
  value: string,
  offset: number,
  fail: (problem: string, at: number) => never,
  max = Number.POSITIVE_INFINITY,
): string {
  const parts: string[] = []
  let last = 0
  let length = 0
  for (let amp = value.indexOf('&'); amp !== -1; amp = value.indexOf('&', last)) {
    if (atLeast(length, value.length - last) > max) return value
    if (amp > last) {
      parts.push(value.slice(last, amp))
      length += amp - last
    }
    length++
    const known = predefinedAt(value, amp)
    if (known) {
      parts.push(known[0])
      last = amp + known[1]
      continue
    }
    // An entity is at most 10 characters: look no further for its ';'.
    const entity = value.slice(amp + 1, amp + 12)
    const hex = hexReference.exec(entity)
    const dec = hex ? null : decimalReference.exec(entity)
    if (!hex && !dec) {
      const semi = entity.indexOf(';')
      const name = semi === -1 ? entity : entity.slice(0, semi)
      fail(
        semi === -1 || /[\s&]/.test(name) ? "a bare '&'" : 'an undefined entity reference',
        offset + amp,
      )
    }
    const match = (hex ?? dec) as RegExpExecArray
    const code = hex ? Number.parseInt(hex[1] as string, 16) : Number(match[1])
    if (!isXmlChar(code)) fail('an undefined entity reference', offset + amp)
    parts.push(String.fromCodePoint(code))
    last = amp + match[0].length + 1
  }
  if (last < value.length) parts.push(value.slice(last))
  return parts.join('')
}
