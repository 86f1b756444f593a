import { namespaces, operations } from '../schema/table.js'
import { schemaFor } from '../schema/versions.js'
import { faults, faultStrings, type FaultDefinition } from '../faults/catalog.js'
import { SOAP11 } from '../soap/namespaces.js'
import { adminLogin, demoLogin, envelopeNode, soapNamespace, type Login } from './envelope.js'
import type { InteractionOptions, IpsInteraction } from './interaction.js'
import {
  given,
  requestParts,
  type RequestParts,
  responseHeaders,
  type ServedOperation,
  writeRequest,
} from './request.js'
import { patterns, regex, type ValueMatcher } from './matchers.js'
import { type TemplateNode, writeTemplate } from './template.js'
import { IpsMockError } from '../errors/ips-mock-error.js'

/**
 * The IPS fault codes `faultInteraction` can provoke from the mock with a request alone.
 * @example const code: FaultCode = 20003
 */
export type FaultCode =
  10000 | 10001 | 10002 | 20000 | 20002 | 20003 | 20006 | 20007 | 20009 | 30001 | 30002 | 30003

/**
 * Options of `faultInteraction`.
 * @example faultInteraction(30001, { operation: 'stopJob', reason: regex(/job/, 'Unknown job') })
 */
export interface FaultOptions extends InteractionOptions {
  /** The operation called (default `submitJob`). */
  operation?: ServedOperation
  /**
   * The fault `reason` the consumer relies on, e.g. `regex(/^Invalid/, 'Invalid username')`
   * (default: any text, for the reason is free-form).
   */
  reason?: ValueMatcher
}

const portalLogin: Login = {
  ...demoLogin,
  user: 'portal@demo-co.test',
  password: 'demo-portal-pass',
}

/** The demo logins by role, for the role a 20003 needs. */
const loginsByRole: [role: string, login: Login][] = [
  ['IpsUser', demoLogin],
  ['ImagePortalUser', portalLogin],
  ['IpsAdmin', adminLogin],
]

/** The operation's param type in the request's API version. */
const paramType = (parts: RequestParts) =>
  schemaFor(parts.ns).getType(
    `${parts.operation[0]?.toUpperCase()}${parts.operation.slice(1)}Param`,
  )

const has = (parts: RequestParts, element: string) => paramType(parts).index.has(element)

const jobOperations = new Set(['stopJob', 'pauseJob', 'resumeJob', 'deleteJob', 'executeJob'])

/**
 * How each fault is provoked: the request changed so that IPS (and the mock) answers with it.
 * Each returns the changed parts, or a reason the operation cannot provoke that fault.
 */
const causes: Record<FaultCode, (parts: RequestParts) => RequestParts | string> = {
  10000: (parts) => ({ ...parts, login: null }),
  10001: (parts) => ({
    ...parts,
    login: { ...(parts.login ?? demoLogin), password: 'wrong-password' },
  }),
  10002: (parts) => ({
    ...parts,
    login: { ...(parts.login ?? demoLogin), user: 'nobody@demo-co.test', password: 'no-password' },
  }),
  20000: (parts) =>
    has(parts, 'companyHandle')
      ? { ...parts, params: { ...parts.params, companyHandle: 'c|999' } }
      : 'it takes no companyHandle',
  20002: (parts) =>
    parts.operation === 'submitJob'
      ? { ...parts, params: { ...parts.params, userHandle: 'u|999|nobody@demo-co.test' } }
      : 'only submitJob acts for a userHandle of the company',
  20003: (parts) => {
    const roles = new Set(getRoles(parts.operation))
    const outsider = loginsByRole.find(([role]) => !roles.has(role))
    return outsider ? { ...parts, login: outsider[1] } : 'every demo role may call it'
  },
  20006: (parts) =>
    has(parts, 'companyHandle')
      ? { ...parts, params: { ...parts.params, companyHandle: 'c|102' } }
      : 'it takes no companyHandle',
  20007: (parts) =>
    parts.operation === 'submitJob'
      ? { ...parts, params: { ...parts.params, userHandle: 'u|1004|user@other-co.test' } }
      : 'only submitJob acts for a userHandle of the company',
  20009: (parts) =>
    has(parts, 'companyHandle')
      ? {
          ...parts,
          state: { name: 'a user without a company membership exists', params: {} },
          login: { ...demoLogin, user: 'lonely@demo-co.test', password: 'lonely-pass' },
        }
      : 'it takes no companyHandle',
  30001: (parts) => {
    if (parts.operation === 'submitJob') {
      return {
        ...parts,
        params: { ...parts.params, execTime: '2030-01-02T09:00:00Z', execSchedule: '0 0 3 * * ?' },
      }
    }
    if (jobOperations.has(parts.operation) || parts.operation === 'getJobLogDetails') {
      return {
        ...parts,
        state: { name: 'the demo seed is loaded', params: {} },
        params: { ...parts.params, jobHandle: 'j|101|no such job|' },
      }
    }
    return 'the mock has no invalid-parameter case for it'
  },
  30002: (parts) => {
    const type = paramType(parts)
    const required =
      type.elements.find(
        (def) => def.min > 0 && def.type.startsWith('xsd:') && def.name !== 'companyHandle',
      ) ?? type.elements.find((def) => def.min > 0)
    if (!required) return 'it has no required parameter'
    const params = { ...parts.params }
    delete params[required.name]
    return { ...parts, params }
  },
  30003: (parts) => parts,
}

