import type { CallTrace } from '../core/trace.js'
import type { Injection } from '../injection/injector.js'
import { readComplex } from '../schema/read.js'
import { getType, operations } from '../schema/table.js'
import type { FaultElement } from '../soap/faults.js'
import type { XmlElement } from '../soap/xml.js'
import { explain, type Unserved } from './explain.js'
import { plainOf, redact } from './plain.js'

/** One call the mock received, as `mock.journal` keeps it. Passwords never appear in it. */
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
   * where the schema repeats an element) once the schema accepted it, else text values.
   * Passwords are `[redacted]`. Built on first read.
   */
  readonly params?: Readonly<Record<string, unknown>>
  /** The authHeader's fields, password `[redacted]`. Built on first read. */
  readonly authHeader?: Readonly<Record<string, unknown>>
  /** The HTTP status; none when the connection was reset or left hanging. */
  readonly status?: number
  /** The return element's content, for a call that succeeded. */
  readonly response?: unknown
  /** The IPS fault answered. */
  readonly fault?: { code: number; element: FaultElement; reason: string }
  /** Why the mock could not serve the call: unknown operation, failed auth, malformed XML … */
  readonly unserved?: Unserved
  /** What fault injection did to the call. */
  readonly injected?: Injection
}

/** The facts of an answered call the journal records. */
export interface Answered {
  trace: CallTrace
  status: number | undefined
  time: Date
  durationMs: number
}

export class Entry implements JournalEntry {
  readonly id: number
  readonly time: Date
  readonly durationMs: number
  readonly soapVersion: '1.1' | '1.2' | 'plain'
  readonly operation?: string
  readonly element?: string
  readonly namespace?: string
  readonly user?: string
  readonly status?: number
  readonly response?: unknown
  readonly fault?: JournalEntry['fault']
  readonly unserved?: Unserved
  readonly injected?: Injection
  /** Params and authHeader are kept by reference and built into plain objects when read. */
  #params: { from: 'schema' | 'xml' | 'built'; value: unknown }
  #authHeader: { from: 'xml' | 'built'; value: unknown }

  constructor(id: number, { trace, status, time, durationMs }: Answered) {
    this.id = id
    this.time = time
    this.durationMs = durationMs
    this.soapVersion = trace.protocol
    this.operation = trace.operation
    this.element = trace.param?.name
    this.namespace = trace.param?.ns
    this.user = trace.user
    this.status = status
    this.response = trace.value
    if (trace.fault) {
      const { code, element, reason } = trace.fault
      this.fault = { code, element, reason }
      this.unserved = explain(trace)
    }
    this.injected = trace.injection
    this.#params = trace.params
      ? { from: 'schema', value: trace.params }
      : { from: trace.param ? 'xml' : 'built', value: trace.param }
    const authHeader = trace.headers?.find((header) => header.name === 'authHeader')
    this.#authHeader = { from: authHeader ? 'xml' : 'built', value: authHeader }
  }

  get params(): Readonly<Record<string, unknown>> | undefined {
    const params = this.#params
    if (params.from !== 'built') {
      params.value = asRecord(
        params.from === 'xml'
          ? readParams(params.value as XmlElement, this.operation)
          : redact(params.value),
      )
      params.from = 'built'
    }
    return params.value as Readonly<Record<string, unknown>> | undefined
  }

  get authHeader(): Readonly<Record<string, unknown>> | undefined {
    const authHeader = this.#authHeader
    if (authHeader.from === 'xml') {
      authHeader.value = asRecord(plainOf(authHeader.value as XmlElement))
      authHeader.from = 'built'
    }
    return authHeader.value as Readonly<Record<string, unknown>> | undefined
  }

  /** The entry with `params` and `authHeader` built, for JSON and the admin API. */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), params: this.params, authHeader: this.authHeader }
  }
}

/**
 * Params of a call that was refused before its schema check (bad credentials, an injected fault):
 * read with the schema when they are valid, so they look like a served call's, else as text.
 */
function readParams(param: XmlElement, operation: string | undefined): unknown {
  const definition = operation === undefined ? undefined : operations.get(operation)
  if (definition) {
    try {
      return redact(readComplex(param, getType(definition.inputType), param.ns, param.name))
    } catch {
      // Not valid: the text will do.
    }
  }
  return plainOf(param)
}

/** An element with text only (an empty `*Param`) reads as an empty object. */
function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
}
