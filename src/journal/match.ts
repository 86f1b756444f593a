/** Compares two leaf values; vitest's `this.equals` adds asymmetric matchers. */
export type Equals = (actual: unknown, expected: unknown) => boolean

function isAsymmetric(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { asymmetricMatch?: unknown }).asymmetricMatch === 'function'
  )
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

/**
 * True when `actual` has everything `expected` lists: objects match on the keys given (deeply),
 * arrays item by item, a RegExp matches text, and a number or boolean matches its text form (so
 * params read without the schema still match). A single value matches a one-item array.
 * @example matchesPartially({ jobName: 'a', locale: 'en' }, { jobName: 'a' }) // true
 */
export function matchesPartially(
  actual: unknown,
  expected: unknown,
  equals: Equals = Object.is,
): boolean {
  if (isAsymmetric(expected)) return equals(actual, expected)
  if (expected instanceof RegExp) return typeof actual === 'string' && expected.test(actual)
  if (Array.isArray(expected)) {
    const items = Array.isArray(actual) ? actual : [actual]
    return (
      items.length === expected.length &&
      expected.every((item, index) => matchesPartially(items[index], item, equals))
    )
  }
  if (isPlainObject(expected)) {
    if (typeof actual !== 'object' || actual === null) return false
    const record = actual as Record<string, unknown>
    return Object.keys(expected).every(
      (key) => Object.hasOwn(record, key) && matchesPartially(record[key], expected[key], equals),
    )
  }
  if (
    typeof actual === 'string' &&
    (typeof expected === 'number' || typeof expected === 'boolean')
  ) {
    return actual.trim() === String(expected)
  }
  return equals(actual, expected)
}
