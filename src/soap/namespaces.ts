import { namespaces } from '../schema/table.js'

/** SOAP 1.1 envelope namespace. */
export const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/'
/** SOAP 1.2 envelope namespace. */
export const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope'

/** The SOAP versions ips-mock speaks; a response always uses the request's version. */
export type SoapVersion = '1.1' | '1.2'

const versioned = /^http:\/\/www\.scene7\.com\/IpsApi\/xsd\/(\d{4}-\d{2}-\d{2}(?:-beta)?)$/

/**
 * True for the unversioned IPS namespace and every `…/xsd/<YYYY-MM-DD>[-beta]` one (reference §2).
 * @example isIpsNamespace('http://www.scene7.com/IpsApi/xsd/2014-04-03') // true
 */
export function isIpsNamespace(uri: string): boolean {
  return uri === namespaces.base || versioned.test(uri)
}

/**
 * The API version of an IPS namespace, or `undefined` for the unversioned one.
 * @example apiVersion('http://www.scene7.com/IpsApi/xsd/2014-04-03') // '2014-04-03'
 */
export function apiVersion(uri: string): string | undefined {
  return versioned.exec(uri)?.[1]
}

const interned = new Map<string, string>()

/**
 * The one stored copy of an IPS namespace: each job keeps the namespace it was submitted in, and
 * a handful of versions serve them all. Copied once (never a slice of a request body), at most
 * 64 kept.
 * @example storedNamespace(request.namespace) === storedNamespace(other.namespace) // true when equal
 */
export function storedNamespace(uri: string): string {
  const known = interned.get(uri)
  if (known !== undefined) return known
  const copy = JSON.parse(JSON.stringify(uri)) as string
  if (interned.size < 64 && isIpsNamespace(copy)) interned.set(copy, copy)
  return copy
}
