import type { JournalEntry } from '../journal/entry.js'
import type { Journal } from '../journal/journal.js'
import { matchesPartially } from '../journal/match.js'
// Types only: the augmentation below needs vitest in the program; nothing is imported at run time.
import type {} from 'vitest'
import { IpsMockError } from '../errors/ips-mock-error.js'

/**
 * Params to look for: matched partially and deeply; asymmetric matchers and RegExps allowed.
 * @example
 * const params: ExpectedParams = { jobName: expect.stringMatching(/^nightly/) }
 * expect(mock).toHaveReceived('submitJob', params)
 */
export type ExpectedParams = Record<string, unknown>

/**
 * The matchers `ipsMatchers` adds, typed for `expect(mock)`.
 * @example
 * expect.extend(ipsMatchers)
 * const matchers: keyof IpsMatchers = 'toHaveReceivedFault'
 * expect(mock).toHaveReceivedFault(30001)
 */
export interface IpsMatchers<R = unknown> {
  /**
   * Passes when the mock received a call of `operation` whose params contain `params`.
   * @example expect(mock).toHaveReceived('submitJob', { jobName: 'nightly' })
   */
  toHaveReceived(operation: string, params?: ExpectedParams): R
  /**
   * Passes when the mock received exactly `times` calls of `operation` (with `params`).
   * @example expect(mock).toHaveReceivedTimes('getActiveJobs', 2)
   */
  toHaveReceivedTimes(operation: string, times: number, params?: ExpectedParams): R
  /**
   * Passes when the mock answered a call (of `operation`) with the fault `code`.
   * @example expect(mock).toHaveReceivedFault(10001, 'submitJob')
   */
  toHaveReceivedFault(code: number, operation?: string): R
}

declare module 'vitest' {
  // Declaration merging: vitest's own interface gains the IPS matchers.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-explicit-any
  interface Matchers<T = any> extends IpsMatchers<T> {}
}

/** The part of vitest's and jest's matcher context the matchers use. */
interface MatcherContext {
  isNot: boolean
  equals(actual: unknown, expected: unknown): boolean
}

interface MatcherResult {
  pass: boolean
  message(): string
}

/** Calls listed in a failure message at most; older ones are counted. */
const LISTED = 20

function journalOf(received: unknown, matcher: string): Journal {
  const candidate = received as { journal?: Journal } | Journal | null | undefined
  const journal =
    candidate && 'journal' in candidate && candidate.journal ? candidate.journal : candidate
  if (journal && typeof (journal as Journal).all === 'function') return journal as Journal
  throw new IpsMockError({
    code: 'INVALID_ARGUMENT',
    action: `check ${matcher}`,
    reason: `expected an IPS mock (createIpsMock()) or its journal, received ${typeof received === 'object' ? String(received) : typeof received}`,
  })
}

/** Compact, readable values: `{jobName: 'x', job: {…}}`, cut at `maxDepth` levels. */
function text(value: unknown, depth: number, maxDepth = 1): string {
  if (typeof value === 'string') {
    const short = value.length > 40 ? `${value.slice(0, 39)}…` : value
    return `'${short}'`
  }
  if (value instanceof RegExp) return String(value)
  // vitest's and jest's asymmetric matchers: their name and what they were given.
  const matcher = value as { asymmetricMatch?: unknown; sample?: unknown }
  if (typeof matcher?.asymmetricMatch === 'function') {
    const sample = matcher.sample === undefined ? '' : ` ${text(matcher.sample, depth, maxDepth)}`
    return `${String(value)}${sample}`
  }
  if (Array.isArray(value)) {
    if (depth > maxDepth) return `[${value.length}]`
    return `[${value.map((item) => text(item, depth + 1, maxDepth)).join(', ')}]`
  }
  if (typeof value === 'object' && value !== null) {
    if (depth > maxDepth) return '{…}'
    const fields = Object.entries(value).map(
      ([key, item]) => `${key}: ${text(item, depth + 1, maxDepth)}`,
    )
    return `{${fields.join(', ')}}`
  }
  return String(value)
}

