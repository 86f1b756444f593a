import reference from '../schema/ips-api.schema.json' with { type: 'json' }
import { type ElementDef, isSimpleType, namespaces, type OperationDef } from '../schema/table.js'
import { schemaFor, type VersionSchema } from '../schema/versions.js'
import { escapeAttribute } from './xml.js'

const XSD = 'http://www.w3.org/2001/XMLSchema'

interface SequenceItem {
  name: string
  type: string
  minOccurs: number
  maxOccurs: number | string
}

/** The docs shape of `authHeader` (reference `authHeader.docsVersion`), always unversioned. */
const authHeader: readonly ElementDef[] = reference.authHeader.docsVersion.sequence.map(toDef)

/** The three fault detail elements, by element name, in the unversioned namespace. */
const faults: ReadonlyArray<readonly [string, readonly ElementDef[]]> = Object.entries(
  reference.faults.elements as Record<string, { sequence: SequenceItem[] }>,
).map(([name, fault]) => [name, fault.sequence.map(toDef)])

/** Names of the global elements of the unversioned namespace, header first. */
export const baseElementNames: readonly string[] = ['authHeader', ...faults.map(([name]) => name)]

function toDef(item: SequenceItem): ElementDef {
  const max = item.maxOccurs === 'unbounded' ? Number.POSITIVE_INFINITY : Number(item.maxOccurs)
  return { name: item.name, type: item.type, min: item.minOccurs, max }
}

function occurs(value: number): string {
  return value === Number.POSITIVE_INFINITY ? 'unbounded' : String(value)
}

function element(def: ElementDef, indent: string): string {
  const type = isSimpleType(def.type) ? def.type : `tns:${def.type}`
  const start = `${indent}<xsd:element name="${def.name}" type="${type}" minOccurs="${occurs(def.min)}" maxOccurs="${occurs(def.max)}"`
  if (!def.enum?.length) return `${start}/>`
  // The real schema types documented constants as plain xsd:string; list them for readers only.
  const values = escapeAttribute(def.enum.join(', '))
  return `${start}>\n${indent}  <xsd:annotation><xsd:documentation>Documented values: ${values}</xsd:documentation></xsd:annotation>\n${indent}</xsd:element>`
}

function sequence(defs: readonly ElementDef[], indent: string, extra = ''): string {
  if (defs.length === 0) return `${indent}<xsd:sequence/>${extra}`
  const children = defs.map((def) => element(def, `${indent}  `)).join('\n')
  return `${indent}<xsd:sequence>\n${children}\n${indent}</xsd:sequence>${extra}`
}

function globalElement(name: string, defs: readonly ElementDef[], extra = ''): string {
  return `  <xsd:element name="${name}">\n    <xsd:complexType>\n${sequence(defs, '      ', extra)}\n    </xsd:complexType>\n  </xsd:element>`
}

function complexType(schema: VersionSchema, name: string): string {
  return `  <xsd:complexType name="${name}">\n${sequence(schema.getType(name).elements, '    ')}\n  </xsd:complexType>`
}

/**
 * Every named type reachable from the operations' Param and Return types in one API version's
 * schema, each once, in table order (so the output is stable whatever the operation order).
 * @example reachableTypes(newestSchema, [operations.get('stopJob')!]) // [] (only simple children)
 */
export function reachableTypes(schema: VersionSchema, ops: readonly OperationDef[]): string[] {
  const seen = new Set<string>()
  const pending = ops.flatMap((op) => [op.inputType, op.outputType])
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    for (const def of schema.getType(name).elements) {
      if (isSimpleType(def.type) || seen.has(def.type)) continue
      seen.add(def.type)
      pending.push(def.type)
    }
  }
  return [...schema.types.keys()].filter((name) => seen.has(name))
}

function schema(namespace: string, body: string[]): string {
  const ns = escapeAttribute(namespace)
  return `<xsd:schema xmlns:xsd="${XSD}" xmlns:tns="${ns}" targetNamespace="${ns}" elementFormDefault="qualified">\n${body.join('\n')}\n</xsd:schema>`
}

/**
 * The inline schemas of an IPS WSDL: the operations' elements and types in `namespace`, as that
 * namespace's API version has them, and `authHeader` plus the three faults in the unversioned
 * namespace (one schema when they coincide).
 * @example renderSchemas('http://www.scene7.com/IpsApi/xsd/2014-04-03', [operations.get('submitJob')!])
 */
export function renderSchemas(namespace: string, ops: readonly OperationDef[]): string[] {
  const api = schemaFor(namespace)
  const main = ops.flatMap((op) => [
    globalElement(op.input, api.getType(op.inputType).elements),
    globalElement(op.output, api.getType(op.outputType).elements),
  ])
  main.push(...reachableTypes(api, ops).map((name) => complexType(api, name)))
  // SOAP header blocks carry soapenv:mustUnderstand / actor / role attributes; the service's own
  // schema allows any foreign-namespace attribute on authHeader.
  const lax = '\n      <xsd:anyAttribute namespace="##other" processContents="lax"/>'
  const base = [
    globalElement('authHeader', authHeader, lax),
    ...faults.map(([name, defs]) => globalElement(name, defs)),
  ]
  if (namespace === namespaces.base) return [schema(namespace, [...main, ...base])]
  return [schema(namespace, main), schema(namespaces.base, base)]
}
