import {
  type ProviderStateName,
  providerStates,
  type StateParams,
} from '../admin/provider-states.js'
import type { SoapVersion } from '../soap/namespaces.js'
import {
  adminLogin,
  authHeaderNode,
  demoLogin,
  envelopeNode,
  ipsElement,
  type Login,
  namespaceOf,
  type Prefixes,
} from './envelope.js'
import type { InteractionOptions } from './interaction.js'
import { fromProviderState } from './matchers.js'
import { type TemplateNode, writeTemplate } from './template.js'
import type { PactObject } from './values.js'
import { IpsMockError } from '../errors/ips-mock-error.js'

/**
 * The IPS operations ips-mock serves, and so the ones `ips-mock/pact` builds interactions for.
 * @example for (const operation of servedOperations) addInteraction(pact, ipsInteraction(operation))
 */
export const servedOperations = [
  'submitJob',
  'getActiveJobs',
  'getScheduledJobs',
  'stopJob',
  'pauseJob',
  'resumeJob',
  'deleteJob',
  'executeJob',
  'getJobLogs',
  'getJobLogDetails',
  'getAssetJobLogs',
  'checkLogin',
  'getCompanyInfo',
  'getUserInfo',
  'getCompanyMembership',
  'getAllCompanies',
] as const

/**
 * An IPS operation ips-mock serves.
 * @example const operation: ServedOperation = 'getActiveJobs'
 */
export type ServedOperation = (typeof servedOperations)[number]

/**
 * A header value as pact-js takes it: literal, or a regex matcher with its example.
 * @example const type: PactHeader = { 'pact:matcher:type': 'regex', regex: '^text/xml', value: 'text/xml' }
 */
export type PactHeader = string | { 'pact:matcher:type': 'regex'; regex: string; value: string }

const SERVICE_PATH = '/scene7/services/IpsApiService'
const DEMO = 'the demo seed is loaded'
const COMPANY = 'c|101'

/** The default state and parameters that make each operation succeed on the demo seed. */
const defaults: Record<ServedOperation, { state: ProviderStateName; params: Defaults }> = {
  submitJob: { state: DEMO, params: () => ({ companyHandle: COMPANY }) },
  getActiveJobs: { state: 'a job is running', params: () => ({ companyHandle: COMPANY }) },
  getScheduledJobs: { state: 'a job is scheduled', params: () => ({ companyHandle: COMPANY }) },
  stopJob: { state: 'a job is running', params: theJob },
  pauseJob: { state: 'a job is scheduled to repeat', params: theJob },
  resumeJob: { state: 'a repeating job is paused', params: theJob },
  deleteJob: { state: 'a job is scheduled', params: theJob },
  executeJob: { state: 'a job is scheduled to repeat', params: theJob },
  getJobLogs: { state: 'a job has run', params: () => ({ companyHandle: COMPANY }) },
  getJobLogDetails: { state: 'a job has run', params: theJob },
  getAssetJobLogs: {
    state: 'a job has run',
    params: () => ({
      companyHandle: COMPANY,
      assetHandle: fromProviderState('${assetHandle}', 'a|101|1'),
    }),
  },
  checkLogin: {
    state: DEMO,
    params: (_state, login) => ({ email: login?.user, password: login?.password }),
  },
  getCompanyInfo: { state: DEMO, params: () => ({ companyName: 'demo-co' }) },
  getUserInfo: { state: DEMO, params: () => ({}) },
  getCompanyMembership: { state: DEMO, params: () => ({}) },
  getAllCompanies: { state: DEMO, params: () => ({ includeExpired: false }) },
}

type Defaults = (
  state: { name: ProviderStateName; params: StateParams },
  login?: Login,
) => PactObject

/**
 * The job a state created, as a request names it: the verifier fills in the handle the state
 * handed back; the example is the handle the state creates (`j|101|<jobName>|`).
 */
function theJob(state: { name: ProviderStateName; params: StateParams }): PactObject {
  const jobName = String(
    state.params.jobName ??
      (providerStates[state.name].params as Record<string, string>).jobName ??
      '',
  )
  return {
    companyHandle: COMPANY,
    jobHandle: fromProviderState('${jobHandle}', `j|101|${jobName}|`),
  }
}

