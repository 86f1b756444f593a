/**
 * V8 keeps a string cut from a longer one (13 characters or more) as a slice that points into
 * the whole: a job name read from a request would keep the request's body alive. Prepending a
 * character and cutting it off again makes V8 copy the characters into a string of their own.
 */
function detachString(value: string): string {
  return value.length < 13 ? value : ` ${value}`.slice(1)
}

/**
 * A deep copy of a parsed request value (strings, numbers, booleans, arrays, plain objects)
 * that no longer points into the request, for values a stored record keeps.
 * @example const name = detach(params.jobName)
 */
export function detach<T>(value: T): T {
  if (typeof value === 'string') return detachString(value) as T
  if (Array.isArray(value)) return value.map(detach) as T
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = {}
    for (const [key, child] of Object.entries(value)) copy[key] = detach(child)
    return copy as T
  }
  return value
}
