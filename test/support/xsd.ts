/**
 * An independent XSD oracle for the test suite: checks IPS documents and whole SOAP responses against
 * the reference schemas in fixtures/xsd with libxml2 (libxml2-wasm), never with the mock's own code.
 *
 * - fixtures/xsd/ips.xsd: the *Param / *Return elements, written for one versioned namespace; it is
 *   compiled once per IPS namespace with its targetNamespace (and tns binding) rewritten.
 * - fixtures/xsd/ips-base.xsd: the unversioned namespace's authHeader and the three fault elements.
 *   It is always compiled on its own: for the unversioned namespace both files declare authHeader.
 * - fixtures/xsd/soap11-envelope.xsd, soap12-envelope.xsd: the envelope structure.
 *
 * Everything is synchronous: libxml2-wasm instantiates its wasm module with a top-level await, so it
 * is ready once the import resolves. Compiled validators are cached; documents are disposed.
 */
import { readFileSync } from 'node:fs'
import { XmlDocument, XmlElement, XmlLibError, type XmlTreeNode, XsdValidator } from 'libxml2-wasm'
import { xsdForVersion } from './versions.js'

export interface XsdResult {
  valid: boolean
  errors: string[]
}

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/'
const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope'
const XML_NS = 'http://www.w3.org/XML/1998/namespace'
const SCHEMA11 = 'soap11-envelope.xsd'
const SCHEMA12 = 'soap12-envelope.xsd'
const IPS_BASE = 'http://www.scene7.com/IpsApi/xsd'
/** The unversioned namespace or a dated one such as …/xsd/2014-04-03 or …/xsd/2022-11-01-beta. */
const IPS_NAMESPACE = /^http:\/\/www\.scene7\.com\/IpsApi\/xsd(?:\/\d{4}-\d{2}-\d{2}(?:-beta)?)?$/
/** The global elements of ips-base.xsd. */
const FAULT_ELEMENTS = new Set(['authenticationFault', 'authorizationFault', 'ipsApiFault'])
const BASE_ELEMENTS = new Set([...FAULT_ELEMENTS, 'authHeader'])
/** Compiled ips.xsd copies kept at most (one per namespace; older ones are disposed). */
const MAX_CACHED_NAMESPACES = 16

const xsdFolder = new URL('../../fixtures/xsd/', import.meta.url)
const readXsd = (name: string) => readFileSync(new URL(name, xsdFolder), 'utf8')

/** Parses a schema text and compiles it; the schema document is disposed either way. */
function compile(text: string, label: string): XsdValidator {
  const doc = XmlDocument.fromString(text)
  try {
    return XsdValidator.fromDoc(doc)
  } catch (error) {
    throw new Error(`cannot compile ${label}: ${describe(error).join('; ')}`, { cause: error })
  } finally {
    doc.dispose()
  }
}

const singletons = new Map<string, XsdValidator>()
function singleton(file: string): XsdValidator {
  let validator = singletons.get(file)
  if (!validator) {
    validator = compile(readXsd(file), file)
    singletons.set(file, validator)
  }
  return validator
}

let ipsTemplate: string | undefined
const ipsValidators = new Map<string, XsdValidator>()

/** ips.xsd compiled for `namespace`, from a small most-recently-used cache. */
function ipsValidator(namespace: string): XsdValidator {
  const cached = ipsValidators.get(namespace)
  if (cached) {
    ipsValidators.delete(namespace)
    ipsValidators.set(namespace, cached)
    return cached
  }
  ipsTemplate ??= readXsd('ips.xsd')
  let replaced = 0
  const text = ipsTemplate.replace(/\b(targetNamespace|xmlns:tns)="[^"]*"/g, (_, name: string) => {
    replaced++
    return `${name}="${namespace}"`
  })
  if (replaced !== 2) throw new Error(`ips.xsd: expected targetNamespace and xmlns:tns on the root`)
  // Each API version has its own schema: the elements added after it are not part of it.
  const version = namespace === IPS_BASE ? undefined : namespace.slice(IPS_BASE.length + 1)
  const validator = compile(xsdForVersion(text, version), `ips.xsd for ${namespace}`)
  ipsValidators.set(namespace, validator)
  if (ipsValidators.size > MAX_CACHED_NAMESPACES) {
    const [oldest, evicted] = ipsValidators.entries().next().value as [string, XsdValidator]
    ipsValidators.delete(oldest)
    evicted.dispose()
  }
  return validator
}