/** One call in a failure message: id, operation, key params (two levels), outcome. */
export function describeCall(entry: JournalEntry): string {
  const name = entry.operation ?? `${entry.element ?? '?'} (${entry.unserved?.kind ?? 'unknown'})`
  const outcome = entry.fault
    ? `fault ${entry.fault.code}`
    : entry.injected?.action
      ? entry.injected.action
      : String(entry.status ?? '-')
  const params = entry.params ? ` ${text(entry.params, 0)}` : ''
  const line = `#${entry.id} ${name}${params}`
  return `${line.length > 200 ? `${line.slice(0, 199)}…` : line} → ${outcome}`
}

function listCalls(entries: JournalEntry[], matching?: Set<JournalEntry>): string {
  if (entries.length === 0) return '  (no calls)'
  const shown = entries.slice(-LISTED)
  const lines = shown.map(
    (entry) => `  ${describeCall(entry)}${matching?.has(entry) ? '  ← matches' : ''}`,
  )
  const hidden = entries.length - shown.length
  return [...(hidden > 0 ? [`  … and ${hidden} earlier`] : []), ...lines].join('\n')
}

function what(operation: string, params: ExpectedParams | undefined): string {
  if (params === undefined) return operation
  return `${operation} with params matching ${text(params, 0, Number.POSITIVE_INFINITY)}`
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}

function select(
  context: MatcherContext,
  journal: Journal,
  operation: string,
  params: ExpectedParams | undefined,
): { all: JournalEntry[]; matching: JournalEntry[] } {
  const all = journal.all()
  const equals = (actual: unknown, expected: unknown) => context.equals(actual, expected)
  const matching = all.filter(
    (entry) =>
      entry.operation === operation &&
      (params === undefined || matchesPartially(entry.params, params, equals)),
  )
  return { all, matching }
}

function toHaveReceived(
  this: MatcherContext,
  received: unknown,
  operation: string,
  params?: ExpectedParams,
): MatcherResult {
  const journal = journalOf(received, 'toHaveReceived')
  const { all, matching } = select(this, journal, operation, params)
  const pass = matching.length > 0
  return {
    pass,
    message: () =>
      pass
        ? `expected the IPS mock not to have received ${what(operation, params)}, but it did:\n${listCalls(matching)}`
        : `expected the IPS mock to have received ${what(operation, params)}, but it received ${plural(all.length, 'call')}, none matching:\n${listCalls(all)}`,
  }
}

function toHaveReceivedTimes(
  this: MatcherContext,
  received: unknown,
  operation: string,
  times: number,
  params?: ExpectedParams,
): MatcherResult {
  const journal = journalOf(received, 'toHaveReceivedTimes')
  const { all, matching } = select(this, journal, operation, params)
  const pass = matching.length === times
  const expected = `${plural(times, 'call')} of ${what(operation, params)}`
  return {
    pass,
    message: () =>
      `expected the IPS mock ${pass ? 'not ' : ''}to have received ${expected}, and it received ${matching.length}:\n${listCalls(all, new Set(matching))}`,
  }
}

function toHaveReceivedFault(
  this: MatcherContext,
  received: unknown,
  code: number,
  operation?: string,
): MatcherResult {
  const journal = journalOf(received, 'toHaveReceivedFault')
  const all = journal.all()
  const matching = all.filter(
    (entry) =>
      entry.fault?.code === code && (operation === undefined || entry.operation === operation),
  )
  const pass = matching.length > 0
  const expected = `fault ${code}${operation === undefined ? '' : ` for ${operation}`}`
  return {
    pass,
    message: () =>
      pass
        ? `expected the IPS mock not to have answered with ${expected}, but it did:\n${listCalls(matching)}`
        : `expected the IPS mock to have answered with ${expected}, but it answered ${plural(all.length, 'call')} otherwise:\n${listCalls(all)}`,
  }
}

/**
 * Matchers over a mock's journal, for `expect.extend` in vitest or jest. Failure messages list
 * the calls received, with operation, key params and outcome.
 * @example
 * import { expect } from 'vitest'
 * expect.extend(ipsMatchers)
 * expect(mock).toHaveReceived('submitJob', { uploadUrlsJob: { overwrite: true } })
 * expect(mock).toHaveReceivedTimes('submitJob', 2)
 * expect(mock).toHaveReceivedFault(30001)
 */
export const ipsMatchers = { toHaveReceived, toHaveReceivedTimes, toHaveReceivedFault }
