import { closest } from '../utils/internal/closest.js'
import { type FaultRule, FaultRuleError, parseFaultRule } from './rule.js'

/**
 * The request header that injects a fault into that one request.
 * @example
 * import { readFile } from 'node:fs/promises'
 * await fetch('https://s7sps1apissl.scene7.com/scene7/services/IpsApiService', {
 *   method: 'POST',
 *   headers: { 'content-type': 'text/xml', [FAULT_HEADER]: 'fault=30000, status=500' },
 *   body: await readFile('submit-job.xml', 'utf8'),
 * })
 */
export const FAULT_HEADER = 'x-ips-mock-fault'

const SYNTAX =
  'expected comma-separated items: fault=<code>, reason="<text>", status=<4xx|5xx>, delay=<ms> or delay=<min>-<max>, reset, garbage, hang, operation=<name>, probability=<0..1>'
const valued = ['operation', 'probability', 'delay', 'fault', 'reason', 'status'] as const
const flags = ['reset', 'garbage', 'hang'] as const
const counting = ['nth', 'from', 'times']

function invalid(reason: string): never {
  throw new FaultRuleError(`X-Ips-Mock-Fault: ${reason}; ${SYNTAX}`)
}

/** Splits the header into `key` / `key=value` items; values may be "quoted" (with \" and \\). */
function items(header: string): [string, string | undefined][] {
  const found: [string, string | undefined][] = []
  let at = 0
  while (at <= header.length) {
    const equals = header.indexOf('=', at)
    const comma = header.indexOf(',', at)
    const keyEnd = comma === -1 ? header.length : comma
    if (equals === -1 || equals > keyEnd) {
      found.push([header.slice(at, keyEnd).trim(), undefined])
      at = keyEnd + 1
      continue
    }
    const key = header.slice(at, equals).trim()
    let rest = equals + 1
    while (header[rest] === ' ' || header[rest] === '\t') rest++
    if (header[rest] !== '"') {
      const end = comma === -1 ? header.length : comma
      const value = header.slice(rest, end).trim()
      if (value.includes(';')) {
        invalid(`items are separated by ',', not ';' (in '${key}=${value}')`)
      }
      found.push([key, value])
      at = end + 1
      continue
    }
    let value = ''
    let index = rest + 1
    for (; index < header.length && header[index] !== '"'; index++) {
      if (header[index] === '\\') index++
      value += header[index] ?? ''
    }
    if (index >= header.length) invalid(`the quoted value of '${key}' is not closed`)
    const after = header.slice(index + 1).search(/\S/)
    const next = after === -1 ? header.length : index + 1 + after
    if (next < header.length && header[next] !== ',') {
      invalid(`expected ',' after the quoted value of '${key}'`)
    }
    found.push([key, value])
    at = next + 1
  }
  return found
}

function convert(key: (typeof valued)[number], value: string): unknown {
  switch (key) {
    case 'fault':
      return /^\d+$/.test(value) ? Number(value) : value
    case 'status':
      if (!/^\d{3}$/.test(value)) invalid(`status=${value} is not an HTTP status`)
      return Number(value)
    case 'probability':
      if (!/^(?:0(?:\.\d+)?|1(?:\.0+)?|\.\d+)$/.test(value)) {
        invalid(`probability=${value} is not a number from 0 to 1`)
      }
      return Number(value)
    case 'delay': {
      const range = /^(\d+)(?:-(\d+))?$/.exec(value)
      if (!range) invalid(`delay=${value} is not milliseconds (200) or a range (100-300)`)
      return range[2] === undefined ? Number(range[1]) : [Number(range[1]), Number(range[2])]
    }
    default:
      return value
  }
}

/**
 * Reads an `X-Ips-Mock-Fault` header into the same rule type `mock.faults.inject` takes: items
 * `fault=<code|name>`, `reason="<text>"`, `status=<4xx|5xx>`, `delay=<ms>` or `delay=<min>-<max>`,
 * `reset`, `garbage`, `hang`, `operation=<name>`, `probability=<0..1>`, separated by commas.
 * @throws FaultRuleError saying what is wrong, for a 400 answer.
 * @example parseFaultHeader('fault=10001') // { fault: 10001 }
 * @example parseFaultHeader('delay=100-300, status=503') // { delay: [100, 300], status: 503 }
 */
export function parseFaultHeader(header: string): FaultRule {
  const rule: Record<string, unknown> = {}
  for (const [key, value] of items(header)) {
    if (key === '') invalid(header.trim() === '' ? 'the header is empty' : 'an item is empty')
    if (Object.hasOwn(rule, key)) invalid(`'${key}' is given twice`)
    if (counting.includes(key)) {
      invalid(`'${key}' counts calls across requests; inject a rule instead of using a header`)
    }
    if ((flags as readonly string[]).includes(key)) {
      if (value !== undefined) invalid(`'${key}' takes no value`)
      rule[key] = true
    } else if ((valued as readonly string[]).includes(key)) {
      if (value === undefined || value === '') invalid(`'${key}' needs a value: ${key}=…`)
      rule[key] = convert(key as (typeof valued)[number], value)
    } else {
      const hint = closest(key, [...valued, ...flags])
      invalid(`unknown item '${key}'${hint ? ` (did you mean '${hint}'?)` : ''}`)
    }
  }
  try {
    return parseFaultRule(rule)
  } catch (error) {
    if (error instanceof FaultRuleError) invalid(error.reason)
    throw error
  }
}
