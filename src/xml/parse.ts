import { decode, forbiddenChar, isQName, isSpace } from './chars.js'
import { Bindings } from './bindings.js'
import { Element } from './element.js'
import { XmlSyntaxError } from './error.js'
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

/**
 * Bounds on a document, so a hostile one cannot exhaust the mock.
 * @example
 * const limits: Partial<XmlLimits> = { maxDepth: 32, maxElements: 10_000 }
 * const mock = createIpsMock({ xmlLimits: limits })
 */
export interface XmlLimits {
  /** Deepest element nesting (default 64; IPS requests nest about 12 deep). */
  maxDepth: number
  /** Most elements in one document (default 100,000). */
  maxElements: number
  /** Longest text of one element or attribute value, in characters (default 1 Mi). */
  maxTextLength: number
  /** Longest element or attribute name, in characters (default 1,024). */
  maxNameLength: number
  /**
   * Most attributes in one document, namespace declarations included (default 10,000; IPS
   * requests carry a handful).
   */
  maxAttributes: number
}

/**
 * The limits requests are parsed with unless `createIpsMock({ xmlLimits })` says otherwise.
 * @example createIpsMock({ xmlLimits: { ...defaultXmlLimits, maxDepth: 32 } })
 */
export const defaultXmlLimits: XmlLimits = { ...defaults.xmlLimits }

/** How much text one check for forbidden characters covers at least. */
const CHECK_WINDOW = 64 * 1024

interface Open {
  element: XmlElement
  qname: string
  /** The bindings' mark before this element's declarations. */
  mark: number
}

/**
 * Parses an XML document into namespace-resolved elements, in one pass that is linear in the
 * document's length. Strict where it matters to a SOAP service: one root, matching tags, quoted
 * and unique attributes, declared prefixes, legal characters, the five predefined entities and
 * character references only. DTDs are refused outright, so no entity is ever expanded and
 * nothing external is ever fetched. Line ends are normalised as XML 1.0 §2.11 requires (CR LF
 * and a lone CR read as LF; `&#13;` keeps a CR), attribute values as §3.3.3 does.
 * @throws XmlSyntaxError naming the problem and its line and column, never quoting the text.
 * @example parseXml('<a xmlns="urn:x"><b>1</b></a>').children[0]?.text // '1'
 */
export function parseXml(source: string, limits: XmlLimits = defaultXmlLimits): XmlElement {
  let text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n')
  return new Parser(text, limits).document()
}

function malformed(text: string, problem: string, at?: number): never {
  throw new XmlSyntaxError(problem, at, text)
}

class Parser {
  readonly #bindings = new Bindings()
  readonly #stack: Open[] = []
  #count = 0
  #attributeCount = 0
  /** The text before this offset holds no character XML forbids. */
  #checked = 0

  constructor(
    readonly text: string,
    readonly limits: XmlLimits,
  ) {}

  readonly fail = (problem: string, at: number): never => malformed(this.text, problem, at)

