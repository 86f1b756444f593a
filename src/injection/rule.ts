import { operations } from '../schema/table.js'
import { type FaultName, faults } from '../faults/catalog.js'
import { closest } from '../utils/internal/closest.js'
import { IpsMockError } from '../errors/ips-mock-error.js'

/**
 * A fault or latency injection rule: which calls it applies to, and what happens to them.
 * Plain JSON, the same for `mock.faults.inject(rule)`, the admin API and (as `key=value` pairs)
 * the `X-Ips-Mock-Fault` header. Rules apply to IPS calls, that is requests whose Body names a
 * known operation; they act once the operation is known and before the caller is authenticated.
 *
 * Matching: `operation`, then `nth` or `from` (counting the calls the rule's `operation` matches
 * since the rule was added), then `probability`. What happens: an optional `delay`, then at most
 * one of `fault`, `status`, `reset`, `garbage`, `hang`; `fault` and `status` together give the
 * SOAP fault with that HTTP status. A rule with only `delay` delays the normal answer.
 * @example
 * mock.faults.inject({ operation: 'submitJob', nth: 3, fault: 30000 })
 * mock.faults.inject({ probability: 0.1, status: 503 })
 * mock.faults.inject({ operation: ['getActiveJobs', 'getJobLogs'], delay: [100, 300] })
 */
export interface FaultRule {
  /** The IPS operation(s) the rule applies to, e.g. `submitJob` (default: every operation). */
  operation?: string | string[]
  /** Only the n-th matching call (1 = the first). */
  nth?: number
  /** Every matching call from the n-th on. */
  from?: number
  /** Acts at most this many times, then the rule is removed (default: no limit). */
  times?: number
  /** Acts on a call with this chance, 0 to 1, drawn from the mock's seeded generator. */
  probability?: number
  /** Waits this many milliseconds (or a seeded random number in `[min, max]`) first. */
  delay?: number | [number, number]
  /** Answers with this IPS fault: a code from the fault catalog (`30000`) or its name. */
  fault?: number | FaultName
  /** The fault's reason text (default: `Fault <code> (<CONSTANT>) injected by ips-mock`). */
  reason?: string
  /**
   * Answers with this HTTP status (400–599): alone, with an HTML error page as a web server or
   * load balancer in front of IPS would send; with `fault`, the SOAP fault gets this status.
   */
  status?: number
  /** Closes the connection without an answer (the standalone server destroys the socket). */
  reset?: true
  /** Answers 200 with a body that is not XML. */
  garbage?: true
  /** Never answers: the client waits until it times out (or aborts). */
  hang?: true
}

/** What a call can be answered with instead of, or after, the normal answer. */
export const outcomeKeys = ['fault', 'status', 'reset', 'garbage', 'hang'] as const

/** The longest delay a rule may ask for: 5 minutes. */
export const MAX_DELAY_MS = 300_000

const ruleKeys = [
  'operation',
  'nth',
  'from',
  'times',
  'probability',
  'delay',
  'fault',
  'reason',
  'status',
  'reset',
  'garbage',
  'hang',
] as const

const faultByCode = new Map<number, FaultName>(
  Object.entries(faults).map(([name, definition]) => [definition.code, name as FaultName]),
)

/**
 * An invalid rule: `reason` says which field is wrong and what it takes.
 * @example
 * try {
 *   parseFaultRule({ fault: 99999 })
 * } catch (error) {
 *   if (error instanceof FaultRuleError) console.log(error.reason)
 * }
 */
export class FaultRuleError extends IpsMockError {
  constructor(reason: string) {
    super({ code: 'INVALID_FAULT_RULE', action: 'read the fault rule', reason })
    this.name = 'FaultRuleError'
  }
}

function invalid(reason: string): never {
  throw new FaultRuleError(reason)
}

function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(JSON.stringify(value))
}

function wholeNumber(key: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    invalid(`${key} ${show(value)} is not a whole number from ${min} to ${max}`)
  }
  return value
}

function checkOperation(name: unknown): string {
  if (typeof name === 'string' && operations.has(name)) return name
  const hint = typeof name === 'string' ? closest(name, operations.keys()) : undefined
  return invalid(
    `operation ${show(name)} is not an IPS operation${hint ? ` (did you mean '${hint}'?)` : ''}`,
  )
}

