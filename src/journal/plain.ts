import type { XmlElement } from '../xml/parse.js'

/** What a password is replaced with in the journal. */
export const REDACTED = '[redacted]'

/** `password`, `Password`, `AuthPassword`, `newPassword` … but not `passwordExpires`. */
const secret = /password$/i

function set(target: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty, so an element named __proto__ stays a plain key.
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  })
}

/**
 * A plain object of an element's content, read without the schema: text for a leaf, an object
 * keyed by child name otherwise, an array for a repeated child. Passwords are redacted.
 */
export function plainOf(element: XmlElement): unknown {
  if (element.children.length === 0) return element.text
  const out: Record<string, unknown> = {}
  const repeated = new Set<string>()
  for (const child of element.children) {
    const value = secret.test(child.name) ? REDACTED : plainOf(child)
    if (!Object.hasOwn(out, child.name)) {
      set(out, child.name, value)
    } else if (repeated.has(child.name)) {
      ;(out[child.name] as unknown[]).push(value)
    } else {
      set(out, child.name, [out[child.name], value])
      repeated.add(child.name)
    }
  }
  return out
}

/**
 * The value with every password replaced; objects without one are returned as they are, so
 * redacting costs no copy in the usual case.
 */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined
    value.forEach((item, index) => {
      const clean = redact(item)
      if (clean !== item) (copy ??= [...value])[index] = clean
    })
    return copy ?? value
  }
  if (typeof value !== 'object' || value === null || value instanceof Date) return value
  let copy: Record<string, unknown> | undefined
  for (const [key, item] of Object.entries(value)) {
    const clean = secret.test(key) ? REDACTED : redact(item)
    if (clean !== item) set((copy ??= { ...value }), key, clean)
  }
  return copy ?? value
}
