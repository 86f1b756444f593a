import { fault, IpsFault } from '../faults/catalog.js'
import { defaults } from '../defaults.js'

/** An XML element with its namespace resolved; prefixes are gone once parsing is done. */
export interface XmlElement {
  /** Namespace URI ('' when none). */
  ns: string
  /** Local name. */
  name: string
  /** Attributes other than namespace declarations, by qualified name. */
  attributes: Readonly<Record<string, string>>
  children: XmlElement[]
  /** Concatenated character data directly inside this element (entities decoded). */
  text: string
}

/** Bounds on a document, so a hostile one cannot exhaust the mock. */
export interface XmlLimits {
  /** Deepest element nesting (default 64; IPS requests nest about 12 deep). */
  maxDepth: number
  /** Most elements in one document (default 100,000). */
  maxElements: number
  /** Longest text of one element or attribute value, in characters (default 1 Mi). */
  maxTextLength: number
}

export const defaultXmlLimits: XmlLimits = { ...defaults.xmlLimits }

const XML_NS = 'http://www.w3.org/XML/1998/namespace'
const predefined: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
const asciiName = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/
const unicodeName = /^[\p{L}_][\p{L}\p{N}_.-]*(?::[\p{L}_][\p{L}\p{N}_.-]*)?$/u

function isName(value: string): boolean {
  return asciiName.test(value) || unicodeName.test(value)
}

/** A-Z, a-z, _ */
function isAsciiNameStart(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f
}

/** Whether `text[from, to)` is an ASCII QName (`asciiName`), checked without a new string. */
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

/** The attributes of every element that has none. */
const noAttributes: Readonly<Record<string, string>> = Object.freeze(Object.create(null))
// eslint-disable-next-line no-control-regex -- these are the characters XML 1.0 forbids
const forbiddenChar = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/
/** XML white space: space, tab, line feed, carriage return. */
function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d
}

function malformed(reason: string, at?: number): never {
  throw fault(
    'invalidRequestXml',
    `Malformed XML: ${reason}${at === undefined ? '' : ` at offset ${at}`}`,
  )
}

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  )
}

/** Decodes the predefined entities and character references; anything else is malformed. */
function decode(value: string, at: number): string {
  if (!value.includes('&')) return value
  let out = ''
  let last = 0
  for (let amp = value.indexOf('&'); amp !== -1; amp = value.indexOf('&', last)) {
    const semi = value.indexOf(';', amp)
    const entity = semi === -1 ? '' : value.slice(amp + 1, semi)
    if (semi === -1 || entity.length > 10 || /[\s&]/.test(entity)) malformed(`bare '&'`, at + amp)
    let char = predefined[entity]
    if (char === undefined) {
      const hex = /^#x([0-9a-fA-F]{1,6})$/.exec(entity)
      const dec = /^#([0-9]{1,7})$/.exec(entity)
      const code = hex ? Number.parseInt(hex[1] as string, 16) : dec ? Number(dec[1]) : -1
      // The name is not echoed: it may be part of a password.
      if (!isXmlChar(code)) malformed('undefined entity reference', at + amp)
      char = String.fromCodePoint(code)
    }
    out += value.slice(last, amp) + char
    last = semi + 1
  }
  return out + value.slice(last)
}

/**
 * The namespaces in scope: the default one apart, as requests redeclare it on many elements,
 * and the prefixed ones, copied only when an element declares a prefix.
 */
interface Scope {
  readonly default: string
  readonly prefixed: ReadonlyMap<string, string>
}

interface Open {
  element: XmlElement
  qname: string
  scope: Scope
}

const rootScope: Scope = { default: '', prefixed: new Map([['xml', XML_NS]]) }

/**
 * Parses an XML document into namespace-resolved elements, in one pass. Strict where it matters
 * to a SOAP service: one root, matching tags, quoted and unique attributes, declared prefixes,
 * legal characters, the five predefined entities and character references only. DTDs are refused
 * outright, so no entity is ever expanded and nothing external is ever fetched.
 * @throws IpsFault 30003 for anything that is not one well-formed, DTD-free XML document.
 * @example parseXml('<a xmlns="urn:x"><b>1</b></a>').children[0]?.text // '1'
 */
export function parseXml(source: string, limits: XmlLimits = defaultXmlLimits): XmlElement {
  try {
    return parse(source, limits)
  } catch (error) {
    throw error instanceof IpsFault ? withoutPasswords(error, source) : error
  }
}

