import type { Credentials, HeaderOptions } from '../auth/credentials.js'
import type { JobEngine } from '../engine/engine.js'
import type { IpsFault } from '../faults/catalog.js'
import type { FaultInjector, Injection } from '../injection/injector.js'
import type { FaultRule } from '../injection/rule.js'
import type { Operation } from '../operations/index.js'
import type { IpsObject } from '../schema/read.js'
import type { OperationDef } from '../schema/table.js'
import type { VersionSchema } from '../schema/versions.js'
import type { OutObject } from '../schema/write.js'
import type { SoapVersion } from '../soap/namespaces.js'
import type { Company, User } from '../store/models.js'
import type { IpsStore } from '../store/store.js'
import type { XmlElement, XmlLimits } from '../xml/parse.js'
import type { RawRequest, RawResponse } from './raw.js'

/**
 * The step a call stopped in: a fault raised there says why the call was not served.
 * `header` the X-Ips-Mock-Fault header, `read` the body and envelope, `resolve` the operation and
 * SOAPAction, `authenticate` the credentials, `authorise` the caller's role, `support` whether
 * ips-mock implements the operation, `validate` the schema and memberships, `run` the operation.
 */
export type Stage =
  'header' | 'read' | 'resolve' | 'authenticate' | 'authorise' | 'support' | 'validate' | 'run'

/** SOAP 1.1, SOAP 1.2, or the plain-XML endpoint. */
export type Protocol = SoapVersion | 'plain'

/** What the pipeline needs from the mock. */
export interface CallSettings {
  store: IpsStore
  engine: JobEngine
  /** Fault and latency injection. */
  faults: FaultInjector
  now(): Date
  /** Validate and answer every namespace with the newest schema (`versionLenient`). */
  versionLenient?: boolean
  maxBodyBytes: number
  xmlLimits: XmlLimits
  /** Whether the `X-Ips-Mock-Fault` request header is obeyed. */
  faultHeader: boolean
  /** Told of every IPS call once it is answered (the journal). */
  onCallEnd?: CallListener
}

/** A call as it arrives: before its body is read. */
export interface Received {
  readonly protocol: Protocol
  /** The HTTP Authorization header. */
  readonly authorization: string | null
  /** The X-Ips-Mock-Fault header's rule. */
  readonly headerRule?: FaultRule
}

/** A call whose body is read: its SOAP headers (or `authHeader`) and its `*Param` element. */
export interface Parsed extends Received {
  /** The request body as text. */
  readonly body: string
  readonly headers: readonly XmlElement[]
  readonly param: XmlElement
  /** The operation named by SOAPAction or the SOAP 1.2 `action` parameter, if any. */
  readonly action?: string
}

/** A call whose Body names a known IPS operation. */
export interface Resolved extends Parsed {
  readonly operation: OperationDef
}

/** A call whose authHeader options are read (and that the fault gate let through). */
export interface Opened extends Resolved {
  /** The authHeader's options: locale, gzipResponse, faultHttpStatusCode … */
  readonly options: HeaderOptions
  /** What the fault gate did to a call it let through (a delay). */
  readonly injection?: Injection
}

/** A call whose credentials are read: who it claims to be. */
export interface Identified extends Opened {
  readonly credentials: Credentials
  /** The user the credentials named, known or not. */
  readonly claimedUser?: string
}

/** A call whose credentials were checked. */
export interface Authenticated extends Identified {
  readonly user: User
}

/** A call ips-mock serves, ready to run: the handler and the validated params. */
export interface Validated extends Authenticated {
  readonly handler: Operation
  readonly schema: VersionSchema
  readonly params: IpsObject
  /** `companyHandle`, resolved and authorised, when the params name one. */
  readonly company?: Company
  /** `userHandle`, resolved and checked against the company, when the params name one. */
  readonly targetUser?: User
}

/** Whatever a call got to before it was answered. */
export type CallFacts = Received & Partial<Omit<Validated, keyof Received>>

/** Where a step stops a call: an IPS fault (with the step), or an injected non-SOAP answer. */
export type Stop =
  | {
      readonly kind: 'fault'
      readonly stage: Stage
      readonly fault: IpsFault
      /** The injection, when the fault gate raised the fault. */
      readonly injection?: Injection
    }
  | { readonly kind: 'interrupt'; readonly injection: Injection }

/** A step's result: the call, further along, or where it stopped. */
export type Step<T> = T | Stop

/** How a call ended, with everything it got to. */
export type Outcome =
  | {
      readonly kind: 'returned'
      readonly call: Validated
      /** The `*Return` element's value. */
      readonly value: OutObject
    }
  | (Stop & { readonly call: CallFacts })

/** The event a call's end sends to its listener: the request, how it ended, the answer. */
export interface CallEnd {
  readonly request: RawRequest
  readonly outcome: Outcome
  readonly response: RawResponse
  /** Mock clock time of arrival, in ms. */
  readonly time: number
  readonly durationMs: number
}

/** Told of a call's end. */
export type CallListener = (end: CallEnd) => void

/** The call one step further along: a new object with what the step learnt, the old one as it was. */
export function further<T extends object, U extends object>(call: T, learnt: U): T & U {
  return Object.assign({}, call, learnt)
}

/** Whether a step stopped the call. */
export function stopped<T extends object>(step: Step<T>): step is Stop {
  return 'kind' in step
}
