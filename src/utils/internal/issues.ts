import type { z } from 'zod'
import { closest } from './closest.js'

/** One problem in a JSON document: where (`users[1].password`) and what was expected. */
export interface InputIssue {
  path: string
  message: string
}

/** `users[1].password` for `['users', 1, 'password']`; `root` names the whole document. */
export function jsonPath(path: readonly PropertyKey[], root: string): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else {
      const name = String(key)
      out += /^[A-Za-z_$][\w$]*$/.test(name)
        ? `${out ? '.' : ''}${name}`
        : `[${JSON.stringify(name)}]`
    }
  }
  return out || root
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return value
}

/** The kind of a JSON value, never the value itself (it may be a password). */
function kindOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'object') return 'an object'
  if (typeof value === 'number' && Number.isInteger(value)) return 'a whole number'
  return `a ${typeof value}`
}

const article = (type: string) =>
  type === 'array' || type === 'object' || type === 'integer' ? `an ${type}` : `a ${type}`

function describe(issue: z.core.$ZodIssue, input: unknown): string {
  const value = valueAt(input, issue.path)
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return 'required'
      if (issue.expected === 'int') return `expected a whole number, got ${kindOf(value)}`
      return `expected ${article(issue.expected)}, got ${kindOf(value)}`
    case 'unrecognized_keys': {
      return issue.keys
        .map((key) => {
          const known = (issue as { knownKeys?: string[] }).knownKeys ?? []
          const hint = known.length > 0 ? closest(key, known) : undefined
          return `unknown field "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}`
        })
        .join('; ')
    }
    case 'invalid_value':
      return `expected one of ${issue.values.map((option) => JSON.stringify(option)).join(', ')}`
    case 'invalid_union':
      return 'does not match any of the accepted forms'
    default:
      return issue.message
  }
}

type Def = {
  type: string
  shape?: Record<string, z.core.$ZodType>
  element?: z.core.$ZodType
  innerType?: z.core.$ZodType
  in?: z.core.$ZodType
}

/** The field names the object schema at `path` knows, for "did you mean" hints. */
function knownKeys(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  let current: z.core.$ZodType | undefined = schema
  let index = 0
  while (current) {
    const def = current._zod.def as unknown as Def
    if (def.innerType) current = def.innerType
    else if (def.type === 'pipe') current = def.in
    else if (index === path.length) return def.shape ? Object.keys(def.shape) : []
    else if (def.type === 'array') {
      current = def.element
      index++
    } else if (def.shape) current = def.shape[String(path[index++])]
    else return []
  }
  return []
}

/**
 * zod's issues as `path: what was expected` lines for people: `users[1].password: required`.
 * Values are never quoted back, since they may be secrets.
 */
export function describeIssues(
  schema: z.core.$ZodType,
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  root: string,
): InputIssue[] {
  return issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      ;(issue as { knownKeys?: string[] }).knownKeys = knownKeys(schema, issue.path)
    }
    return { path: jsonPath(issue.path, root), message: describe(issue, input) }
  })
}

/** `path: message; path: message`. */
export function issueText(issues: readonly InputIssue[]): string {
  return issues.map(({ path, message }) => `${path}: ${message}`).join('; ')
}
