import { escapeXml } from '../xml/escape.js'
import type { IpsValue } from './read.js'
import { formatSimple, type SimpleValue } from './simple-types.js'
import type { ElementDef, TypeDef } from './table.js'

/** What the serializer accepts: parsed request values, or values the mock builds (dates allowed). */
export type OutValue = IpsValue | Date | OutObject | OutValue[] | undefined
export interface OutObject {
  [element: string]: OutValue
}

/** An element's tags under one prefix. */
interface Tags {
  readonly open: string
  readonly close: string
  readonly empty: string
}

function tagsFor(tag: string, attributes = ''): Tags {
  return { open: `<${tag}${attributes}>`, close: `</${tag}>`, empty: `<${tag}${attributes}/>` }
}

/** Each type's element tags per prefix, made once, so writing a response builds no tag strings. */
const elementTags = new WeakMap<TypeDef, Map<string, readonly Tags[]>>()

function tagsOf(type: TypeDef, prefix: string): readonly Tags[] {
  let byPrefix = elementTags.get(type)
  if (!byPrefix) elementTags.set(type, (byPrefix = new Map()))
  let tags = byPrefix.get(prefix)
  if (!tags) {
    tags = type.elements.map((def) => tagsFor(`${prefix}${def.name}`))
    byPrefix.set(prefix, tags)
  }
  return tags
}

function writeValue(tags: Tags, def: ElementDef, value: OutValue, prefix: string, out: string[]) {
  if (value === undefined) return
  if (!def.complex) {
    out.push(tags.open, escapeXml(formatSimple(value as SimpleValue | Date)), tags.close)
    return
  }
  writeElementOf(tags, def.complex, value as OutObject, prefix, out)
}

/** An element of a complex type: its children in schema order, or the empty tag when none. */
function writeElementOf(
  tags: Tags,
  type: TypeDef,
  value: OutObject,
  prefix: string,
  out: string[],
) {
  const start = out.push(tags.open)
  const childTags = tagsOf(type, prefix)
  const elements = type.elements
  for (let index = 0; index < elements.length; index++) {
    const def = elements[index] as ElementDef
    const child = value[def.name]
    if (child === undefined) continue
    const tag = childTags[index] as Tags
    if (!Array.isArray(child)) writeValue(tag, def, child, prefix, out)
    else for (const item of child) writeValue(tag, def, item, prefix, out)
  }
  if (out.length === start) out[start - 1] = tags.empty
  else out.push(tags.close)
}

/**
 * Serialises a value of an IPS type as XML, children in schema order, all qualified in `ns`.
 * Only the elements of `type` are written: given a type of an older API version, what that
 * version lacks is left out.
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
  writeElementOf(tagsFor(tag, declaration), type, value, prefix ? `${prefix}:` : '', out)
  return out.join('')
}