/** `{namespace}local` or `local`, the way libxml2 names elements in its messages. */
function qname(element: XmlElement): string {
  return element.namespaceUri ? `{${element.namespaceUri}}${element.name}` : element.name
}

/** One line per libxml2 diagnostic (message, then the XPath of the node when known). */
function describe(error: unknown): string[] {
  if (error instanceof XmlLibError && error.details.length > 0) {
    return error.details.map((d) => `${d.message.trim()}${d.xpath ? ` (at ${d.xpath})` : ''}`)
  }
  return [error instanceof Error ? error.message : String(error)]
}

/** Validates an element (a document root or any subtree) and prefixes the diagnostics. */
function check(validator: XsdValidator, target: XmlDocument | XmlElement, label: string): string[] {
  try {
    if (target instanceof XmlDocument) validator.validate(target)
    else validator.validate(target)
    return []
  } catch (error) {
    return describe(error).map((message) => `${label}: ${message}`)
  }
}

function children(element: XmlElement): XmlElement[] {
  const found: XmlElement[] = []
  for (let node: XmlTreeNode | null = element.firstChild; node; node = node.next) {
    if (node instanceof XmlElement) found.push(node)
  }
  return found
}

/** Parses `xml`, runs `body` on the document, and always disposes it. */
function withDocument(xml: string, body: (doc: XmlDocument) => string[]): XsdResult {
  let doc: XmlDocument
  try {
    doc = XmlDocument.fromString(xml)
  } catch (error) {
    return { valid: false, errors: describe(error).map((m) => `not well-formed XML: ${m}`) }
  }
  try {
    const errors = body(doc)
    return { valid: errors.length === 0, errors }
  } finally {
    doc.dispose()
  }
}

/** Checks an element of an IPS namespace against ips-base.xsd or the rewritten ips.xsd. */
function ipsCheck(element: XmlElement): string[] {
  const namespace = element.namespaceUri
  if (!IPS_NAMESPACE.test(namespace)) {
    return [`${qname(element)} is not in an IPS namespace (${IPS_BASE}[/YYYY-MM-DD[-beta]])`]
  }
  if (namespace !== IPS_BASE && FAULT_ELEMENTS.has(element.name)) {
    return [`${element.name} must be in ${IPS_BASE}, found ${namespace}`]
  }
  if (namespace === IPS_BASE && BASE_ELEMENTS.has(element.name)) {
    return check(singleton('ips-base.xsd'), element, 'ips-base.xsd')
  }
  return check(ipsValidator(namespace), element, 'ips.xsd')
}

/**
 * Validates one IPS document (its root element is e.g. submitJobReturn, getActiveJobsParam,
 * ipsApiFault) against the reference XSD for the root element's namespace: ips-base.xsd for the
 * unversioned namespace's authHeader and fault elements, otherwise ips.xsd rewritten to the namespace.
 */
export function validateIpsElement(xml: string): XsdResult {
  return withDocument(xml, (doc) => ipsCheck(doc.root))
}

/** The SOAP 1.1 or 1.2 Fault: its xml:lang (1.2) and its single IPS fault detail element. */
function faultCheck(fault: XmlElement, soap: string): string[] {
  const errors: string[] = []
  const parts = children(fault)
  if (soap === SOAP12) {
    const reason = parts.find((e) => e.name === 'Reason' && e.namespaceUri === SOAP12)
    for (const text of reason ? children(reason) : []) {
      if (!text.attrs.some((a) => a.name === 'lang' && a.namespaceUri === XML_NS)) {
        errors.push(`${SCHEMA12}: Element '${qname(text)}': the attribute xml:lang is required`)
      }
    }
  }
  const detail =
    soap === SOAP11
      ? parts.find((e) => e.name === 'detail' && e.namespaceUri === '')
      : parts.find((e) => e.name === 'Detail' && e.namespaceUri === SOAP12)
  const detailName = soap === SOAP11 ? 'detail' : `{${SOAP12}}Detail`
  if (!detail) return [...errors, `Fault: an IPS fault must carry a ${detailName} element`]
  const entries = children(detail)
  if (entries.length !== 1) {
    const names = entries.map(qname).join(', ') || 'none'
    return [...errors, `${detailName}: expected exactly one fault element, found ${names}`]
  }
  const entry = entries[0] as XmlElement
  if (entry.namespaceUri !== IPS_BASE || !FAULT_ELEMENTS.has(entry.name)) {
    return [
      ...errors,
      `${detailName}: ${qname(entry)} is not an IPS fault element ({${IPS_BASE}}authenticationFault, authorizationFault or ipsApiFault)`,
    ]
  }
  return [...errors, ...check(singleton('ips-base.xsd'), entry, 'ips-base.xsd')]
}

