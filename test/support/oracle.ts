/**
 * The fuzz oracle: what IPS should answer a (mutated) request, decided without the mock's code.
 * libxml2 parses the request and the reference XSDs validate it; the outcome follows reference
 * §4.3 and the order in which IPS checks a call (the envelope, the credentials, the schema, then
 * the values). Only the seed logins below are known to be valid.
 */
import { XmlDocument, XmlElement, XmlLibError, type XmlTreeNode } from 'libxml2-wasm'
import { checkRequestEnvelope, validateIpsNode } from './xsd.js'

const IPS_NAMESPACE = /^http:\/\/www\.scene7\.com\/IpsApi\/xsd(?:\/\d{4}-\d{2}-\d{2}(?:-beta)?)?$/

/** What the answer must be. */
export type Expectation =
  /** A `*Return` of the same operation in the request's namespace. */
  | { kind: 'return'; operation: string; namespace: string }
  /** A fault with one of these codes, or (`orReturn`) a return. */
  | {
      kind: 'fault'
      why: string
      codes: number[]
      orReturn?: boolean
      /** The reason must name one of these (an element's local name or a value), if given. */
      explainedBy?: string[]
    }

export interface Login {
  user: string
  password: string
}

interface Leaf {
  path: string
  name: string
  text: string
}

function elementChildren(element: XmlElement): XmlElement[] {
  const found: XmlElement[] = []
  for (let node: XmlTreeNode | null = element.firstChild; node; node = node.next) {
    if (node instanceof XmlElement) found.push(node)
  }
  return found
}

/** Every element of a subtree as `{ns}name[i]/…` with its text (leaves) or '' (inner elements). */
function leaves(element: XmlElement, prefix = ''): Leaf[] {
  const kids = elementChildren(element)
  const path = `${prefix}/{${element.namespaceUri}}${element.name}`
  const attributes = element.attrs.map((a) => `@{${a.namespaceUri}}${a.name}=${a.value}`).join(' ')
  if (kids.length === 0)
    return [{ path: `${path}${attributes}`, name: element.name, text: element.content }]
  const seen = new Map<string, number>()
  const own: Leaf = { path: `${path}${attributes}`, name: element.name, text: '' }
  return [
    own,
    ...kids.flatMap((kid) => {
      const key = `${kid.namespaceUri} ${kid.name}`
      const index = (seen.get(key) ?? 0) + 1
      seen.set(key, index)
      return leaves(kid, `${path}[${index}]`)
    }),
  ]
}

/** Comments and CDATA sections removed: what is left shows where markup really is. */
const markupOnly = (xml: string) =>
  xml.replace(/<!--[\s\S]*?-->/g, '').replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '')

function authHeaderOf(envelope: XmlElement): XmlElement | undefined {
  const header = elementChildren(envelope).find((e) => e.name === 'Header')
  return header
    ? elementChildren(header).find(
        (e) => e.name === 'authHeader' && IPS_NAMESPACE.test(e.namespaceUri),
      )
    : undefined
}

function childText(element: XmlElement | undefined, name: string): string | undefined {
  return element ? elementChildren(element).find((e) => e.name === name)?.content : undefined
}

/** A parsed seed request, to compare mutated copies with. */
export interface SeedRequest {
  xml: string
  operation: string
  namespace: string
  auth: string
  body: Leaf[]
}

function parse(xml: string): XmlDocument | undefined {
  try {
    return XmlDocument.fromString(xml)
  } catch {
    return undefined
  }
}

/** Reads a seed request; throws if it is not a valid SOAP request of an IPS operation. */
export function readSeed(xml: string): SeedRequest {
  const doc = parse(xml)
  if (!doc) throw new Error(`seed is not well-formed: ${xml}`)
  try {
    const { errors, body } = checkRequestEnvelope(doc)
    if (!body || errors.length > 0)
      throw new Error(`seed is not a SOAP request: ${errors.join('; ')}`)
    const invalid = validateIpsNode(body)
    if (invalid.length > 0) throw new Error(`seed is not schema-valid: ${invalid.join('; ')}`)
    const header = authHeaderOf(doc.root)
    return {
      xml,
      operation: body.name.replace(/Param$/, ''),
      namespace: body.namespaceUri,
      auth: header ? JSON.stringify(leaves(header)) : '',
      body: leaves(body),
    }
  } finally {
    doc.dispose()
  }
}

/**
 * Classifies `xml`, a mutation of `seed`, and says what IPS answers it:
 * 1. not well-formed XML, a DOCTYPE, not a SOAP envelope, or a Body child that is not an IPS
 *    operation element → 30003 (§4.3: malformed XML; §1.1);
 * 2. credentials changed → the authentication fault they call for (§3.2): 10000 none, 10002 an
 *    unknown user, 10001 a wrong password (or 30003 when the header itself no longer reads);
 * 3. the operation element not valid against the reference XSD → 30002 or 30003 (§4.3);
 * 4. valid, authorised and with every value as in the seed → a return;
 * 5. valid with changed values → a return, or a fault whose reason names a changed element or value.
 */