  document(): XmlElement {
    const { text, limits } = this
    const stack = this.#stack
    if (!/\S/.test(text)) malformed(text, 'the body is empty')

    let root: XmlElement | undefined
    let at = 0
    const length = text.length
    while (at < length) {
      const lt = text.indexOf('<', at)
      const end = lt === -1 ? length : lt
      if (end > at) {
        const top = stack.at(-1)
        const chunk = text.slice(at, end)
        // Character data may not hold the CDATA end marker (XML 1.0 §2.4).
        const marker = chunk.indexOf(']]>')
        if (marker !== -1)
          malformed(text, 'a CDATA end marker outside a CDATA section', at + marker)
        if (top) {
          // A text too long is refused before it is read through or its characters checked.
          const room = limits.maxTextLength - top.element.text.length
          this.#appendText(top.element, decode(chunk, at, this.fail, room), at)
        } else if (chunk.trim() !== '') {
          malformed(text, 'text outside the root element', at)
        }
        this.#checkChars(end)
      }
      if (lt === -1) break
      at = lt
      const next = text.charCodeAt(at + 1)
      if (next === 0x2f /* </ */) {
        at = this.#endTag(at)
      } else if (next === 0x21 /* <! */) {
        if (text.startsWith('<!--', at)) {
          const close = text.indexOf('-->', at + 4)
          if (close === -1) malformed(text, 'a comment is not closed', at)
          at = close + 3
        } else if (text.startsWith('<![CDATA[', at)) {
          const close = text.indexOf(']]>', at + 9)
          const top = stack.at(-1)
          if (close === -1) malformed(text, 'a CDATA section is not closed', at)
          if (!top) malformed(text, 'CDATA outside the root element', at)
          this.#appendText(top.element, text.slice(at + 9, close), at)
          at = close + 3
        } else if (text.startsWith('DOCTYPE', at + 2) || text.startsWith('ENTITY', at + 2)) {
          // Refused where it stands, so nothing in it is ever read, let alone expanded.
          malformed(text, 'a DOCTYPE is not allowed in a SOAP message', at)
        } else {
          malformed(text, 'an unexpected markup declaration', at)
        }
      } else if (next === 0x3f /* <? */) {
        const close = text.indexOf('?>', at + 2)
        if (close === -1) malformed(text, 'a processing instruction is not closed', at)
        let target = at + 2
        while (target < close && !isSpace(text.charCodeAt(target))) target++
        if (target - at === 5 && text.slice(at + 2, target).toLowerCase() === 'xml' && at !== 0)
          malformed(text, 'the XML declaration must come first', at)
        at = close + 2
      } else {
        if (root && stack.length === 0) malformed(text, 'a second root element', at)
        if (++this.#count > limits.maxElements)
          malformed(text, `more than ${limits.maxElements} elements`, at)
        const started = this.#startTag(at)
        root ??= started.element
        at = started.next
      }
      this.#checkChars(at)
    }
    this.#checkChars(length)
    const open = stack.at(-1)
    if (open) malformed(text, 'an element is not closed', length)
    if (!root) malformed(text, 'no root element')
    return root
  }

  /**
   * Checks the text up to `end`, and a window beyond it so the checks stay few, for characters
   * XML does not allow. Checking as the parse goes, not all at once first, keeps a document
   * refused early from costing a scan of all of it.
   */
  #checkChars(end: number): void {
    const checked = this.#checked
    if (end <= checked) return
    const { text } = this
    const to = Math.min(text.length, Math.max(end, checked + CHECK_WINDOW))
    const bad = forbiddenChar.exec(text.slice(checked, to))
    if (bad) malformed(text, 'a character XML does not allow', checked + bad.index)
    this.#checked = to
  }

