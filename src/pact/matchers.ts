import { IpsMockError } from '../errors/ips-mock-error.js'

/**
 * Value patterns for what IPS generates. Handles are opaque (reference §5.1): the patterns accept
 * every observed form, versioned (`j|101|name|`) and unversioned (`47|name|`), and nothing else.
 * Pact regexes must match the whole value, so each is anchored.
 * @example new RegExp(patterns.jobHandle).test('j|101|nightly import|') // true
 */
export const patterns = {
  jobHandle: '^(?:j\\|)?\\d+\\|[^|]*\\|.*$',
  companyHandle: '^(?:c\\|)?\\d+$',
  userHandle: '^(?:u\\|)?\\d+\\|.+$',
  assetHandle: '^(?:a\\|)?\\d+(?:\\|\\d+)*$',
  handle: '^\\S+$',
  dateTime: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:\\d{2})$',
  integer: '^-?\\d+$',
  number: '^-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?$|^-?INF$|^NaN$',
  boolean: '^(?:true|false|1|0)$',
  text: '^[\\s\\S]+$',
} as const

const brand = 'ips-mock:matcher'

/**
 * A body value matched by a rule rather than compared literally; `example` is what is written.
 * @example const state: ValueMatcher = like('Running')
 */
export interface ValueMatcher {
  readonly [brand]: 'regex' | 'type' | 'equality' | 'providerState'
  /** The value written into the pact (and answered by Pact's mock server). */
  readonly example: string
  /** For `regex`: the pattern, anchored. */
  readonly regex?: string
  /** For `providerState`: the expression the verifier fills in, e.g. `${jobHandle}`. */
  readonly expression?: string
}

/**
 * A plain value as a pact body holds it (a Date is written in ISO 8601).
 * @example const execTime: PlainValue = new Date('2030-01-02T09:00:00Z')
 */
export type PlainValue = string | number | boolean | Date

const text = (value: PlainValue): string =>
  value instanceof Date ? value.toISOString() : String(value)

/**
 * True for a value made by `regex`, `like`, `exactly` or `fromProviderState`.
 * @example isValueMatcher(like('x')) // true
 */
export function isValueMatcher(value: unknown): value is ValueMatcher {
  return typeof value === 'object' && value !== null && brand in value
}

/**
 * Matches any value the regular expression matches (whole value); the example must match it.
 * @example regex('^j\\|\\d+\\|nightly\\|$', 'j|101|nightly|')
 */
export function regex(pattern: string | RegExp, example: PlainValue): ValueMatcher {
  const source = typeof pattern === 'string' ? pattern : pattern.source
  const written = text(example)
  if (!new RegExp(source).test(written)) {
    throw new IpsMockError({
      code: 'INVALID_INTERACTION',
      action: 'build a regex matcher',
      subject: source,
      reason: `its example "${written}" does not match it`,
      remedy: 'Give an example the pattern accepts.',
    })
  }
  return { [brand]: 'regex', example: written, regex: source }
}

/**
 * Matches any value of the example's type: in XML, any text.
 * @example like('Running')
 */
export function like(example: PlainValue): ValueMatcher {
  return { [brand]: 'type', example: text(example) }
}

/**
 * Compares literally, also where ips-mock/pact would match a generated value (a handle, a date,
 * a count) by its form.
 * @example exactly('j|101|nightly|')
 */
export function exactly(example: PlainValue): ValueMatcher {
  return { [brand]: 'equality', example: text(example) }
}

/**
 * In a request: the verifier replaces the example with a value the provider state handed back,
 * e.g. `${jobHandle}`. Pact's mock server accepts any text there. `ips-mock verify` (or
 * `applyStateGenerators`) turns it into a Pact generator, which pact-js cannot write for XML.
 * @example fromProviderState('${jobHandle}', 'j|101|nightly import|')
 */
export function fromProviderState(expression: string, example: PlainValue): ValueMatcher {
  return { [brand]: 'providerState', example: text(example), expression }
}
