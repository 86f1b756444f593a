import { fault } from '../faults/catalog.js'
import type { XmlElement } from '../xml/parse.js'
import { closest } from '../utils/internal/closest.js'
import { parseSimple, type SimpleValue } from './simple-types.js'
import { type ElementDef, isSimpleType, type TypeDef } from './table.js'
import { describeAddition, versionLabel, type VersionSchema } from './versions.js'
import { IpsMockError } from '../errors/ips-mock-error.js'

/** A parsed IPS value: simple values, or objects keyed by element name (arrays where maxOccurs > 1). */
export type IpsValue = SimpleValue | IpsObject | IpsValue[]
export interface IpsObject {
  [element: string]: IpsValue | undefined
}

function hasText(element: XmlElement): boolean {
  return element.text.trim() !== ''
}

function readSimple(element: XmlElement, def: ElementDef, path: string): SimpleValue {
  const type = def.type
  if (!isSimpleType(type)) {
    throw new IpsMockError({
      code: 'INTERNAL',
      action: 'read a simple value of type',
      subject: type,
      reason: 'it is not a simple type',
    })
  }
  if (element.children.length > 0) {
    throw fault('invalidRequestXml', `${path}: expected a ${type} value, found child elements`)
  }
  // An empty required string is a value the client did not set (suds, for one, sends `<jobName/>`
  // for an unset field): refused as missing, the way IPS refuses a missing element.
  if (def.min > 0 && type === 'xsd:string' && !hasText(element)) {
    throw fault('missingParameter', `${path}: required element is empty`)
  }
  const value = parseSimple(type, element.text)
  if (value === undefined) {
    throw fault('invalidRequestXml', `${path}: '${element.text}' is not a valid ${type}`)
  }
  if (def.enum && !def.enum.includes(String(value))) {
    throw fault(
      'invalidParameter',
      `${path}: '${element.text}' is not one of ${def.enum.join(', ')}`,
    )
  }
  return value
}

function readChild(element: XmlElement, def: ElementDef, ns: string, path: string): IpsValue {
  if (element.ns !== ns) {
    throw fault(
      'invalidRequestXml',
      `${path}: element is in namespace '${element.ns}', expected '${ns}'`,
      'wrongNamespace',
    )
  }
  return def.complex ? readComplex(element, def.complex, ns, path) : readSimple(element, def, path)
}

function misplaced(
  type: TypeDef,
  children: XmlElement[],
  at: number,
  path: string,
  ns: string,
  expected?: string,
): never {
  const child = children[at] as XmlElement
  const position = type.index.get(child.name)
  if (position === undefined) {
    const addition = type.later?.get(child.name)
    if (addition) {
      throw fault(
        'invalidRequestXml',
        `${path}/${child.name}: unknown element; ${child.name} is not part of the ${versionLabel(ns)} API; it was added in ${describeAddition(addition)}`,
      )
    }
    const names = type.elements.map((element) => element.name)
    const hint = closest(child.name, names)
    throw fault(
      'invalidRequestXml',
      `${path}/${child.name}: unknown element; ${type.name} has no element '${child.name}'` +
        (hint ? ` (did you mean '${hint}'?)` : ''),
    )
  }
  const previous = children[at - 1]
  if (previous?.name === child.name) {
    const max = type.elements[position]?.max ?? 1
    throw fault('invalidRequestXml', `${path}/${child.name}: occurs more than ${max} time(s)`)
  }
  const where = expected
    ? `'${expected}' must come first`
    : `it must come before '${previous?.name}'`
  const order = type.elements.map((element) => element.name).join(', ')
  throw fault(
    'invalidRequestXml',
    `${path}/${child.name}: out of order; ${where} (schema order: ${order})`,
  )
}

/**
 * Validates an element against an IPS complex type and converts it to a plain object: element
 * order, required elements, maxOccurs, xsd types and documented constants, all from the table.
 * @throws IpsFault 30003 (structure, types), 30002 (missing element), 30001 (bad constant).
 * @example readComplex(param, getType('SubmitJobParam'), ns, 'submitJobParam')
 */
export function readComplex(
  element: XmlElement,
  type: TypeDef,
  ns: string,
  path: string,
): IpsObject {
  if (hasText(element)) {
    throw fault('invalidRequestXml', `${path}: unexpected text content in ${type.name}`)
  }
  const children = element.children
  const result: IpsObject = {}
  let at = 0
  for (const def of type.elements) {
    // Most of a type's elements are optional and absent: no array for them.
    let values: IpsValue[] | undefined
    while (at < children.length && (children[at] as XmlElement).name === def.name) {
      values ??= []
      const itemPath =
        def.max > 1 ? `${path}/${def.name}[${values.length + 1}]` : `${path}/${def.name}`
      if (values.length === def.max) {
        throw fault('invalidRequestXml', `${path}/${def.name}: occurs more than ${def.max} time(s)`)
      }
      values.push(readChild(children[at] as XmlElement, def, ns, itemPath))
      at++
    }
    if (values === undefined || values.length < def.min) {
      if (def.min === 0) continue
      const later = children.slice(at).some((child) => child.name === def.name)
      const unknown = at < children.length && !type.index.has((children[at] as XmlElement).name)
      if (later || unknown) misplaced(type, children, at, path, ns, def.name)
      throw fault('missingParameter', `${path}/${def.name}: required element is missing`)
    }
    result[def.name] = def.max > 1 ? values : values[0]
  }
  if (at < children.length) misplaced(type, children, at, path, ns)
  return result
}

/**
 * Validates an operation's `*Param` element against the schema of its namespace's API version:
 * an operation the version does not have is refused like an unknown element (30003).
 * @example readParam(call.param, schemaFor(call.param.ns), operations.get('submitJob')!)
 */
export function readParam(
  param: XmlElement,
  schema: VersionSchema,
  operation: { input: string; inputType: string },
): IpsObject {
  const type = schema.types.get(operation.inputType)
  if (!type) {
    const addition = schema.laterElements.get(operation.input)
    throw fault(
      'invalidRequestXml',
      `${param.name}: unknown operation element; ${param.name} is not part of the ${versionLabel(param.ns)} API` +
        (addition ? `; it was added in ${describeAddition(addition)}` : ''),
    )
  }
  return readComplex(param, type, param.ns, param.name)
}
