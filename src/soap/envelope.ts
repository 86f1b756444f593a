import { fault } from '../faults/catalog.js'
import { SOAP11, SOAP12, type SoapVersion } from './namespaces.js'
import type { XmlElement } from '../xml/parse.js'

/** The parts of a SOAP request envelope the exchange needs. */
export interface SoapEnvelope {
  version: SoapVersion
  /** Children of `Header` (empty when there is no Header). */
  headers: XmlElement[]
  /** The single child of `Body`: the operation's `*Param` element. */
  body: XmlElement
}

/**
 * Reads a parsed SOAP 1.1 or 1.2 envelope. Namespace URIs decide, never prefixes.
 * @throws IpsFault 30003 when the document is not a SOAP envelope with exactly one Body child.
 * @example readEnvelope(parseXml(text)).body.name // 'submitJobParam'
 */
export function readEnvelope(root: XmlElement): SoapEnvelope {
  const version: SoapVersion | undefined =
    root.ns === SOAP11 ? '1.1' : root.ns === SOAP12 ? '1.2' : undefined
  if (root.name !== 'Envelope' || version === undefined) {
    const found = root.ns ? `{${root.ns}}${root.name}` : root.name
    throw fault(
      'invalidRequestXml',
      `Not a SOAP message: the root element is ${found}, expected a SOAP 1.1 or 1.2 Envelope`,
    )
  }
  const parts = root.children
  const header = parts[0]?.name === 'Header' && parts[0].ns === root.ns ? parts[0] : undefined
  const body = parts[header ? 1 : 0]
  if (body?.name !== 'Body' || body.ns !== root.ns) {
    throw fault('invalidRequestXml', 'Envelope: expected an optional Header followed by a Body')
  }
  if (parts.length > (header ? 2 : 1)) {
    throw fault('invalidRequestXml', 'Envelope: nothing may follow the Body')
  }
  if (body.children.length !== 1 || body.text.trim() !== '') {
    throw fault(
      'invalidRequestXml',
      `Body: expected exactly one operation element, found ${body.children.length}${body.text.trim() ? ' and text' : ''}`,
    )
  }
  return { version, headers: header?.children ?? [], body: body.children[0] as XmlElement }
}