/**
 * Validates a whole SOAP 1.1 or 1.2 response envelope: the envelope structure (Envelope, optional
 * Header, Body; for a fault, SOAP 1.1 faultcode/faultstring/detail or SOAP 1.2 Code/Reason/Detail),
 * and the single Body child (a *Return element, validated against ips.xsd with its targetNamespace
 * swapped to the element's own namespace) or the fault detail child (validated against ips-base.xsd).
 */
export function validateSoapResponse(xml: string): XsdResult {
  return withDocument(xml, (doc) => {
    const envelope = doc.root
    const soap = envelope.namespaceUri
    if (envelope.name !== 'Envelope' || (soap !== SOAP11 && soap !== SOAP12)) {
      return [`the root element ${qname(envelope)} is not a SOAP 1.1 or 1.2 Envelope`]
    }
    const schema = soap === SOAP11 ? SCHEMA11 : SCHEMA12
    const errors = check(singleton(schema), doc, schema)
    const body = children(envelope).find((e) => e.name === 'Body' && e.namespaceUri === soap)
    if (!body) return errors.length > 0 ? errors : [`Envelope: no {${soap}}Body`]
    const content = children(body)
    if (content.length !== 1) {
      const names = content.map(qname).join(', ') || 'none'
      return [...errors, `Body: expected exactly one child element, found ${names}`]
    }
    const child = content[0] as XmlElement
    if (child.name === 'Fault' && child.namespaceUri === soap) {
      return [...errors, ...faultCheck(child, soap)]
    }
    if (!child.name.endsWith('Return')) {
      return [...errors, `Body: ${qname(child)} is neither a *Return element nor a {${soap}}Fault`]
    }
    return [...errors, ...ipsCheck(child)]
  })
}

/** Throws an Error listing the problems when validateSoapResponse fails; for use in tests: expectValidSoap(await response.text()). */
export function expectValidSoap(xml: string): void {
  const { valid, errors } = validateSoapResponse(xml)
  if (valid) return
  const excerpt = xml.length > 2000 ? `${xml.slice(0, 2000)}…` : xml
  throw new Error(
    `SOAP response is not valid against the reference XSDs:\n${errors.map((e) => `  - ${e}`).join('\n')}\nin:\n${excerpt}`,
  )
}

/** Checks an element already parsed by libxml2 (e.g. a request's Body child) against the IPS schemas. */
export function validateIpsNode(element: XmlElement): string[] {
  return ipsCheck(element)
}

/**
 * Checks a parsed SOAP request envelope: the root is a SOAP 1.1 or 1.2 Envelope valid against its
 * envelope schema, and its Body has exactly one element child, which is returned.
 */
export function checkRequestEnvelope(doc: XmlDocument): { errors: string[]; body?: XmlElement } {
  const envelope = doc.root
  const soap = envelope.namespaceUri
  if (envelope.name !== 'Envelope' || (soap !== SOAP11 && soap !== SOAP12)) {
    return { errors: [`the root element ${qname(envelope)} is not a SOAP 1.1 or 1.2 Envelope`] }
  }
  const schema = soap === SOAP11 ? SCHEMA11 : SCHEMA12
  const errors = check(singleton(schema), doc, schema)
  const body = children(envelope).find((e) => e.name === 'Body' && e.namespaceUri === soap)
  const content = body ? children(body) : []
  if (content.length !== 1) {
    errors.push(`Body: expected exactly one child element, found ${content.length}`)
    return { errors }
  }
  return { errors, body: content[0] as XmlElement }
}
