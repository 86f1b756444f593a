import versionTable from './versions.json' with { type: 'json' }
import {
  type Addition,
  buildTypes,
  namespaces,
  type ReferenceType,
  referenceTypes,
  type TypeDef,
  types as newestTypes,
} from './table.js'
import { IpsMockError } from '../errors/ips-mock-error.js'

/**
 * One IPS API version's schema: exactly the types and elements that version has (reference
 * §2.4). Validation, serialisation and the WSDL of a namespace all read the same one.
 */
export interface VersionSchema {
  /** The version this schema is the snapshot of (`undefined` = the unversioned, pre-4.0 one). */
  readonly version: string | undefined
  /** The version's types by type name; a type the version lacks is absent. */
  readonly types: ReadonlyMap<string, TypeDef>
  /** Global elements (operation params and returns) by element local name. */
  readonly elements: ReadonlyMap<string, TypeDef>
  /** Global elements of the newest schema this version lacks, with the version that added each. */
  readonly laterElements: ReadonlyMap<string, Addition>
  /** Looks up a type of this version, failing loudly on a table inconsistency. */
  getType(name: string): TypeDef
}

interface VersionEntry {
  version: string
  release: string
  change: string
  added: Record<string, string[]> | 'absentInOlderSchemas'
}

const BASE = namespaces.base
const versioned = /^http:\/\/www\.scene7\.com\/IpsApi\/xsd\/(\d{4}-\d{2}-\d{2})(-beta)?$/

/** The date part that orders versions; '' for the unversioned namespace, older than all. */
function dateOf(version: string | undefined): string {
  return version === undefined ? '' : version.slice(0, 10)
}

const entries = versionTable.versions as VersionEntry[]

/** The versions `absentInOlderSchemas` speaks of, oldest first (the AEM client snapshots). */
const snapshots = entries.filter((entry) => entry.added === 'absentInOlderSchemas')

/** The snapshot that first has what `absent` (a list of snapshots that lack it) lacks. */
function addedAfter(absent: readonly string[] | undefined): Addition | undefined {
  if (!absent?.length) return undefined
  const newestAbsent = absent.reduce((a, b) => (dateOf(a) >= dateOf(b) ? a : b))
  const next = entries.find(
    (entry) => dateOf(entry.version) > dateOf(newestAbsent) && snapshots.includes(entry),
  )
  if (!next) {
    throw new IpsMockError({
      code: 'INTERNAL',
      action: 'build the schema table',
      reason: `no snapshot follows "${newestAbsent}" in versions.json`,
    })
  }
  return { version: next.version, release: next.release }
}

/** `type/element` (or `type` alone) → the version that added it, for every addition. */
const additions = new Map<string, Addition>()
function record(key: string, addition: Addition | undefined): void {
  if (addition) additions.set(key, addition)
}
for (const entry of entries) {
  if (entry.added === 'absentInOlderSchemas') continue
  for (const [type, names] of Object.entries(entry.added)) {
    const source = referenceTypes[type]
    for (const name of names) {
      if (!source?.sequence.some((element) => element.name === name)) {
        throw new IpsMockError({
          code: 'INTERNAL',
          action: 'build the schema table',
          reason: `versions.json names "${type}/${name}", which the reference schema does not have`,
        })
      }
      record(`${type}/${name}`, { version: entry.version, release: entry.release })
    }
  }
}
for (const [type, source] of Object.entries(referenceTypes)) {
  record(type, addedAfter(source.absentInOlderSchemas))
  for (const element of source.sequence) {
    record(`${type}/${element.name}`, addedAfter(element.absentInOlderSchemas))
  }
}

/** The later of two additions (undefined = present since the beginning). */
function later(a: Addition | undefined, b: Addition | undefined): Addition | undefined {
  if (!a) return b
  if (!b) return a
  return dateOf(b.version) > dateOf(a.version) ? b : a
}

/** When an element of a type became part of the API: its own addition or its type's. */
function additionOf(sources: Readonly<Record<string, ReferenceType>>, type: string, name: string) {
  const element = sources[type]?.sequence.find((item) => item.name === name)
  const own = later(additions.get(`${type}/${name}`), additions.get(type))
  return element ? later(own, additions.get(element.type)) : own
}