  #appendText(element: XmlElement, chunk: string, at: number): void {
    const max = this.limits.maxTextLength
    if (element.text.length + chunk.length > max)
      malformed(this.text, `text longer than ${max} characters`, at)
    element.text += chunk
  }

  /** Reads the end tag at `start`; returns where parsing goes on. */
  #endTag(start: number): number {
    const { text } = this
    const close = text.indexOf('>', start)
    if (close === -1) malformed(text, 'an end tag is not closed', start)
    const open = this.#stack.pop()
    if (!open) malformed(text, 'an end tag without a start tag', start)
    const qname = open.qname
    const length = qname.length
    let matches = start + 2 + length <= close
    for (let index = 0; matches && index < length; index++) {
      matches = text.charCodeAt(start + 2 + index) === qname.charCodeAt(index)
    }
    for (let at = start + 2 + length; matches && at < close; at++) {
      matches = isSpace(text.charCodeAt(at))
    }
    if (!matches) malformed(text, 'an end tag that does not match its start tag', start)
    this.#bindings.restore(open.mark)
    return close + 1
  }

  /** Reads the start tag at `start`: pushes or closes its element, returns where parsing goes on. */
  #startTag(start: number): { element: XmlElement; next: number } {
    const { text, limits } = this
    const bindings = this.#bindings
    const stack = this.#stack
    let at = start + 1
    while (at < text.length) {
      const code = text.charCodeAt(at)
      if (isSpace(code) || code === 0x3e || code === 0x2f) break
      if (at - start > limits.maxNameLength) {
        malformed(text, `a name longer than ${limits.maxNameLength} characters`, start)
      }
      at++
    }
    if (!isQName(text, start + 1, at)) malformed(text, 'an invalid element name', start)
    const qname = text.slice(start + 1, at)
    const mark = bindings.mark
    const listed = at
    let attributes = false
    let names: string[] | undefined, seen: Set<string> | undefined
    for (;;) {
      const before = at
      while (at < text.length && isSpace(text.charCodeAt(at))) at++
      const char = text.charCodeAt(at)
      if (Number.isNaN(char)) malformed(text, 'a start tag is not closed', start)
      if (char === 0x3e || (char === 0x2f && text.charCodeAt(at + 1) === 0x3e)) break
      if (at === before) malformed(text, 'white space expected between attributes', at)
      const eq = text.indexOf('=', at)
      if (eq === -1) malformed(text, 'an attribute without a value', at)
      let nameEnd = eq
      while (nameEnd > at && isSpace(text.charCodeAt(nameEnd - 1))) nameEnd--
      if (nameEnd - at > limits.maxNameLength) {
        // Only as much of it is read as the limit allows.
        const tooLong = isQName(text, at, at + limits.maxNameLength)
        if (tooLong) malformed(text, `a name longer than ${limits.maxNameLength} characters`, at)
      }
      if (!isQName(text, at, nameEnd)) malformed(text, 'an invalid attribute name', at)
      const attribute = text.slice(at, nameEnd)
      let quote = eq + 1
      while (quote < text.length && isSpace(text.charCodeAt(quote))) quote++
      const quoteChar = text[quote]
      if (quoteChar !== '"' && quoteChar !== "'")
        malformed(text, 'an attribute value is not quoted', quote)
      const close = text.indexOf(quoteChar, quote + 1)
      if (close === -1) malformed(text, 'an attribute value is not closed', quote)
      if (close - quote - 1 > limits.maxTextLength) {
        malformed(text, `an attribute value longer than ${limits.maxTextLength} characters`, quote)
      }
      if (++this.#attributeCount > limits.maxAttributes) {
        malformed(text, `more than ${limits.maxAttributes} attributes`, at)
      }
      // A few attributes are compared in a row; a Set takes over for more.
      names ??= []
      if (names.length < 8 ? names.includes(attribute) : (seen ??= new Set(names)).has(attribute)) {
        malformed(text, 'a repeated attribute', at)
      }
      names.push(attribute)
      seen?.add(attribute)
      let raw = text.slice(quote + 1, close)
      if (raw.includes('<')) malformed(text, "'<' in an attribute value", quote)
      // Attribute-value normalisation (§3.3.3): literal white space reads as a space.
      if (raw.includes('\n') || raw.includes('\t')) raw = raw.replace(/[\n\t]/g, ' ')
      const value = decode(raw, quote + 1, this.fail)
      if (attribute === 'xmlns') {
        bindings.bind('', value)
      } else if (attribute.startsWith('xmlns:')) {
        if (value === '') malformed(text, 'a namespace prefix bound to an empty URI', at)
        bindings.bind(attribute.slice(6), value)
      } else {
        attributes = true
      }
      at = close + 1
    }
    const colon = qname.indexOf(':')
    const ns = bindings.uri(colon === -1 ? '' : qname.slice(0, colon))
    if (ns === undefined) malformed(text, 'an undeclared namespace prefix', start)
    const element = new Element(ns, colon === -1 ? qname : qname.slice(colon + 1))
    if (attributes) element.hasAttributesAt(text, listed)
    stack.at(-1)?.element.children.push(element)
    if (text.charCodeAt(at) === 0x2f /* /> */) {
      bindings.restore(mark)
      return { element, next: at + 2 }
    }
    if (stack.length >= limits.maxDepth)
      malformed(text, `elements nested deeper than ${limits.maxDepth}`, start)
    stack.push({ element, qname, mark })
    return { element, next: at + 1 }
  }
}
