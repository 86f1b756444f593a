import { XMLParser } from 'fast-xml-parser'
import { fault } from './faults.js'

/** An XML element with its namespace resolved; prefixes are gone once parsing is done. */
export interface XmlElement {
  /** Namespace URI ('' when none). */
  ns: string
  /** Local name. */
  name: string
  attributes: Readonly<Record<string, string>>
  children: XmlElement[]
  /** Concatenated character data directly inside this element (entities decoded). */
  text: string
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace'

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Entities are decoded below, strictly: fast-xml-parser leaves numeric references alone and
  // passes unknown ones through, where XML requires a well-formedness error.
  processEntities: false,
  htmlEntities: false,
})

const predefined: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
const entityPattern = /&([^;&\s]*);?/g

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

function decodeEntities(value: string): string {
  if (!value.includes('&')) return value
  return value.replace(entityPattern, (match, name: string) => {
    if (!match.endsWith(';'))
      throw fault('invalidRequestXml', `Malformed XML: bare '&' in "${match}"`)
    const named = predefined[name]
    if (named !== undefined) return named
    const numeric = /^#x([0-9a-fA-F]{1,6})$/.exec(name) ?? /^#([0-9]{1,7})$/.exec(name)
    if (numeric?.[1] !== undefined) {
      const code = Number.parseInt(numeric[1], name.startsWith('#x') ? 16 : 10)
      if (isXmlChar(code)) return String.fromCodePoint(code)
    }
    throw fault('invalidRequestXml', `Malformed XML: undefined entity '&${name};'`)
  })
}

type RawNode = Record<string, unknown>

function splitName(qualified: string): [prefix: string, local: string] {
  const colon = qualified.indexOf(':')
  return colon === -1 ? ['', qualified] : [qualified.slice(0, colon), qualified.slice(colon + 1)]
}

function toElement(tag: string, node: RawNode, scope: ReadonlyMap<string, string>): XmlElement {
  const rawAttributes = (node[':@'] ?? {}) as Record<string, string>
  let inner = scope
  const attributes: Record<string, string> = Object.create(null)
  for (const [key, raw] of Object.entries(rawAttributes)) {
    const value = decodeEntities(raw)
    if (key === 'xmlns' || key.startsWith('xmlns:')) {
      if (inner === scope) inner = new Map(scope)
      ;(inner as Map<string, string>).set(key === 'xmlns' ? '' : key.slice(6), value)
    } else {
      attributes[key] = value
    }
  }
  const [prefix, name] = splitName(tag)
  const ns = inner.get(prefix)
  if (ns === undefined) {
    throw fault('invalidRequestXml', `Malformed XML: namespace prefix '${prefix}' is not declared`)
  }
  const element: XmlElement = { ns, name, attributes, children: [], text: '' }
  for (const child of (node[tag] ?? []) as RawNode[]) {
    const childTag = Object.keys(child).find((key) => key !== ':@')
    if (childTag === undefined) continue
    if (childTag === '#text') element.text += decodeEntities(String(child[childTag]))
    else element.children.push(toElement(childTag, child, inner))
  }
  return element
}

const rootScope: ReadonlyMap<string, string> = new Map([
  ['', ''],
  ['xml', XML_NS],
])

/**
 * Parses an XML document into namespace-resolved elements. Rejects DTDs outright, so no entity
 * is ever expanded and nothing external is ever fetched.
 * @throws IpsFault 30003 for anything that is not one well-formed, DTD-free XML document.
 * @example parseXml('<a xmlns="urn:x"><b>1</b></a>').children[0]?.text // '1'
 */
export function parseXml(source: string): XmlElement {
  if (source.includes('<!DOCTYPE') || source.includes('<!ENTITY')) {
    throw fault('invalidRequestXml', 'Malformed XML: a DOCTYPE is not allowed in a SOAP message')
  }
  if (source.trim() === '') throw fault('invalidRequestXml', 'Malformed XML: the body is empty')
  let nodes: RawNode[]
  try {
    nodes = parser.parse(source, true) as RawNode[]
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    throw fault('invalidRequestXml', `Malformed XML: ${detail}`)
  }
  const roots = nodes.filter((node) => !('#text' in node) || String(node['#text']).trim() !== '')
  const root = roots[0]
  const tag = root && Object.keys(root).find((key) => key !== ':@')
  if (roots.length !== 1 || !root || tag === undefined || tag === '#text') {
    throw fault('invalidRequestXml', 'Malformed XML: a document must have exactly one root element')
  }
  return toElement(tag, root, rootScope)
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }

/** Escapes text for element content or a double-quoted attribute value. */
export function escapeXml(value: string): string {
  return /[&<>"]/.test(value) ? value.replace(/[&<>"]/g, (char) => escapes[char] ?? char) : value
}
