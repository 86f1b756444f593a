import { type ElementDef, isSimpleType } from '../schema/table.js'
import type { VersionSchema } from '../schema/versions.js'
import {
  isValueMatcher,
  like,
  patterns,
  type PlainValue,
  regex,
  type ValueMatcher,
} from './matchers.js'
import type { TemplateNode } from './template.js'
import { IpsMockError } from '../errors/ips-mock-error.js'

/**
 * A value for a pact body: plain values, matchers, nested objects and arrays of them.
 * @example const items: PactValue = [{ name: 'nightly', state: like('Running') }]
 */
export type PactValue = PlainValue | ValueMatcher | PactObject | PactValue[] | undefined

/**
 * The children of an IPS element, by local name (schema order is restored when written).
 * @example const returns: PactObject = { jobArray: { items: [{ state: 'Running' }] } }
 */
export interface PactObject {
  [element: string]: PactValue
}

/** How a body's values are treated: requests as given, responses with generated values matched. */
export type Mode = 'request' | 'response'

const countName = /(?:Count|Rows|Number|Size|^progress|^totalRows)$/

/** The pattern for a generated value of this element (handles by name, dates, counts), if any. */
function generatedPattern(def: ElementDef): string | undefined {
  const { name, type } = def
  if (name === 'jobHandle' || name === 'submittedHandle' || name === 'parentJobHandle') {
    return patterns.jobHandle
  }
  if (/companyHandle$/i.test(name)) return patterns.companyHandle
  if (/userHandle$/i.test(name)) return patterns.userHandle
  if (name === 'assetHandle') return patterns.assetHandle
  if (name.endsWith('Handle')) return patterns.handle
  if (type === 'xsd:dateTime') return patterns.dateTime
  if ((type === 'xsd:int' || type === 'xsd:long') && countName.test(name)) return patterns.integer
  return undefined
}

const escapeRegex = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** An example for a required element the consumer left out, matched by its form only. */
function skeletonValue(def: ElementDef): ValueMatcher {
  const generated = generatedPattern(def)
  const { name, type } = def
  if (generated) {
    const example =
      generated === patterns.jobHandle
        ? 'j|101|job|'
        : generated === patterns.companyHandle
          ? 'c|101'
          : generated === patterns.userHandle
            ? 'u|1002|user@demo-co.test'
            : generated === patterns.assetHandle
              ? 'a|101|1'
              : generated === patterns.dateTime
                ? '2030-01-01T00:00:00.000+00:00'
                : generated === patterns.integer
                  ? '1'
                  : `${name}|1`
    return regex(generated, example)
  }
  if (def.enum?.length) {
    return regex(`^(?:${def.enum.map(escapeRegex).join('|')})$`, def.enum[0] as string)
  }
  switch (type) {
    case 'xsd:int':
    case 'xsd:long':
      return regex(patterns.integer, '1')
    case 'xsd:double':
      return regex(patterns.number, '0.5')
    case 'xsd:boolean':
      return regex(patterns.boolean, 'true')
    default:
      return like(/email$/i.test(name) ? 'user@demo-co.test' : name)
  }
}

/** A consumer's value for a simple element: generated values in a response matched by form. */
function simpleValue(def: ElementDef, value: PlainValue | ValueMatcher, mode: Mode) {
  if (isValueMatcher(value) || mode === 'request') return value
  const generated = generatedPattern(def)
  return generated ? regex(generated, value) : value
}

/** Where a body builder is, for its error messages. */
export interface Place {
  /** e.g. `getActiveJobs interaction`. */
  subject: string
  /** The element path so far, e.g. `getActiveJobsReturn/jobArray`. */
  path: string
  /** The API version's schema the body follows. */
  schema: VersionSchema
}

function fail(place: Place, reason: string): never {
  throw new IpsMockError({
    code: 'INVALID_INTERACTION',
    action: `build the ${place.subject}`,
    reason: reason,
  })
}

/**
 * The children of an element of an IPS type, in schema order, from a consumer's plain values.
 * In a response every required element the consumer left out is filled in with an example
 * matched by its form, and optional ones stay out, so a provider that omits or adds them still
 * passes; a repeated element holds the items given (Pact then checks that many, first to last,
 * and lets a provider answer more).
 */
export function childrenOf(
  typeName: string,
  value: PactObject,
  ns: string,
  prefix: string,
  mode: Mode,
  place: Place,
): TemplateNode[] {
  const type = place.schema.getType(typeName)
  for (const key of Object.keys(value)) {
    if (!type.index.has(key)) {
      const known = type.elements.map((def) => def.name).join(', ')
      fail(place, `${place.path} has no element "${key}" (it has ${known || 'none'})`)
    }
  }
  const nodes: TemplateNode[] = []
  for (const def of type.elements) {
    let given = value[def.name]
    if (given === undefined && mode === 'response' && def.min > 0) {
      given = isSimpleType(def.type)
        ? skeletonValue(def)
        : def.max > 1
          ? Array.from({ length: def.min }, () => ({}))
          : {}
    }
    if (given === undefined) continue
    const items = Array.isArray(given) ? given : [given]
    if (items.length > def.max) {
      fail(place, `${place.path}/${def.name} occurs at most ${def.max} time(s)`)
    }
    const here: Place = {
      subject: place.subject,
      path: `${place.path}/${def.name}`,
      schema: place.schema,
    }
    for (const item of items) nodes.push(nodeOf(def, item, ns, prefix, mode, here))
  }
  return nodes
}

function nodeOf(
  def: ElementDef,
  item: PactValue,
  ns: string,
  prefix: string,
  mode: Mode,
  place: Place,
): TemplateNode {
  const node: TemplateNode = { ns, name: def.name, prefix }
  if (isSimpleType(def.type)) {
    if (typeof item === 'object' && !(item instanceof Date) && !isValueMatcher(item)) {
      fail(place, `${place.path} is a ${def.type}, not an element with children`)
    }
    node.value = simpleValue(def, item as PlainValue | ValueMatcher, mode)
    return node
  }
  if (typeof item !== 'object' || item instanceof Date || isValueMatcher(item) || !item) {
    fail(place, `${place.path} is a ${def.type} with child elements, not a value`)
  }
  if (Array.isArray(item)) fail(place, `${place.path} holds an array inside an array`)
  node.children = childrenOf(def.type, item, ns, prefix, mode, place)
  return node
}
