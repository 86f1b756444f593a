import type { HeaderOptions } from '../auth/credentials.js'
import type { IpsFault } from '../faults/catalog.js'
import type { Injection } from '../injection/injector.js'
import { writeElement } from '../schema/write.js'
import type { SoapVersion } from '../soap/namespaces.js'
import { faultDetail, soapContentType, soapEnvelope, soapFault } from '../soap/respond.js'
import type { Outcome, Protocol } from './call.js'
import { type ExchangeMeta, type RawResponse, raw } from './raw.js'

/** How one wire format writes a call's answer and its faults. */
export interface Codec {
  readonly contentType: string
  /** The whole body for a return element written by `write(prefix)`. */
  answer(write: (prefix: string) => string): string
  /** The whole body for a fault. */
  fault(error: IpsFault): string
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'

function soapCodec(version: SoapVersion): Codec {
  // SOAP 1.1 answers carry the IPS namespace on a prefix, as IPS writes them; 1.2 a default one.
  const prefix = version === '1.1' ? 'ns1' : ''
  return {
    contentType: soapContentType(version),
    answer: (write) => soapEnvelope(version, write(prefix)),
    fault: (error) => soapFault(version, error),
  }
}

/**
 * The wire formats: SOAP 1.1 and 1.2 envelopes, and the plain-XML endpoint's bare return
 * document and bare fault element (reference §1.3, like the UploadFile servlet's §4.4).
 */
export const codecs: Readonly<Record<Protocol, Codec>> = {
  '1.1': soapCodec('1.1'),
  '1.2': soapCodec('1.2'),
  plain: {
    contentType: 'text/xml;charset=UTF-8',
    answer: (write) => `${XML_DECLARATION}${write('')}`,
    fault: (error) => `${XML_DECLARATION}${faultDetail(error)}`,
  },
}

/** The SOAP version a request's Content-Type implies, for answers given before parsing. */
export function versionOf(contentType: string | null): SoapVersion {
  return /application\/soap\+xml/i.test(contentType ?? '') ? '1.2' : '1.1'
}

/** A SOAP fault response with the given HTTP status, for refusals outside a call. */
export function soapFaultResponse(
  version: SoapVersion,
  error: IpsFault,
  status = 500,
): RawResponse {
  const codec = codecs[version]
  return raw(status, codec.fault(error), { 'content-type': codec.contentType })
}

/** The transport part of the answer: `authHeader/gzipResponse`, when the request set it. */
function transport(options: HeaderOptions | undefined): ExchangeMeta {
  return options?.gzipResponse === undefined ? {} : { gzipResponse: options.gzipResponse }
}

/**
 * The HTTP status of a fault answer: an injected status, 400 for a bad X-Ips-Mock-Fault header,
 * else `authHeader/faultHttpStatusCode`, else 500.
 */
function faultStatus(outcome: Extract<Outcome, { kind: 'fault' }>): number {
  const injected = outcome.injection ?? outcome.call.injection
  if (injected?.status !== undefined) return injected.status
  if (outcome.stage === 'header') return 400
  return outcome.call.options?.faultHttpStatusCode ?? 500
}

/** Writes a call's outcome in a wire format: the answer, the fault, or the injected interruption. */
export function respond(outcome: Outcome, codec: Codec): RawResponse {
  const headers = { 'content-type': codec.contentType }
  switch (outcome.kind) {
    case 'returned': {
      const { operation, schema, param } = outcome.call
      const type = schema.getType(operation.outputType)
      const body = codec.answer((prefix) =>
        writeElement(operation.output, type, outcome.value, param.ns, prefix),
      )
      return raw(200, body, headers, transport(outcome.call.options))
    }
    case 'fault':
      return raw(
        faultStatus(outcome),
        codec.fault(outcome.fault),
        headers,
        transport(outcome.call.options),
      )
    case 'interrupt':
      return interruptedResponse(outcome.injection)
  }
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
function interruptedResponse(injection: Injection): RawResponse {
  if (injection.action === 'reset' || injection.action === 'hang') {
    return raw(0, '', {}, { connection: injection.action })
  }
  if (injection.action === 'garbage') {
    return raw(200, GARBAGE_BODY, { 'content-type': 'text/xml;charset=UTF-8' })
  }
  const status = injection.status ?? 500
  const title = `${status} ${reasons[status] ?? 'Error'}`
  return raw(
    status,
    `<!DOCTYPE html><html><head><title>${title}</title></head><body><h1>${title}</h1><p>The server could not answer the request (injected by ips-mock).</p></body></html>\n`,
    { 'content-type': 'text/html;charset=UTF-8' },
  )
}
