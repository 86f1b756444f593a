/** Whether a parsed value holds a number JSON cannot carry: INF, -INF or NaN (xsd:double). */
function hasNonFinite(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value)
  if (typeof value !== 'object' || value === null) return false
  return Object.values(value).some(hasNonFinite)
}

/**
 * A deep copy of a parsed request value (strings, numbers, booleans, arrays, plain objects) that
 * no longer points into the request, for values a stored record keeps: V8 keeps a string cut
 * from a longer one as a slice of it, so a stored job name would keep the whole body alive.
 * JSON.parse builds compact objects with strings of their own; structuredClone, slower, also
 * keeps INF and NaN.
 * @example const name = detach(params.jobName)
 */
export function detach<T>(value: T): T {
  return hasNonFinite(value) ? structuredClone(value) : (JSON.parse(JSON.stringify(value)) as T)
}