function makeSchema(version: string | undefined, date: string): VersionSchema {
  const isLater = (addition: Addition | undefined) =>
    addition !== undefined && dateOf(addition.version) > date ? addition : undefined
  const types = buildTypes(referenceTypes, (type, element) =>
    isLater(additionOf(referenceTypes, type, element)),
  )
  const laterElements = new Map<string, Addition>()
  for (const [name, type] of [...types]) {
    const addition = isLater(additions.get(name))
    if (!addition) continue
    types.delete(name)
    if (type.elementName) laterElements.set(type.elementName, addition)
  }
  return schemaOf(version, types, laterElements)
}

function schemaOf(
  version: string | undefined,
  types: ReadonlyMap<string, TypeDef>,
  laterElements: ReadonlyMap<string, Addition>,
): VersionSchema {
  return {
    version,
    types,
    elements: new Map(
      [...types.values()].flatMap((type) => (type.elementName ? [[type.elementName, type]] : [])),
    ),
    laterElements,
    getType(name) {
      const type = types.get(name)
      if (!type) {
        throw new IpsMockError({
          code: 'INTERNAL',
          action: 'find IPS type',
          subject: name,
          reason: `the ${version ?? 'unversioned'} schema table has no such type`,
        })
      }
      return type
    },
  }
}

/** The newest schema: every type and element of the reference tables. */
export const newestSchema: VersionSchema = schemaOf(entries.at(-1)?.version, newestTypes, new Map())

/** One schema per point where the API changed, oldest first, each with its version. */
const changePoints: ReadonlyArray<{ date: string; schema: VersionSchema }> = [
  undefined,
  ...entries
    .filter((entry) => entry.added === 'absentInOlderSchemas' || Object.keys(entry.added).length)
    .map((entry) => entry.version),
].map((version) => ({
  date: dateOf(version),
  schema: version === entries.at(-1)?.version ? newestSchema : makeSchema(version, dateOf(version)),
}))

/**
 * The version of an IPS namespace: `2014-04-03`, `2022-11-01-beta`; `undefined` for the
 * unversioned namespace; `null` for a URI that is not an IPS namespace.
 * @example versionOf('http://www.scene7.com/IpsApi/xsd/2008-01-15') // '2008-01-15'
 */
export function versionOf(namespace: string): string | undefined | null {
  if (namespace === BASE) return undefined
  const match = versioned.exec(namespace)
  return match ? `${match[1]}${match[2] ?? ''}` : null
}

/**
 * How messages name a namespace's API: `2008-01-15`, or `unversioned (pre-4.0)`.
 * @example versionLabel('http://www.scene7.com/IpsApi/xsd') // 'unversioned (pre-4.0)'
 */
export function versionLabel(namespace: string): string {
  return versionOf(namespace) ?? versionTable.unversioned.label
}

/**
 * How messages name the version that added something: `6.0 (2012-02-14)`, `2021-04-26-beta`.
 * @example describeAddition({ version: '2012-02-14', release: '6.0' }) // '6.0 (2012-02-14)'
 */
export function describeAddition(addition: Addition): string {
  return /^\d/.test(addition.release)
    ? `${addition.release} (${addition.version})`
    : addition.version
}

/**
 * The schema requests and answers in `namespace` follow: that version's, a version between two
 * known ones having the older one's. With `lenient`, the newest schema for every namespace.
 * @example schemaFor('http://www.scene7.com/IpsApi/xsd/2008-01-15').elements.has('exportJob') // false
 */
export function schemaFor(namespace: string, lenient = false): VersionSchema {
  if (lenient) return newestSchema
  const version = versionOf(namespace)
  const date = version === null ? dateOf(entries.at(-1)?.version) : dateOf(version)
  let found = changePoints[0]?.schema as VersionSchema
  for (const point of changePoints) {
    if (point.date > date) break
    found = point.schema
  }
  return found
}

/** The API versions ips-mock knows, oldest first, with their release and what each added. */
export const apiVersions: ReadonlyArray<{
  version: string
  release: string
  change: string
}> = entries.map(({ version, release, change }) => ({ version, release, change }))