export function classify(xml: string, seed: SeedRequest, logins: readonly Login[]): Expectation {
  const malformed = (why: string): Expectation => ({ kind: 'fault', why, codes: [30003] })
  let doc: XmlDocument
  try {
    doc = XmlDocument.fromString(xml)
  } catch (error) {
    // libxml2 also refuses a namespace name that is not a URI (' urn:x'), which XML allows but
    // which names another namespace than IPS's: the mock must refuse it, as credentials in no
    // IPS namespace (10000) or as XML it cannot use (30003).
    const details = error instanceof XmlLibError ? error.details : []
    if (
      details.length > 0 &&
      details.every((d) => /xmlns.*(not a valid URI|is not absolute)/.test(d.message))
    ) {
      return { kind: 'fault', why: 'a namespace name that is not a URI', codes: [10000, 30003] }
    }
    return malformed('not well-formed (libxml2)')
  }
  try {
    if (/<!DOCTYPE/i.test(markupOnly(xml))) return malformed('a DOCTYPE')
    const { errors, body } = checkRequestEnvelope(doc)
    if (!body) return malformed(`not a SOAP request: ${errors[0] ?? ''}`)
    // Text between the envelope's own elements is ignored by the mock (TESTING.md, "Leniencies").
    const isText = (error: string) => /Character content other than whitespace/.test(error)
    // SOAP 1.1 wants Header children qualified; an authHeader in no namespace holds no IPS
    // credentials (10000), or is XML the mock cannot use (30003).
    const isBareAuth = (error: string) =>
      /Element 'authHeader': This element is not expected\. Expected is \( ##other/.test(error)
    if (errors.some(isBareAuth) && errors.every((error) => isText(error) || isBareAuth(error))) {
      return { kind: 'fault', why: 'an authHeader in no namespace', codes: [10000, 30003] }
    }
    const onlyText = errors.every(isText)
    if (!onlyText) return malformed(`not a SOAP request: ${errors[0] ?? ''}`)
    if (!IPS_NAMESPACE.test(body.namespaceUri) || !body.name.endsWith('Param')) {
      return malformed('the Body child is not an IPS operation element')
    }
    if (body.name.replace(/Param$/, '') !== seed.operation) {
      return { kind: 'fault', why: 'another operation', codes: [30003], orReturn: true }
    }
    const expectation = classifyCall(authHeaderOf(doc.root), body, seed, logins)
    return errors.length > 0 ? lenient(expectation, 'text in the envelope') : expectation
  } finally {
    doc.dispose()
  }
}

/** An expectation that a 30003 meets too. */
function lenient(expectation: Expectation, why: string): Expectation {
  return expectation.kind === 'return'
    ? { kind: 'fault', why, codes: [30003], orReturn: true }
    : { ...expectation, codes: [...new Set([...expectation.codes, 30003])] }
}

/** Step 2 of `classify`: the credentials, then the operation element. */
function classifyCall(
  header: XmlElement | undefined,
  body: XmlElement,
  seed: SeedRequest,
  logins: readonly Login[],
): Expectation {
  if ((header ? JSON.stringify(leaves(header)) : '') === seed.auth) return classifyBody(body, seed)
  const user = childText(header, 'user')?.trim() ?? ''
  const password = childText(header, 'password') ?? ''
  const known = logins.find((login) => login.user.toLowerCase() === user.toLowerCase())
  if (!known || known.password !== password) {
    const code = user === '' ? 10000 : known ? 10001 : 10002
    return { kind: 'fault', why: `credentials changed (${code})`, codes: [code, 30003] }
  }
  // The same credentials in a changed header: what the body calls for, or a refusal of the header.
  return lenient(classifyBody(body, seed), 'the authHeader changed, not its credentials')
}

/** Steps 3–5 of `classify`: the operation element of a request whose credentials are valid. */
function classifyBody(body: XmlElement, seed: SeedRequest): Expectation {
  const operation = seed.operation
  if (body.namespaceUri !== seed.namespace) {
    // Another API version: what it accepts differs by version (§2.4), which the XSD subset cannot tell.
    return { kind: 'fault', why: 'another API version', codes: [30003], orReturn: true }
  }
  const invalid = validateIpsNode(body)
  const mutated = leaves(body)
  const before = new Map(seed.body.map((leaf) => [leaf.path, leaf.text]))
  const after = new Map(mutated.map((leaf) => [leaf.path, leaf.text]))
  const changed = [
    ...mutated.filter((leaf) => before.get(leaf.path) !== leaf.text),
    ...seed.body.filter((leaf) => !after.has(leaf.path)),
  ]
  if (invalid.length > 0) {
    // A changed value may be refused first as an invalid parameter (30001), e.g. a bad enum value.
    return {
      kind: 'fault',
      why: `schema-invalid: ${invalid[0]}`,
      codes: changed.some((leaf) => leaf.text !== '') ? [30001, 30002, 30003] : [30002, 30003],
    }
  }
  if (changed.length === 0) return { kind: 'return', operation, namespace: body.namespaceUri }
  const explainedBy = changed.flatMap((leaf) => {
    const value = leaf.text.trim()
    return [leaf.name, `'${leaf.text}'`, ...(value === '' ? [] : [value])]
  })
  return {
    kind: 'fault',
    why: `valid, values changed: ${changed.map((leaf) => leaf.name).join(', ')}`,
    codes: [20000, 20002, 20006, 20007, 30001, 30002, 30003],
    orReturn: true,
    explainedBy,
  }
}