const passwordElement =
  /<(?:[\w.-]+:)?(?:password|AuthPassword)\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?(?:password|AuthPassword)\s*>/g

/**
 * A malformed password (one with a '<' in it, say) makes the parser quote pieces of it as tag
 * names. Those quotes are cut from the reason, so a password never comes back in a fault.
 */
function withoutPasswords(error: IpsFault, source: string): IpsFault {
  const secrets = [...source.matchAll(passwordElement)]
    .map((match) => match[1] ?? '')
    .filter(Boolean)
  if (secrets.length === 0) return error
  const reason = error.reason.replace(/'([^']*)'/g, (quoted, inner: string) => {
    const bare = inner.replace(/^[</]+|[</>]+$/g, '')
    return bare !== '' && secrets.some((secret) => secret.includes(bare)) ? "'…'" : quoted
  })
  return reason === error.reason ? error : new IpsFault(error.faultName, reason)
}

function parse(source: string, limits: XmlLimits): XmlElement {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source
  if (!/\S/.test(text)) malformed('the body is empty')
  for (let at = text.indexOf('<!'); at !== -1; at = text.indexOf('<!', at + 2)) {
    if (text.startsWith('DOCTYPE', at + 2) || text.startsWith('ENTITY', at + 2)) {
      malformed('a DOCTYPE is not allowed in a SOAP message')
    }
  }
  const bad = forbiddenChar.exec(text)
  if (bad)
    malformed(
      `character U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')} is not allowed`,
      bad.index,
    )

  const stack: Open[] = []
  let root: XmlElement | undefined
  let count = 0
  let at = 0
  const length = text.length

  while (at < length) {
    const lt = text.indexOf('<', at)
    const chunk = lt === -1 ? text.slice(at) : text.slice(at, lt)
    if (chunk.length > 0) {
      const top = stack.at(-1)
      if (top) appendText(top.element, decode(chunk, at), limits, at)
      else if (chunk.trim() !== '') malformed('text outside the root element', at)
    }
    if (lt === -1) break
    at = lt
    const next = text.charCodeAt(at + 1)
    if (next === 0x2f /* </ */) {
      const end = text.indexOf('>', at)
      if (end === -1) malformed('unterminated end tag', at)
      const open = stack.pop()
      if (!open || !closes(text, at + 2, end, open.qname)) {
        const qname = text.slice(at + 2, end).trimEnd()
        if (!open) malformed(`end tag '${qname}' without a start tag`, at)
        malformed(`expected '</${open.qname}>', found '</${qname}>'`, at)
      }
      at = end + 1
    } else if (next === 0x21 /* <! */) {
      if (text.startsWith('<!--', at)) {
        const end = text.indexOf('-->', at + 4)
        if (end === -1) malformed('unterminated comment', at)
        at = end + 3
      } else if (text.startsWith('<![CDATA[', at)) {
        const end = text.indexOf(']]>', at + 9)
        const top = stack.at(-1)
        if (end === -1) malformed('unterminated CDATA section', at)
        if (!top) malformed('CDATA outside the root element', at)
        appendText(top.element, text.slice(at + 9, end), limits, at)
        at = end + 3
      } else {
        malformed('unexpected markup declaration', at)
      }
    } else if (next === 0x3f /* <? */) {
      const end = text.indexOf('?>', at + 2)
      if (end === -1) malformed('unterminated processing instruction', at)
      const target = /^<\?([^\s?]+)/.exec(text.slice(at, end))?.[1] ?? ''
      if (target.toLowerCase() === 'xml' && at !== 0)
        malformed('the XML declaration must come first', at)
      at = end + 2
    } else {
      if (root && stack.length === 0) malformed('a document must have exactly one root element', at)
      const tag = startTag(text, at, stack.at(-1), limits)
      if (++count > limits.maxElements) malformed(`more than ${limits.maxElements} elements`)
      root ??= tag.open.element
      if (!tag.selfClosing) {
        if (stack.length >= limits.maxDepth)
          malformed(`elements nested deeper than ${limits.maxDepth}`, at)
        stack.push(tag.open)
      }
      at = tag.next
    }
  }
  if (stack.length > 0) malformed(`'<${stack.at(-1)?.qname}>' is not closed`)
  if (!root) malformed('a document must have exactly one root element')
  return root
}

