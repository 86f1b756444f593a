import type { CallEnd, Stage } from '../core/call.js'
import type { Injection } from '../injection/injector.js'
import { readComplex } from '../schema/read.js'
import { getType, operations } from '../schema/table.js'
import { readEnvelope } from '../soap/envelope.js'
import { type FaultElement, IpsFault } from '../faults/catalog.js'
import { parseXml, type XmlElement } from '../xml/parse.js'
import { explain, type Unserved } from './explain.js'
import { type BodyFacts, ENTRY_OVERHEAD, type KeptBody, keep, own } from './kept-body.js'
import { plainOf, redact } from './plain.js'
import { redactXml } from './redact-xml.js'

export type { BodyFacts } from './kept-body.js'

/**
 * One call the mock received, as `mock.journal` keeps it. Passwords never appear in it.
 * @example
 * const entry: JournalEntry | undefined = mock.journal.last({ operation: 'submitJob' })
 * console.log(entry?.params, entry?.fault?.code, entry?.durationMs)
 */
export interface JournalEntry {
  /** 1, 2, … in the order calls were answered. */
  readonly id: number
  /** When the call arrived, on the mock's clock. */
  readonly time: Date
  /** How long the mock took to answer, in milliseconds (an injected delay included). */
  readonly durationMs: number
  /** SOAP 1.1, SOAP 1.2, or the plain-XML endpoint. */
  readonly soapVersion: '1.1' | '1.2' | 'plain'
  /** The IPS operation, when the Body named a known one. */
  readonly operation?: string
  /** The Body's element as sent, e.g. `submitJobParam`. */
  readonly element?: string
  /** The Body element's namespace. */
  readonly namespace?: string
  /** The user the credentials named. */
  readonly user?: string
  /**
   * The `*Param` element's content as a plain object: typed values (numbers, booleans, arrays
   * where the schema repeats an element) when the schema accepts it, else text values.
   * Passwords are `[redacted]`.
   */
  readonly params?: Readonly<Record<string, unknown>>
  /** The authHeader's fields, password `[redacted]`. */
  readonly authHeader?: Readonly<Record<string, unknown>>
  /** The HTTP status; none when the connection was reset or left hanging. */
  readonly status?: number
  /** The return element's content as the client got it, for a call that succeeded. */
  readonly response?: Readonly<Record<string, unknown>>
  /** The IPS fault answered. */
  readonly fault?: { code: number; element: FaultElement; reason: string }
  /** Why the mock could not serve the call: unknown operation, failed auth, malformed XML … */
  readonly unserved?: Unserved
  /** What fault injection did to the call. */
  readonly injected?: Injection
  /**
   * The request body's size as received, and whether the journal kept only a prefix of it
   * (bodies over `journalBodyBytes`, 64 KiB by default; `params` and `authHeader` are then not
   * read). Set for calls whose Body named an operation.
   */
  readonly requestBody?: BodyFacts
  /** The response body's size, and whether the journal kept only a prefix of it. */
  readonly responseBody?: BodyFacts
  /**
   * The request and response as the journal kept them (up to `journalBodyBytes` each), as XML
   * text with every password `[redacted]`; the request only when its Body named an operation.
   * @example mock.journal.last()?.xml().response
   */
  xml(): { request?: string; response?: string }
  /** The entry with every field filled in, for `JSON.stringify`. */
  toJSON(): Record<string, unknown>
}

/** What a request body says, once read. */
interface RequestFields {
  params?: Record<string, unknown>
  authHeader?: Record<string, unknown>
}

/** Limits for reading a journaled body again: it passed the mock's own limits once already. */
const unlimited = {
  maxDepth: Number.POSITIVE_INFINITY,
  maxElements: Number.POSITIVE_INFINITY,
  maxTextLength: Number.POSITIVE_INFINITY,
  maxNameLength: Number.POSITIVE_INFINITY,
  maxAttributes: Number.POSITIVE_INFINITY,
}

/** The `*Param` element and the headers of a request body (SOAP envelope or plain `<Request>`). */
function requestParts(
  text: string,
  plain: boolean,
): { param?: XmlElement; headers: readonly XmlElement[] } {
  const root = parseXml(text, unlimited)
  if (!plain) {
    const envelope = readEnvelope(root)
    return { param: envelope.body, headers: envelope.headers }
  }
  const param = root.children.find((child) => child.name !== 'authHeader')
  return { param, headers: root.children }
}

/** An IPS document read with the schema type when it fits, else as text; passwords redacted. */
function readValue(element: XmlElement, typeName: string | undefined): Record<string, unknown> {
  if (typeName !== undefined) {
    try {
      return redact(readComplex(element, getType(typeName), element.ns, element.name)) as never
    } catch {
      // Not valid for the type (a call refused before its schema check): the text will do.
    }
  }
  const value = plainOf(element)
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
}

/**
 * A journal entry. Recording keeps strings and numbers only: the request and response bodies
 * as they were, not object trees, so a full journal costs the garbage collector little. Params,
 * authHeader and response are read from the bodies when first asked for.
 */
