import { escapeXml } from '../soap/xml.js'
import type { IpsValue } from './read.js'
import { formatSimple, type SimpleValue } from './simple-types.js'
import { getType, isSimpleType, type TypeDef } from './table.js'

/** What the serializer accepts: parsed request values, or values the mock builds (dates allowed). */
export type OutValue = IpsValue | Date | OutObject | OutValue[] | undefined
export interface OutObject {
  [element: string]: OutValue
}

function open(tag: string, attributes: string): string {
  return `<${tag}${attributes}>`
}

function writeValue(tag: string, typeName: string, value: OutValue, out: string[]): void {
  if (value === undefined) return
  if (isSimpleType(typeName)) {
    out.push(open(tag, ''), escapeXml(formatSimple(value as SimpleValue | Date)), `</${tag}>`)
    return
  }
  writeChildren(tag, getType(typeName), value as OutObject, '', out)
}

function writeChildren(
  tag: string,
  type: TypeDef,
  value: OutObject,
  attributes: string,
  out: string[],
): void {
  const start = out.length
  out.push(open(tag, attributes))
  const prefix = tag.includes(':') ? `${tag.slice(0, tag.indexOf(':'))}:` : ''
  for (const def of type.elements) {
    const child = value[def.name]
    const items = Array.isArray(child) ? child : [child]
    for (const item of items) writeValue(`${prefix}${def.name}`, def.type, item, out)
  }
  if (out.length === start + 1) out[start] = `<${tag}${attributes}/>`
  else out.push(`</${tag}>`)
}

/**
 * Serialises a value of an IPS type as XML, children in schema order, all qualified in `ns`.
 * `prefix` '' declares `ns` as the default namespace (SOAP 1.2 style); 'ns1' gives the Axis-style
 * `<ns1:submitJobReturn xmlns:ns1="…">` of the documented SOAP 1.1 samples.
 * @example writeElement('submitJobReturn', getType('SubmitJobReturn'), { jobHandle: 'j|1|x|' }, ns, 'ns1')
 */
export function writeElement(
  name: string,
  type: TypeDef,
  value: OutObject,
  ns: string,
  prefix: string,
): string {
  const out: string[] = []
  const tag = prefix ? `${prefix}:${name}` : name
  const declaration = prefix ? ` xmlns:${prefix}="${escapeXml(ns)}"` : ` xmlns="${escapeXml(ns)}"`
  writeChildren(tag, type, value, declaration, out)
  return out.join('')
}
