import { parseDateTime } from '../engine/time-zone.js'
import { fault } from '../faults/catalog.js'
import type { AssetRecord } from '../store/asset-models.js'

/** A `SystemFieldCondition` as parsed from the request. */
interface Condition {
  field: string
  op: string
  value?: string
  longVal?: number
  minLong?: number
  maxLong?: number
  dateVal?: string
  minDate?: string
  maxDate?: string
}

type Test = (asset: AssetRecord) => boolean

const stringFields: Record<string, (asset: AssetRecord) => string> = {
  Name: (asset) => asset.name,
  FileName: (asset) => asset.fileName,
  CreateUser: (asset) => asset.createUser,
  LastModifyUser: (asset) => asset.lastModifyUser,
  // Fields the mock keeps no value for read as empty.
  Keywords: () => '',
  Description: () => '',
  Comments: () => '',
  UserData: () => '',
  CreatedWith: () => '',
}

const dateFields: Record<string, (asset: AssetRecord) => number> = {
  Created: (asset) => Date.parse(asset.created),
  // Not in the constants list, but the documented example filters on it.
  LastModified: (asset) => Date.parse(asset.lastModified),
}

const stringOps: Record<string, (actual: string, wanted: string) => boolean> = {
  Equals: (a, b) => a === b,
  NotEquals: (a, b) => a !== b,
  Contains: (a, b) => a.includes(b),
  NotContains: (a, b) => !a.includes(b),
  StartsWith: (a, b) => a.startsWith(b),
  EndsWith: (a, b) => a.endsWith(b),
}

const numberOps: Record<string, (actual: number, wanted: number) => boolean> = {
  Equals: (a, b) => a === b,
  NotEquals: (a, b) => a !== b,
  LessThan: (a, b) => a < b,
  LessThanEquals: (a, b) => a <= b,
  GreaterThan: (a, b) => a > b,
  GreaterThanEquals: (a, b) => a >= b,
}

function refuse(path: string, reason: string): never {
  throw fault('invalidParameter', `${path}: ${reason}`)
}

function range(path: string, op: string, min: number, max: number): (actual: number) => boolean {
  if (Number.isNaN(min) || Number.isNaN(max)) refuse(path, `${op} needs a minimum and a maximum`)
  const inside = (actual: number) => actual >= min && actual <= max
  return op === 'Between' ? inside : (actual) => !inside(actual)
}

function numeric(
  path: string,
  condition: Condition,
  read: (asset: AssetRecord) => number,
  single: number | undefined,
  min: number | undefined,
  max: number | undefined,
): Test {
  const { op } = condition
  if (op === 'Between' || op === 'NotBetween') {
    const test = range(path, op, min ?? Number.NaN, max ?? Number.NaN)
    return (asset) => test(read(asset))
  }
  const compare = numberOps[op]
  if (!compare) refuse(path, `'${op}' is not an operator for ${condition.field}`)
  if (single === undefined || Number.isNaN(single)) {
    refuse(path, `${op} on ${condition.field} needs a value of its type`)
  }
  return (asset) => compare(read(asset), single)
}

/**
 * Compiles `systemFieldConditionArray` items into one predicate (MatchAll: every condition;
 * MatchAny: at least one). String comparisons are case-sensitive, as IPS IDs are.
 * @throws IpsFault 30001 for an unknown field, an operator that does not fit it, or a missing value.
 */
export function systemFieldTest(
  conditions: readonly Condition[],
  mode: string | undefined,
  timeZone: string,
): Test | undefined {
  if (conditions.length === 0) return undefined
  const tests = conditions.map((condition, index): Test => {
    const path = `searchAssetsParam/systemFieldConditionArray/items[${index + 1}]`
    const { field, op } = condition
    const text = stringFields[field]
    if (text) {
      const compare = stringOps[op]
      if (!compare) refuse(path, `'${op}' is not a string operator`)
      if (condition.value === undefined) refuse(path, `${op} on ${field} needs a value`)
      const wanted = condition.value
      return (asset) => compare(text(asset), wanted)
    }
    const date = dateFields[field]
    if (date) {
      const at = (value: string | undefined) =>
        value === undefined ? undefined : parseDateTime(value, timeZone).getTime()
      return numeric(
        path,
        condition,
        date,
        at(condition.dateVal),
        at(condition.minDate),
        at(condition.maxDate),
      )
    }
    if (field === 'FileSize') {
      const long = (value: unknown) => (value === undefined ? undefined : Number(value))
      const { longVal, minLong, maxLong } = condition
      const read = (asset: AssetRecord) => asset.fileSize
      return numeric(path, condition, read, long(longVal), long(minLong), long(maxLong))
    }
    if (field === 'Sku') return () => true
    return refuse(path, `'${field}' is not an Asset Search System Field`)
  })
  return mode === 'MatchAny'
    ? (asset) => tests.some((test) => test(asset))
    : (asset) => tests.every((test) => test(asset))
}
