import { namespaces } from '../schema/table.js'
import { fault } from '../faults/catalog.js'
import { isIpsNamespace } from '../soap/namespaces.js'
import type { XmlElement } from '../xml/parse.js'

/** Who the caller claims to be, and how they said it. */
export interface Credentials {
  user?: string
  password?: string
  source: 'authHeader' | 'legacyHeaders' | 'httpBasic' | 'none'
  /** With no credentials: the namespace of an authHeader that was ignored for being outside IPS's. */
  strayAuthHeaderNs?: string
}

/** Per-request settings carried by `authHeader` besides the credentials (reference §3.1). */
export interface HeaderOptions {
  locale?: string
  appName?: string
  appVersion?: string
  gzipResponse?: boolean
  faultHttpStatusCode?: number
}

/**
 * The text of an authHeader field. Every field is a simple type (reference §3.1), so a field
 * holding elements is refused rather than read for the text around them.
 * @throws IpsFault 30003 when the field has element content.
 */
function childText(parent: XmlElement, name: string): string | undefined {
  const child = parent.children.find((candidate) => candidate.name === name)
  if (child && child.children.length > 0) {
    throw fault(
      'invalidRequestXml',
      `${parent.name}/${name}: element content is not allowed in a field of a simple type`,
    )
  }
  return child?.text
}

/**
 * Reads the request options of `authHeader` (either published shape, unversioned or versioned
 * namespace, any field order). Runs before authentication, so even an authentication fault is
 * sent with the HTTP status the client asked for.
 * @throws IpsFault 30003 when gzipResponse or faultHttpStatusCode is not a valid value.
 */
export function readHeaderOptions(authHeader: XmlElement | undefined): HeaderOptions {
  if (!authHeader) return {}
  const options: HeaderOptions = {}
  const status = childText(authHeader, 'faultHttpStatusCode')?.trim()
  if (status !== undefined) {
    const code = Number(status)
    if (!/^\d{3}$/.test(status) || code < 200 || code > 599) {
      throw fault(
        'invalidRequestXml',
        `authHeader/faultHttpStatusCode: '${status}' is not an HTTP status between 200 and 599`,
      )
    }
    options.faultHttpStatusCode = code
  }
  const gzip = childText(authHeader, 'gzipResponse')?.trim()
  if (gzip !== undefined) {
    if (!['true', 'false', '1', '0'].includes(gzip)) {
      throw fault(
        'invalidRequestXml',
        `authHeader/gzipResponse: '${gzip}' is not a valid xsd:boolean`,
      )
    }
    options.gzipResponse = gzip === 'true' || gzip === '1'
  }
  for (const name of ['locale', 'appName', 'appVersion'] as const) {
    const value = childText(authHeader, name)
    if (value !== undefined) options[name] = value
  }
  return options
}

/** Finds `authHeader` among the SOAP headers, in the unversioned or any versioned IPS namespace. */
export function findAuthHeader(headers: readonly XmlElement[]): XmlElement | undefined {
  return headers.find((header) => header.name === 'authHeader' && isIpsNamespace(header.ns))
}

function fromBasic(authorization: string | null): Credentials | undefined {
  const match = authorization ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization) : null
  if (!match?.[1]) return undefined
  const decoded = Buffer.from(match[1], 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon === -1) return undefined
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1), source: 'httpBasic' }
}

/**
 * The caller's credentials, by precedence: `authHeader` user/password, then the pre-3.8
 * `AuthUser`/`AuthPassword` headers, then HTTP Basic (reference §3.1).
 */
export function readCredentials(
  headers: readonly XmlElement[],
  authHeader: XmlElement | undefined,
  authorization: string | null,
): Credentials {
  const user = authHeader && childText(authHeader, 'user')
  if (authHeader && user !== undefined && user.trim() !== '') {
    return {
      user: user.trim(),
      password: childText(authHeader, 'password') ?? '',
      source: 'authHeader',
    }
  }
  const legacy = (name: string) =>
    headers.find((header) => header.name === name && header.ns === namespaces.legacyHeader)?.text
  const legacyUser = legacy('AuthUser')
  if (legacyUser !== undefined && legacyUser.trim() !== '') {
    return {
      user: legacyUser.trim(),
      password: legacy('AuthPassword') ?? '',
      source: 'legacyHeaders',
    }
  }
  const stray = authHeader
    ? undefined
    : headers.find((header) => header.name === 'authHeader' && !isIpsNamespace(header.ns))
  return (
    fromBasic(authorization) ??
    (stray ? { source: 'none', strayAuthHeaderNs: stray.ns } : { source: 'none' })
  )
}