const regexHeader = (regex: string, value: string): PactHeader => ({
  'pact:matcher:type': 'regex',
  regex,
  value,
})

/** The HTTP headers a SOAP client sends for an operation; matched by form, not byte for byte. */
export function requestHeaders(operation: string, soap: SoapVersion): Record<string, PactHeader> {
  if (soap === '1.2') {
    return {
      'Content-Type': regexHeader(
        '^application/soap\\+xml(?:\\s*;.*)?$',
        `application/soap+xml; charset=utf-8; action="${operation}"`,
      ),
    }
  }
  return {
    'Content-Type': regexHeader('^text/xml(?:\\s*;.*)?$', 'text/xml; charset=utf-8'),
    SOAPAction: regexHeader(`^"?(?:[^"]*[/#:])?${operation}"?$`, `"${operation}"`),
  }
}

/** The Content-Type of an IPS answer, matched by media type. */
export function responseHeaders(soap: SoapVersion): Record<string, PactHeader> {
  return {
    'Content-Type':
      soap === '1.1'
        ? regexHeader('^text/xml(?:\\s*;.*)?$', 'text/xml;charset=UTF-8')
        : regexHeader('^application/soap\\+xml(?:\\s*;.*)?$', 'application/soap+xml;charset=UTF-8'),
  }
}

/** What a request is made of, before the response is decided. */
export interface RequestParts {
  operation: ServedOperation
  subject: string
  state: { name: ProviderStateName; params: StateParams }
  soap: SoapVersion
  ns: string
  prefixes: Required<Prefixes>
  login: Login | null
  params: PactObject
  path: string
}

/** Resolves an operation's options against its defaults. */
export function requestParts(
  operation: ServedOperation,
  options: InteractionOptions,
  kind = 'interaction',
): RequestParts {
  const subject = `${operation} ${kind}`
  const found = defaults[operation]
  if (!found) {
    throw new IpsMockError({
      code: 'INVALID_INTERACTION',
      action: `build the ${subject}`,
      reason: `ips-mock serves ${servedOperations.join(', ')}`,
    })
  }
  const name = options.state ?? found.state
  if (!Object.hasOwn(providerStates, name)) {
    throw new IpsMockError({
      code: 'INVALID_INTERACTION',
      action: `build the ${subject}`,
      reason: `unknown provider state "${name}"`,
      remedy: `ips-mock understands: ${Object.keys(providerStates).join(', ')}.`,
    })
  }
  const state = { name, params: { ...providerStates[name].params, ...options.stateParams } }
  const login =
    options.login === null
      ? null
      : (options.login ?? (operation === 'getAllCompanies' ? adminLogin : demoLogin))
  return {
    operation,
    subject,
    state,
    soap: options.soap ?? '1.1',
    ns: namespaceOf(options.version ?? '2014-04-03', subject),
    prefixes: {
      envelope: options.prefixes?.envelope ?? 'soapenv',
      ips: options.prefixes?.ips ?? '',
    },
    login,
    params: { ...found.params(state, login ?? undefined), ...options.params },
    path: options.path ?? SERVICE_PATH,
  }
}

/** The request of an interaction, written, with its rules and generators. */
export function writeRequest(parts: RequestParts, extra?: TemplateNode) {
  const param = ipsElement(
    `${parts.operation}Param`,
    parts.params,
    parts.ns,
    parts.prefixes.ips,
    'request',
    parts.subject,
  )
  if (extra) param.children?.push(extra)
  const header = parts.login ? authHeaderNode(parts.login, parts.ns, parts.subject) : undefined
  const written = writeTemplate(envelopeNode(parts.soap, parts.prefixes.envelope, param, header))
  return {
    method: 'POST' as const,
    path: parts.path,
    headers: requestHeaders(parts.operation, parts.soap),
    body: written.xml,
    rules: written.rules,
    generators: written.generators,
  }
}

export const given = (state: RequestParts['state']) => {
  const params = Object.fromEntries(
    Object.entries(state.params).map(([key, value]) => [key, String(value)]),
  )
  return [Object.keys(params).length > 0 ? { name: state.name, params } : { name: state.name }]
}
