import type { CallTrace } from './trace.js'
import { type ExchangeMeta, type RawResponse, raw } from './raw.js'
import { IpsFault } from '../faults/catalog.js'
import type { FaultInjector, Injection } from '../injection/injector.js'
import { faultNameOf } from '../injection/rule.js'

/** Thrown by the gate when a call is answered with something other than SOAP. */
export class Interruption extends Error {
  constructor(readonly injection: Injection) {
    const limit = Error.stackTraceLimit
    Error.stackTraceLimit = 0
    super(`ips-mock injected ${injection.action ?? `HTTP ${injection.status}`}`)
    Error.stackTraceLimit = limit
    this.name = 'Interruption'
  }
}

/**
 * The fault gate, run once a call's operation is known: waits for an injected delay, then raises
 * an injected IPS fault or an `Interruption`, or lets the call go on.
 */
export async function gate(trace: CallTrace, faults: FaultInjector): Promise<void> {
  const injection = faults.decide(trace.operation ?? '', trace.headerRule)
  if (!injection) return
  trace.injection = injection
  if (injection.delayMs) await new Promise((resolve) => setTimeout(resolve, injection.delayMs))
  if (injection.fault) throw new IpsFault(faultNameOf(injection.fault.code), injection.fault.reason)
  if (injection.status !== undefined || injection.action) throw new Interruption(injection)
}

const reasons: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}

/** The body of a `garbage` answer: control bytes and text that no XML parser accepts. */
export const GARBAGE_BODY =
  '\u001f\u008b\u0008\u0000 ips-mock: injected garbage, not XML \u00ff\u00fe'

/**
 * The answer to an interrupted call: an HTML error page as a web server in front of IPS sends it,
 * garbage with status 200, or an instruction to the adapter to reset or never answer.
 */
export function interruptedResponse(injection: Injection, meta: ExchangeMeta): RawResponse {
  if (injection.action === 'reset' || injection.action === 'hang') {
    return raw(0, '', {}, Object.assign({}, meta, { connection: injection.action }))
  }
  if (injection.action === 'garbage') {
    return raw(200, GARBAGE_BODY, { 'content-type': 'text/xml;charset=UTF-8' }, meta)
  }
  const status = injection.status ?? 500
  const title = `${status} ${reasons[status] ?? 'Error'}`
  return raw(
    status,
    `<!DOCTYPE html><html><head><title>${title}</title></head><body><h1>${title}</h1><p>The server could not answer the request (injected by ips-mock).</p></body></html>\n`,
    { 'content-type': 'text/html;charset=UTF-8' },
    meta,
  )
}
