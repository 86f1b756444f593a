import assetReference from './ips-assets.schema.json' with { type: 'json' }
import reference from './ips-api.schema.json' with { type: 'json' }
import { IpsMockError } from '../errors/ips-mock-error.js'

/** XML Schema simple types that IPS uses. */
export type SimpleType =
  'xsd:string' | 'xsd:int' | 'xsd:long' | 'xsd:double' | 'xsd:boolean' | 'xsd:dateTime'

/** One child element of an IPS type, in schema order. */
export interface ElementDef {
  name: string
  /** A simple type (`xsd:*`) or the name of another entry of the table. */
  type: SimpleType | string
  min: number
  /** `Infinity` for `maxOccurs="unbounded"`. */
  max: number
  /** Documented string constants, enforced case-sensitively. */
  enum?: readonly string[]
  /** For a complex type: its definition in the same API version's table. */
  complex?: TypeDef
}

/** Where an element or type first appears: the API version that added it. */
export interface Addition {
  /** The namespace's version, e.g. `2012-02-14` or `2021-04-26-beta`. */
  version: string
  /** How people name it: `6.0`, `AEM 6.5 client schema`, … */
  release: string
}

/** An IPS complex type or global element: an ordered sequence of child elements. */
export interface TypeDef {
  /** The type name, e.g. `UploadUrlsJob` or `SubmitJobParam`. */
  name: string
  /** For global elements (`submitJobParam`, `getActiveJobsReturn`), the element's local name. */
  elementName?: string
  elements: readonly ElementDef[]
  /** Element name → index into `elements`, for O(1) lookups while validating. */
  index: ReadonlyMap<string, number>
  /** Elements of the newest schema this version's type lacks, with the version that added each. */
  later?: ReadonlyMap<string, Addition>
}

/** An IPS operation as the reference describes it. */
export interface OperationDef {
  name: string
  input: string
  output: string
  inputType: string
  outputType: string
  /** Roles allowed to call the operation (reference §3.3). */
  roles: readonly string[]
}

/** An element of a reference table (`ips-api.schema.json`, in the reference's own words). */
export interface ReferenceElement {
  name: string
  type: string
  minOccurs: number
  maxOccurs: number | string
  enum?: string[]
  enumUnconfirmed?: boolean
  /** The schema snapshots that lack the element (reference §2.4). */
  absentInOlderSchemas?: string[]
}

/** A type of a reference table. */
export interface ReferenceType {
  kind: string
  typeName?: string
  elementName?: string
  sequence: ReferenceElement[]
  absentInOlderSchemas?: string[]
}

interface ReferenceOperation {
  input: string
  output: string
  inputType: string
  outputType: string
  authorizedUserTypes?: string[]
}

function toElement(source: ReferenceElement): ElementDef {
  const element: ElementDef = {
    name: source.name,
    type: source.type,
    min: source.minOccurs,
    max: source.maxOccurs === 'unbounded' ? Number.POSITIVE_INFINITY : Number(source.maxOccurs),
  }
  // Value lists the reference marks as unconfirmed are documentation only: enforcing a guessed
  // list would reject requests the real service may accept.
  if (source.enum && !source.enumUnconfirmed) element.enum = source.enum
  return element
}

/**
 * Makes the type definitions of one API version: every type of `sources`, each keeping only the
 * elements `keep` allows, element types linked to the same version's definitions.
 */
export function buildTypes(
  sources: Readonly<Record<string, ReferenceType>>,
  keep: (type: string, element: string) => Addition | undefined = () => undefined,
): Map<string, TypeDef> {
  const built = new Map<string, TypeDef>()
  for (const [name, source] of Object.entries(sources)) {
    const elements: ElementDef[] = []
    const later = new Map<string, Addition>()
    for (const item of source.sequence) {
      const addition = keep(name, item.name)
      if (addition) later.set(item.name, addition)
      else elements.push(toElement(item))
    }
    built.set(name, {
      name,
      ...(source.elementName ? { elementName: source.elementName } : {}),
      elements,
      index: new Map(elements.map((element, position) => [element.name, position])),
      ...(later.size > 0 ? { later } : {}),
    })
  }
  for (const type of built.values()) {
    for (const element of type.elements as ElementDef[]) {
      if (isSimpleType(element.type)) continue
      const complex = built.get(element.type)
      if (!complex) {
        throw new IpsMockError({
          code: 'INTERNAL',
          action: 'build the schema table',
          reason: `"${type.name}/${element.name}" has the unknown type "${element.type}"`,
        })
      }
      element.complex = complex
    }
  }
  return built
}

