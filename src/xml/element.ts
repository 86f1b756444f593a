import { decode, isSpace } from './chars.js'
import type { XmlElement } from './parse.js'
import { IpsMockError } from '../errors/ips-mock-error.js'

/** The attributes of every element that has none. */
const noAttributes: Readonly<Record<string, string>> = Object.freeze(Object.create(null))

function never(): never {
  throw new IpsMockError({
    code: 'INTERNAL',
    action: 'decode an attribute',
    reason: 'an attribute checked while parsing failed to decode again',
  })
}

/**
 * The attributes of the start tag whose attribute list starts at `from` in `text`, namespace
 * declarations left out. The parser has checked the tag already: this only reads it.
 */
function readAttributes(text: string, from: number): Record<string, string> {
  const attributes: Record<string, string> = Object.create(null)
  let at = from
  for (;;) {
    while (isSpace(text.charCodeAt(at))) at++
    const code = text.charCodeAt(at)
    if (code === 0x3e /* > */ || code === 0x2f /* / */) return attributes
    const eq = text.indexOf('=', at)
    let nameEnd = eq
    while (isSpace(text.charCodeAt(nameEnd - 1))) nameEnd--
    const name = text.slice(at, nameEnd)
    let quote = eq + 1
    while (isSpace(text.charCodeAt(quote))) quote++
    const close = text.indexOf(text.charAt(quote), quote + 1)
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) {
      const raw = text.slice(quote + 1, close).replace(/[\n\t]/g, ' ')
      attributes[name] = decode(raw, quote + 1, never)
    }
    at = close + 1
  }
}

/**
 * A parsed element. Its attributes are read from the document when first asked for: nothing in
 * the mock reads them on the request path, and a document of a million attributes then costs
 * no million strings kept alive.
 */
export class Element implements XmlElement {
  children: XmlElement[] = []
  text = ''
  #attributes: Readonly<Record<string, string>> | undefined
  #source: string | undefined
  #from = 0

  constructor(
    public ns: string,
    public name: string,
  ) {}

  /** Marks the element as having attributes, listed in `source` from offset `from`. */
  hasAttributesAt(source: string, from: number): void {
    this.#source = source
    this.#from = from
  }

  get attributes(): Readonly<Record<string, string>> {
    if (this.#attributes === undefined) {
      this.#attributes =
        this.#source === undefined ? noAttributes : readAttributes(this.#source, this.#from)
      this.#source = undefined
    }
    return this.#attributes
  }
}
