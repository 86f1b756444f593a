import type { Injection } from '../injection/injector.js'
import type { FaultRule } from '../injection/rule.js'
import type { IpsObject } from '../schema/read.js'
import type { IpsFault } from '../faults/catalog.js'
import type { SoapVersion } from '../soap/namespaces.js'
import type { XmlElement } from '../xml/parse.js'

/**
 * The check a call is going through: a fault raised in it says why the call was not served.
 * `header` the X-Ips-Mock-Fault header, `read` the body and envelope, `resolve` the operation and
 * SOAPAction, `authenticate` credentials and role, `support` whether ips-mock implements the
 * operation, `validate` the schema and memberships, `run` the operation itself.
 */
export type Stage = 'header' | 'read' | 'resolve' | 'authenticate' | 'support' | 'validate' | 'run'

/**
 * What the exchange learns about one IPS call as it goes, kept by reference (nothing is copied):
 * the journal reads it once the call is answered, the fault gate once the operation is known.
 */
export interface CallTrace {
  /** SOAP 1.1, SOAP 1.2, or the plain-XML endpoint. */
  protocol: SoapVersion | 'plain'
  stage: Stage
  /** The request body as text, once read. */
  body?: string
  /** The Body's `*Param` element, once read. */
  param?: XmlElement
  /** SOAP header elements, or the plain request's `authHeader`. */
  headers?: readonly XmlElement[]
  /** The IPS operation, once the Body named a known one. */
  operation?: string
  /** The user the credentials named. */
  user?: string
  /** The validated params, once the schema accepted them. */
  params?: IpsObject
  /** The return element's value, for a call that succeeded. */
  value?: unknown
  /** The fault answered. */
  fault?: IpsFault
  /** The X-Ips-Mock-Fault header's rule. */
  headerRule?: FaultRule
  /** What the fault gate did to the call. */
  injection?: Injection
}

/** A trace for a call that has just arrived. */
export function startTrace(protocol: CallTrace['protocol']): CallTrace {
  return { protocol, stage: 'read' }
}

/**
 * The HTTP status of a fault answer: an injected status, 400 for a bad X-Ips-Mock-Fault header,
 * else `authHeader/faultHttpStatusCode`, else 500.
 */
export function faultStatus(trace: CallTrace, requested: number | undefined): number {
  if (trace.injection?.status !== undefined) return trace.injection.status
  if (trace.stage === 'header') return 400
  return requested ?? 500
}
