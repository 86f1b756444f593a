import { namespaces } from '../schema/table.js'
import { newestSchema, schemaFor, versionLabel } from '../schema/versions.js'
import { SOAP11, SOAP12, type SoapVersion } from '../soap/namespaces.js'
import { like, type PlainValue, type ValueMatcher } from './matchers.js'
import type { TemplateNode } from './template.js'
import { childrenOf, type Mode, type PactObject, type Place } from './values.js'
import { IpsMockError } from '../errors/ips-mock-error.js'

/**
 * The IPS API version of an interaction: a dated namespace, or `unversioned` (pre-4.0).
 * @example ipsInteraction('getJobLogs', { version: '2012-02-14' })
 */
export type ApiVersion = string

/**
 * Prefixes a body is written with. Matching is by namespace URI, so they never decide a match.
 * @example
 * submitJobInteraction({
 *   jobName: 'x',
 *   job: { optimizeImagesJob: {} },
 *   prefixes: { envelope: 'S', ips: 'ns1' },
 * })
 */
export interface Prefixes {
  /** The SOAP envelope's prefix (default `soapenv`). */
  envelope?: string
  /** The IPS elements' prefix; '' (the default) writes them in a default namespace. */
  ips?: string
}

/**
 * The login a request carries in its `authHeader`; `null` sends none.
 * @example ipsInteraction('getUserInfo', { login: { user: 'user@demo-co.test', password: 'demo-user-pass' } })
 */
export interface Login {
  user: string | ValueMatcher
  password: string | ValueMatcher
  /** Written when given; the default login matches any app name. */
  appName?: string | ValueMatcher
  appVersion?: string | ValueMatcher
}

/**
 * The demo seed's IpsUser of company `c|101`, as `ips-mock verify`'s fresh mock knows it; its
 * appName and appVersion match any value.
 * @example faultInteraction(10001, { login: { ...demoLogin, password: 'wrong-password' } })
 */
export const demoLogin: Login = {
  user: 'user@demo-co.test',
  password: 'demo-user-pass',
  appName: like('ips-mock-pact'),
  appVersion: like('1.0'),
}

/**
 * The demo seed's IpsAdmin, the only demo role that may call getAllCompanies.
 * @example ipsInteraction('getAllCompanies', { login: adminLogin })
 */
export const adminLogin: Login = {
  ...demoLogin,
  user: 'admin@demo-co.test',
  password: 'demo-admin-pass',
}

/** The namespace URI of an API version. */
export function namespaceOf(version: ApiVersion, subject: string): string {
  if (version === 'unversioned') return namespaces.base
  if (!/^\d{4}-\d{2}-\d{2}(?:-beta)?$/.test(version)) {
    throw new IpsMockError({
      code: 'INVALID_INTERACTION',
      action: `build the ${subject}`,
      reason: `"${version}" is not an IPS API version`,
      remedy: `Use one of ${namespaces.documentedVersions.join(', ')} or "unversioned".`,
    })
  }
  return `${namespaces.base}/${version}`
}

export const soapNamespace = (soap: SoapVersion) => (soap === '1.1' ? SOAP11 : SOAP12)

/** A SOAP envelope around one body element, with an optional header. */
export function envelopeNode(
  soap: SoapVersion,
  prefix: string,
  body: TemplateNode,
  header?: TemplateNode,
): TemplateNode {
  const ns = soapNamespace(soap)
  const children: TemplateNode[] = []
  if (header) children.push({ ns, name: 'Header', prefix, children: [header] })
  children.push({ ns, name: 'Body', prefix, children: [body] })
  return { ns, name: 'Envelope', prefix, children }
}

/**
 * The documented `authHeader` (unversioned namespace, whatever the request's version), with the
 * fields of the request version's AuthHeader.
 */
export function authHeaderNode(login: Login, ns: string, subject: string): TemplateNode {
  const values: PactObject = {}
  for (const [key, value] of Object.entries(login) as [string, PlainValue | undefined][]) {
    if (value !== undefined) values[key] = value
  }
  const versioned = schemaFor(ns)
  const schema = versioned.elements.has('authHeader') ? versioned : newestSchema
  const type = schema.elements.get('authHeader')?.name ?? 'AuthHeader'
  const place: Place = { subject, path: 'authHeader', schema }
  return {
    ns: namespaces.base,
    name: 'authHeader',
    prefix: '',
    children: childrenOf(type, values, namespaces.base, '', 'request', place),
  }
}

/** A global IPS element (`submitJobParam`, `getActiveJobsReturn`) from plain values. */
export function ipsElement(
  name: string,
  value: PactObject,
  ns: string,
  prefix: string,
  mode: Mode,
  subject: string,
): TemplateNode {
  const schema = schemaFor(ns)
  const type = schema.elements.get(name)
  if (!type) {
    throw new IpsMockError({
      code: 'INVALID_INTERACTION',
      action: `build the ${subject}`,
      reason: `the ${versionLabel(ns)} API has no ${name}`,
    })
  }
  const place: Place = { subject, path: name, schema }
  return { ns, name, prefix, children: childrenOf(type.name, value, ns, prefix, mode, place) }
}