/**
 * The reference tables the schema is made of, merged by type name: `ips-api.schema.json`
 * (submitJob, job types, job operations, lookups) and `ips-assets.schema.json` (assets, folders,
 * the upload servlet's documents); the first wins where both define a type.
 */
export const referenceTypes: Readonly<Record<string, ReferenceType>> = Object.assign(
  {},
  assetReference.types as unknown as Record<string, ReferenceType>,
  reference.types as unknown as Record<string, ReferenceType>,
)

/** Every IPS type of the newest schema, by type name. */
export const types: ReadonlyMap<string, TypeDef> = buildTypes(referenceTypes)

/** Global elements (operation params and returns, `authHeader`), by element local name. */
export const elements: ReadonlyMap<string, TypeDef> = new Map(
  [...types.values()].flatMap((type) => (type.elementName ? [[type.elementName, type]] : [])),
)

const referenceOperations = Object.assign(
  {},
  reference.operations,
  assetReference.operations,
) as unknown as Record<string, ReferenceOperation>

/** IPS SOAP operations described by the reference, by operation name. */
export const operations: ReadonlyMap<string, OperationDef> = new Map(
  Object.entries(referenceOperations)
    .filter(([, operation]) => types.has(operation.inputType))
    .map(([name, operation]) => [
      name,
      {
        name,
        input: operation.input,
        output: operation.output,
        inputType: operation.inputType,
        outputType: operation.outputType,
        roles: operation.authorizedUserTypes ?? [],
      },
    ]),
)

/** The job elements of `submitJobParam`, in schema order; exactly one must be sent. */
export const submitJobElements: readonly string[] = (
  reference.types.SubmitJobParam.rules.find((rule) => rule.rule === 'exactlyOneOf')?.elements ?? []
).slice()

/**
 * The `ActiveJob/type` string for each job element. Only seven have a documented counterpart
 * (reference §8, `jobTypeMapping`); the others get a name in the same style, recorded in the
 * README's fidelity section as a guess.
 */
export const jobTypeNames: Readonly<Record<string, string>> = Object.assign(
  {},
  reference.jobTypeMapping.guess as Record<string, string>,
  {
    metadataPublishJob: 'MetadataPublish',
    ripPdfsJob: 'RipPdfs',
    reprocessAssetsJob: 'ReprocessAssets',
    createVideoSitemapJob: 'CreateVideoSitemap',
    exportJob: 'Export',
    automatedSetGenerationJob: 'AutomatedSetGeneration',
    uploadPostJob: 'UploadPost',
  },
)

/** IPS namespace URIs (reference §2). */
export const namespaces = {
  /** Unversioned: faults, the documented `authHeader`, pre-4.0 requests. */
  base: reference.namespaces.base,
  /** The deprecated `AuthUser` / `AuthPassword` headers. */
  legacyHeader: reference.namespaces.legacyHeader,
  /** Versions with a published WSDL (`IpsApi-<version>.wsdl`), oldest first. */
  documentedVersions: Object.keys(reference.namespaces.documentedVersions),
} as const

/** Looks up a type by name, failing loudly on a table inconsistency. */
export function getType(name: string): TypeDef {
  const type = types.get(name)
  if (!type) {
    throw new IpsMockError({
      code: 'INTERNAL',
      action: 'find IPS type',
      subject: name,
      reason: 'the schema table has no such type',
    })
  }
  return type
}

/** True for `xsd:*` simple types. */
export function isSimpleType(type: string): type is SimpleType {
  return type.startsWith('xsd:')
}
