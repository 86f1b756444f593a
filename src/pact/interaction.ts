import type { StateGenerator } from '../contract/generators.js'
import type { ProviderStateName } from '../admin/provider-states.js'
import type { SoapVersion } from '../soap/namespaces.js'
import { type ApiVersion, envelopeNode, ipsElement, type Login, type Prefixes } from './envelope.js'
import {
  given,
  type PactHeader,
  requestParts,
  responseHeaders,
  type ServedOperation,
  writeRequest,
} from './request.js'
import { type PactRule, writeTemplate } from './template.js'
import type { PactObject } from './values.js'
import { IpsMockError } from '../errors/ips-mock-error.js'

/**
 * A Pact V4 HTTP interaction, built and ready for `addInteraction(pact, interaction)`.
 * @example const { request, response } = ipsInteraction('getUserInfo')
 */
export interface IpsInteraction {
  description: string
  /** Provider states (`given`), each with the parameters the state reads. */
  states: { name: string; params?: Record<string, string> }[]
  request: {
    method: 'POST'
    path: string
    headers: Record<string, PactHeader>
    body: string
    rules: PactRule[]
    /** Provider-state generators; see `applyStateGenerators`. */
    generators: StateGenerator[]
  }
  response: {
    status: number
    headers: Record<string, PactHeader>
    body: string
    rules: PactRule[]
  }
}

/**
 * What every interaction builder takes.
 * @example ipsInteraction('getActiveJobs', { stateParams: { jobName: 'nightly' }, soap: '1.2' })
 */
export interface InteractionOptions {
  /** The interaction's description (unique within a pact); a default names the operation. */
  description?: string
  /** The provider state (`given`); each operation has a default that makes it succeed. */
  state?: ProviderStateName
  /** The state's parameters, e.g. `{ jobName: 'nightly import' }` (its defaults otherwise). */
  stateParams?: Record<string, string>
  /** The operation's parameters; merged over the operation's defaults. */
  params?: PactObject
  /** Return values the consumer relies on; generated ones (handles, dates, counts) match by form. */
  returns?: PactObject
  /** The login in the `authHeader` (default: the demo IpsUser); `null` sends no authHeader. */
  login?: Login | null
  /** IPS API version (default `2014-04-03`), or `unversioned`. */
  version?: ApiVersion
  /** SOAP version (default `1.1`). */
  soap?: SoapVersion
  prefixes?: Prefixes
  /** The service path (default `/scene7/services/IpsApiService`). */
  path?: string
}

/**
 * A Pact V4 interaction for an IPS operation the mock serves, from plain values: the request as
 * a SOAP client sends it, the answer with every generated value (handles, dates, counts) matched
 * by its form and every rule keyed by namespace URI, so the verifier applies them whatever
 * prefixes the provider answers with.
 * @example
 * const interaction = ipsInteraction('getActiveJobs', {
 *   stateParams: { jobName: 'nightly import' },
 *   returns: { jobArray: { items: [{ name: 'nightly import', state: 'Running' }] } },
 * })
 * await addInteraction(pact, interaction).executeTest(async (server) => fetch(`${server.url}/scene7/services/IpsApiService`))
 */
export function ipsInteraction(
  operation: ServedOperation,
  options: InteractionOptions = {},
): IpsInteraction {
  const parts = requestParts(operation, options)
  const answer = ipsElement(
    `${operation}Return`,
    options.returns ?? {},
    parts.ns,
    parts.soap === '1.1' ? 'ns1' : '',
    'response',
    parts.subject,
  )
  const written = writeTemplate(envelopeNode(parts.soap, 'soapenv', answer))
  return {
    description: options.description ?? `${operation} in the state "${parts.state.name}"`,
    states: given(parts.state),
    request: writeRequest(parts),
    response: {
      status: 200,
      headers: responseHeaders(parts.soap),
      body: written.xml,
      rules: written.rules,
    },
  }
}

/**
 * Options of `submitJobInteraction`: the job's name and its one job element.
 * @example const options: SubmitJobOptions = { jobName: 'x', job: { optimizeImagesJob: { emailSetting: 'None' } } }
 */
export interface SubmitJobOptions extends InteractionOptions {
  jobName: string
  /** Exactly one job element, e.g. `{ uploadUrlsJob: { … } }`. */
  job: PactObject
}

/**
 * A submitJob interaction: the job the consumer submits, answered with a jobHandle of IPS's form.
 * @example
 * submitJobInteraction({
 *   jobName: 'nightly import',
 *   job: { optimizeImagesJob: { emailSetting: 'None' } },
 * })
 */
export function submitJobInteraction(options: SubmitJobOptions): IpsInteraction {
  const { jobName, job, ...rest } = options
  const jobs = Object.keys(job)
  if (jobs.length !== 1) {
    throw new IpsMockError({
      code: 'INVALID_INTERACTION',
      action: 'build the submitJob interaction',
      reason: `"job" needs exactly one job element (got ${jobs.length ? jobs.join(', ') : 'none'})`,
    })
  }
  const handle = `j|101|${jobName}|`
  return ipsInteraction('submitJob', {
    description: `submitJob of ${jobs[0]} "${jobName}"`,
    ...rest,
    params: { ...rest.params, jobName, ...job },
    returns: { jobHandle: handle, ...rest.returns },
  })
}