export class Entry implements JournalEntry {
  readonly id: number
  readonly durationMs: number
  readonly soapVersion: '1.1' | '1.2' | 'plain'
  readonly operation?: string
  readonly element?: string
  readonly namespace?: string
  readonly user?: string
  readonly status?: number
  readonly injected?: Injection
  readonly #time: number
  readonly #stage: Stage | undefined
  readonly #fault: { code: number; element: FaultElement; reason: string } | undefined
  readonly #faultName: IpsFault['faultName'] | undefined
  readonly #faultCause: IpsFault['faultCause']
  readonly #request: KeptBody | undefined
  readonly #response: KeptBody | undefined
  readonly #served: boolean
  #read: RequestFields | undefined
  #answer: Record<string, unknown> | undefined
  readonly #retained: number

  /** `bodyLimit`: the most of each body kept, in bytes. */
  constructor(
    id: number,
    { outcome, response, time, durationMs }: CallEnd,
    bodyLimit = Number.POSITIVE_INFINITY,
  ) {
    const call = outcome.call
    this.id = id
    this.durationMs = durationMs
    this.soapVersion = call.protocol
    this.operation = own(call.operation?.name)
    this.element = own(call.param?.name)
    this.namespace = own(call.param?.ns)
    this.user = own(call.claimedUser)
    this.status = response.meta.connection ? undefined : response.status
    this.injected = (outcome.kind === 'returned' ? undefined : outcome.injection) ?? call.injection
    this.#time = time
    this.#stage = outcome.kind === 'fault' ? outcome.stage : undefined
    const fault = outcome.kind === 'fault' ? outcome.fault : undefined
    this.#fault = fault && { code: fault.code, element: fault.element, reason: own(fault.reason) }
    this.#faultName = fault?.faultName
    this.#faultCause = fault?.faultCause
    // Only a body that named a param holds params; only a served call has a return element.
    this.#request = call.param ? keep(call.body, bodyLimit) : undefined
    this.#response = keep(response.body, bodyLimit)
    this.#served = outcome.kind === 'returned'
    this.#retained =
      ENTRY_OVERHEAD +
      (this.#request?.text.length ?? 0) +
      (this.#response?.text.length ?? 0) +
      (this.#fault?.reason.length ?? 0) +
      (this.user?.length ?? 0) +
      (this.namespace?.length ?? 0)
  }

  /** About how many bytes the entry holds, for the journal's byte budget. */
  get retainedBytes(): number {
    return this.#retained
  }

  xml(): { request?: string; response?: string } {
    const out: { request?: string; response?: string } = {}
    if (this.#request !== undefined) out.request = redactXml(this.#request.text)
    if (this.#response !== undefined) out.response = redactXml(this.#response.text)
    return out
  }

  get requestBody(): BodyFacts | undefined {
    const body = this.#request
    return body && { bytes: body.bytes, truncated: body.truncated }
  }

  get responseBody(): BodyFacts | undefined {
    const body = this.#response
    return body && { bytes: body.bytes, truncated: body.truncated }
  }

  get time(): Date {
    return new Date(this.#time)
  }

  get fault(): JournalEntry['fault'] {
    const fault = this.#fault
    return fault ? { code: fault.code, element: fault.element, reason: fault.reason } : undefined
  }

  get unserved(): Unserved | undefined {
    const fault = this.#fault
    return explain({
      stage: this.#stage,
      fault:
        fault && this.#faultName
          ? new IpsFault(this.#faultName, fault.reason, this.#faultCause)
          : undefined,
      injected: this.injected !== undefined,
      operation: this.operation,
      element: this.element,
      namespace: this.namespace,
    })
  }

  get params(): Readonly<Record<string, unknown>> | undefined {
    return this.#readRequest()?.params
  }

  get authHeader(): Readonly<Record<string, unknown>> | undefined {
    return this.#readRequest()?.authHeader
  }

  get response(): Readonly<Record<string, unknown>> | undefined {
    const body = this.#response
    if (this.#answer === undefined && this.#served && body && !body.truncated) {
      const root = parseXml(body.text, unlimited)
      const element = this.soapVersion === 'plain' ? root : readEnvelope(root).body
      const definition = this.operation === undefined ? undefined : operations.get(this.operation)
      this.#answer = readValue(element, definition?.outputType)
    }
    return this.#answer
  }

  /** The entry with every field built, for JSON and the admin API. */
  toJSON(): Record<string, unknown> {
    const fields: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(this)) if (value !== undefined) fields[key] = value
    const built = [
      'time',
      'fault',
      'unserved',
      'params',
      'authHeader',
      'response',
      'requestBody',
      'responseBody',
    ] as const
    for (const key of built) {
      const value = this[key]
      if (value !== undefined) fields[key] = value
    }
    return fields
  }

  /** `console.log(entry)` shows every field, as JSON would. */
  [Symbol.for('nodejs.util.inspect.custom')](): Record<string, unknown> {
    return this.toJSON()
  }

  /** Params and authHeader, read from the kept body once; none when only a prefix was kept. */
  #readRequest(): RequestFields | undefined {
    const body = this.#request
    if (body === undefined || body.truncated) return undefined
    if (this.#read === undefined) {
      const { param, headers } = requestParts(body.text, this.soapVersion === 'plain')
      const definition = this.operation === undefined ? undefined : operations.get(this.operation)
      const authHeader = headers.find((header) => header.name === 'authHeader')
      const read: RequestFields = {}
      if (param) read.params = readValue(param, definition?.inputType)
      if (authHeader) read.authHeader = readValue(authHeader, undefined)
      this.#read = read
    }
    return this.#read
  }
}