/** The catalog name of a fault given by code or by name. */
export function faultNameOf(fault: number | string): FaultName {
  const name = typeof fault === 'number' ? faultByCode.get(fault) : fault
  if (name !== undefined && Object.hasOwn(faults, name)) return name as FaultName
  const codes = [...faultByCode.keys()].join(', ')
  return invalid(`fault ${show(fault)} is not in the IPS fault catalog; use one of ${codes}`)
}

function checkDelay(value: unknown): number | [number, number] {
  if (Array.isArray(value)) {
    const [min, max] = value as unknown[]
    if (value.length !== 2) invalid(`delay ${show(value)} must be [min, max] in milliseconds`)
    const low = wholeNumber('delay minimum', min, 0, MAX_DELAY_MS)
    const high = wholeNumber('delay maximum', max, 0, MAX_DELAY_MS)
    if (low > high) invalid(`delay ${show(value)} has its minimum above its maximum`)
    return [low, high]
  }
  return wholeNumber('delay', value, 0, MAX_DELAY_MS)
}

/**
 * Checks a rule given as JSON (the admin API's body, a test's object literal) and returns it
 * as a `FaultRule`, with nothing but the known fields.
 * @throws FaultRuleError naming the field that is wrong and what it takes.
 * @example parseFaultRule({ operation: 'submitJob', fault: 30000 })
 */
export function parseFaultRule(input: unknown): FaultRule {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    invalid(`expected a JSON object, found ${show(input)}`)
  }
  const source = input as Record<string, unknown>
  for (const key of Object.keys(source)) {
    if (!(ruleKeys as readonly string[]).includes(key)) {
      const hint = closest(key, ruleKeys)
      invalid(`unknown field '${key}'${hint ? ` (did you mean '${hint}'?)` : ''}`)
    }
  }
  const rule: FaultRule = {}
  if (source.operation !== undefined) {
    const list = source.operation
    rule.operation = Array.isArray(list) ? list.map(checkOperation) : checkOperation(list)
    if (Array.isArray(list) && list.length === 0) invalid('operation [] names no operation')
  }
  if (source.nth !== undefined && source.from !== undefined) {
    invalid('nth and from exclude each other; nth picks one call, from every call from there on')
  }
  if (source.nth !== undefined)
    rule.nth = wholeNumber('nth', source.nth, 1, Number.MAX_SAFE_INTEGER)
  if (source.from !== undefined) {
    rule.from = wholeNumber('from', source.from, 1, Number.MAX_SAFE_INTEGER)
  }
  if (source.times !== undefined) {
    rule.times = wholeNumber('times', source.times, 1, Number.MAX_SAFE_INTEGER)
  }
  if (source.probability !== undefined) {
    const chance = source.probability
    if (typeof chance !== 'number' || !(chance >= 0 && chance <= 1)) {
      invalid(`probability ${show(chance)} is not a number from 0 to 1`)
    }
    rule.probability = chance
  }
  if (source.delay !== undefined) rule.delay = checkDelay(source.delay)
  if (source.fault !== undefined) {
    if (typeof source.fault !== 'number' && typeof source.fault !== 'string') {
      invalid(`fault ${show(source.fault)} is not a fault code or name`)
    }
    faultNameOf(source.fault)
    rule.fault = source.fault as number | FaultName
  }
  if (source.reason !== undefined) {
    if (typeof source.reason !== 'string') invalid(`reason ${show(source.reason)} is not text`)
    if (source.fault === undefined) invalid('reason goes with fault; add a fault code')
    rule.reason = source.reason
  }
  if (source.status !== undefined) rule.status = wholeNumber('status', source.status, 400, 599)
  for (const flag of ['reset', 'garbage', 'hang'] as const) {
    if (source[flag] === undefined) continue
    if (source[flag] !== true) invalid(`${flag} takes true, found ${show(source[flag])}`)
    rule[flag] = true
  }
  const outcomes = outcomeKeys.filter((key) => rule[key] !== undefined)
  const alone = outcomes.filter((key) => !(key === 'status' && rule.fault !== undefined))
  if (alone.length > 1) {
    invalid(`${alone.join(' and ')} exclude each other; a call can be answered only one way`)
  }
  if (outcomes.length === 0 && rule.delay === undefined) {
    invalid(`nothing to do; give delay or one of ${outcomeKeys.join(', ')}`)
  }
  return rule
}