/** Whether the end tag whose name starts at `from` (its '>' at `end`) closes `qname`. */
function closes(text: string, from: number, end: number, qname: string): boolean {
  const length = qname.length
  if (from + length > end) return false
  for (let index = 0; index < length; index++) {
    if (text.charCodeAt(from + index) !== qname.charCodeAt(index)) return false
  }
  for (let at = from + length; at < end; at++) {
    if (!isSpace(text.charCodeAt(at))) return false
  }
  return true
}

function appendText(element: XmlElement, chunk: string, limits: XmlLimits, at: number): void {
  if (element.text.length + chunk.length > limits.maxTextLength) {
    malformed(`text longer than ${limits.maxTextLength} characters`, at)
  }
  element.text += chunk
}

/** Reads a start tag at `start`: the element, whether it closes itself, where parsing goes on. */
function startTag(
  text: string,
  start: number,
  parent: Open | undefined,
  limits: XmlLimits,
): { open: Open; selfClosing: boolean; next: number } {
  let at = start + 1
  for (; at < text.length; at++) {
    const code = text.charCodeAt(at)
    if (isSpace(code) || code === 0x3e || code === 0x2f) break
  }
  const qname = text.slice(start + 1, at)
  if (!isAsciiQName(text, start + 1, at) && !isName(qname)) {
    malformed(`invalid element name '${qname}'`, start)
  }
  let scope = parent?.scope ?? rootScope
  let attributes = noAttributes as Record<string, string>
  let seen: Set<string> | undefined
  for (;;) {
    const before = at
    while (at < text.length && isSpace(text.charCodeAt(at))) at++
    const char = text[at]
    if (char === undefined) malformed(`unterminated start tag '<${qname}'`, start)
    if (char === '>' || (char === '/' && text[at + 1] === '>')) break
    if (at === before) malformed(`whitespace expected between attributes of '<${qname}>'`, at)
    const eq = text.indexOf('=', at)
    if (eq === -1) malformed(`attribute without a value in '<${qname}>'`, at)
    const attribute = text.slice(at, eq).trimEnd()
    if (!isAsciiQName(attribute, 0, attribute.length) && !isName(attribute)) {
      malformed(`invalid attribute name '${attribute}' in '<${qname}>'`, at)
    }
    let quote = eq + 1
    while (quote < text.length && isSpace(text.charCodeAt(quote))) quote++
    const mark = text[quote]
    if (mark !== '"' && mark !== "'") malformed(`attribute '${attribute}' must be quoted`, quote)
    const close = text.indexOf(mark, quote + 1)
    if (close === -1) malformed(`unterminated value of attribute '${attribute}'`, quote)
    if (close - quote - 1 > limits.maxTextLength) {
      malformed(`attribute '${attribute}' is longer than ${limits.maxTextLength} characters`, quote)
    }
    const raw = text.slice(quote + 1, close)
    if (raw.includes('<')) malformed(`'<' in the value of attribute '${attribute}'`, quote)
    if (seen?.has(attribute)) malformed(`attribute '${attribute}' is repeated`, at)
    ;(seen ??= new Set()).add(attribute)
    const value = decode(raw, quote + 1)
    if (attribute === 'xmlns' || attribute.startsWith('xmlns:')) {
      const prefix = attribute === 'xmlns' ? '' : attribute.slice(6)
      if (prefix !== '' && value === '')
        malformed(`namespace prefix '${prefix}' bound to an empty URI`, at)
      if (prefix === '') {
        scope = { default: value, prefixed: scope.prefixed }
      } else {
        const prefixed = new Map(scope.prefixed).set(prefix, value)
        scope = { default: scope.default, prefixed }
      }
    } else {
      if (attributes === noAttributes) attributes = Object.create(null)
      attributes[attribute] = value
    }
    at = close + 1
  }
  const colon = qname.indexOf(':')
  const prefix = colon === -1 ? '' : qname.slice(0, colon)
  const ns = colon === -1 ? scope.default : scope.prefixed.get(prefix)
  if (ns === undefined) malformed(`namespace prefix '${prefix}' is not declared`, start)
  const element: XmlElement = {
    ns,
    name: colon === -1 ? qname : qname.slice(colon + 1),
    attributes,
    children: [],
    text: '',
  }
  parent?.element.children.push(element)
  const selfClosing = text[at] === '/'
  return { open: { element, qname, scope }, selfClosing, next: at + (selfClosing ? 2 : 1) }
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }

/** Escapes text for element content or a double-quoted attribute value. */
export function escapeXml(value: string): string {
  return /[&<>"]/.test(value) ? value.replace(/[&<>"]/g, (char) => escapes[char] ?? char) : value
}