/** The roles that may call an operation (reference §3.3). */
const getRoles = (operation: string) => operations.get(operation)?.roles ?? []

/** The SOAP Fault an IPS fault is answered with, every generated part matched by form. */
function faultBody(parts: RequestParts, definition: FaultDefinition, reason: ValueMatcher) {
  const soap = soapNamespace(parts.soap)
  const base = namespaces.base
  const detail: TemplateNode = {
    ns: base,
    name: definition.element,
    prefix: 'ns1',
    children: [
      { ns: base, name: 'code', prefix: '', value: String(definition.code) },
      { ns: base, name: 'reason', prefix: '', value: reason },
    ],
  }
  const faultstring = faultStrings[definition.element]
  const local = definition.faultcode
  const children: TemplateNode[] =
    soap === SOAP11
      ? [
          {
            ns: '',
            name: 'faultcode',
            prefix: '',
            value: regex(faultcodePattern(local), `soapenv:${local}`),
          },
          { ns: '', name: 'faultstring', prefix: '', value: faultstring },
          { ns: '', name: 'detail', prefix: '', children: [detail] },
        ]
      : soap12Fault(soap, local === 'Client' ? 'Sender' : 'Receiver', faultstring, detail)
  return writeTemplate(
    envelopeNode(parts.soap, 'soapenv', { ns: soap, name: 'Fault', prefix: 'soapenv', children }),
  )
}

function soap12Fault(ns: string, code: string, text: string, detail: TemplateNode): TemplateNode[] {
  const prefix = 'soapenv'
  return [
    {
      ns,
      name: 'Code',
      prefix,
      children: [
        { ns, name: 'Value', prefix, value: regex(faultcodePattern(code), `soapenv:${code}`) },
      ],
    },
    {
      ns,
      name: 'Reason',
      prefix,
      children: [{ ns, name: 'Text', prefix, attributes: { 'xml:lang': 'en' }, value: text }],
    },
    { ns, name: 'Detail', prefix, children: [detail] },
  ]
}

/** A QName in the SOAP envelope namespace, whatever its prefix. */
const faultcodePattern = (local: string) => `^(?:[A-Za-z_][\\w.-]*:)?${local}$`

/** The IPS fault catalog entry for a code. */
function definitionOf(code: number): FaultDefinition | undefined {
  return Object.values(faults).find((definition) => definition.code === code)
}

/**
 * A documented IPS fault as an interaction: the operation's request, changed the way that
 * provokes the fault (a wrong password for 10001, a role that may not call it for 20003, …),
 * answered with HTTP 500 and the SOAP Fault: code and faultstring pinned, the free-form reason
 * matched by `reason` (any text by default), the faultcode's prefix free.
 * @example faultInteraction(10001) // submitJob with a wrong password
 * @example faultInteraction(20003, { operation: 'getAllCompanies' }) // an IpsUser asking
 */
export function faultInteraction(code: FaultCode, options: FaultOptions = {}): IpsInteraction {
  const operation = options.operation ?? 'submitJob'
  const base = requestParts(
    operation,
    submitDefaults(operation, options),
    `fault ${code} interaction`,
  )
  const definition = definitionOf(code)
  const cause = causes[code]
  if (!definition || !cause) {
    throw new IpsMockError({
      code: 'INVALID_INTERACTION',
      action: `build the ${base.subject}`,
      reason: `ips-mock provokes ${Object.keys(causes).join(', ')}`,
    })
  }
  const parts = cause(base)
  if (typeof parts === 'string') {
    throw new IpsMockError({
      code: 'INVALID_INTERACTION',
      action: `build the ${base.subject}`,
      reason: `${operation} cannot provoke it (${parts})`,
    })
  }
  const extra: TemplateNode | undefined =
    code === 30003
      ? { ns: parts.ns, name: 'unknownElement', prefix: parts.prefixes.ips, value: 'x' }
      : undefined
  const reason = options.reason ?? regex(patterns.text, definition.example)
  const written = faultBody(parts, definition, reason)
  return {
    description:
      options.description ?? `${operation} answered with fault ${code} (${definition.constant})`,
    states: given(parts.state),
    request: writeRequest(parts, extra),
    response: {
      status: 500,
      headers: responseHeaders(parts.soap),
      body: written.xml,
      rules: written.rules,
    },
  }
}

/** A submitJob fault still needs a well-formed job unless the consumer gave one. */
function submitDefaults(operation: ServedOperation, options: FaultOptions): InteractionOptions {
  if (operation !== 'submitJob') return options
  return {
    ...options,
    params: {
      jobName: 'fault job',
      optimizeImagesJob: { emailSetting: 'None' },
      ...options.params,
    },
  }
}
