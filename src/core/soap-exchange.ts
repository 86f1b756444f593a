import type { HeaderOptions } from '../auth/credentials.js'
import { readEnvelope } from '../soap/envelope.js'
import { fault, IpsFault } from '../faults/catalog.js'
import type { SoapVersion } from '../soap/namespaces.js'
import { soapContentType, soapEnvelope, soapFault } from '../soap/respond.js'
import type { XmlLimits } from '../xml/parse.js'
import { readRequestXml } from '../soap/read-xml.js'
import { Interruption, interruptedResponse } from './gate.js'
import { FAULT_HEADER, parseFaultHeader } from '../injection/header.js'
import { type FaultRule, FaultRuleError } from '../injection/rule.js'
import { readXmlBody } from './body.js'
import { invoke, type Services } from './invoke.js'
import { type RawRequest, type RawResponse, raw } from './raw.js'
import { type CallTrace, faultStatus, startTrace } from './trace.js'

/** Limits and services of one mock. */
export interface ExchangeSettings extends Services {
  maxBodyBytes: number
  xmlLimits: XmlLimits
  /** Whether the `X-Ips-Mock-Fault` request header is obeyed. */
  faultHeader: boolean
}

function actionFrom(request: RawRequest): string | undefined {
  let action = request.headers.get('soapaction')
  if (action === null) {
    const match = /;\s*action\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(
      request.headers.get('content-type') ?? '',
    )
    action = match?.[1] ?? match?.[2] ?? null
  }
  const bare = action
    ?.trim()
    .replace(/^"(.*)"$/, '$1')
    .trim()
  // An empty SOAPAction says nothing; URIs such as urn:submitJob name the operation last.
  return bare ? bare.split(/[/#:]/).pop() : undefined
}

/** Turns anything thrown into an IPS fault: unknown errors become 30000, never a stack trace. */
export function asFault(error: unknown): IpsFault {
  if (error instanceof IpsFault) return error
  const message = error instanceof Error ? error.message : String(error)
  return fault('exception', `Internal error in ips-mock: ${message}`)
}

/** The SOAP version a request's Content-Type implies, for answers given before parsing. */
export function versionOf(contentType: string | null): SoapVersion {
  return /application\/soap\+xml/i.test(contentType ?? '') ? '1.2' : '1.1'
}

/** A SOAP fault response with the given HTTP status. */
export function soapFaultResponse(
  version: SoapVersion,
  error: IpsFault,
  status = 500,
): RawResponse {
  return raw(
    status,
    soapFault(version, error),
    { 'content-type': soapContentType(version) },
    {
      faultCode: error.code,
    },
  )
}

/**
 * Reads the `X-Ips-Mock-Fault` header, if any, into the trace.
 * @throws IpsFault 30003, answered with HTTP 400, when the header is not valid.
 */
export function readFaultHeader(request: RawRequest, trace: CallTrace): void {
  const header = request.headers.get(FAULT_HEADER)
  if (header === null) return
  trace.stage = 'header'
  if (header !== lastHeader.text) {
    try {
      lastHeader.rule = parseFaultHeader(header)
    } catch (error) {
      if (!(error instanceof FaultRuleError)) throw error
      lastHeader.rule = fault('invalidRequestXml', error.reason)
    }
    lastHeader.text = header
  }
  if (lastHeader.rule instanceof IpsFault) throw lastHeader.rule
  trace.headerRule = lastHeader.rule
  trace.stage = 'read'
}

/** Clients send the same header again and again: the last one is kept parsed. */
const lastHeader: { text?: string; rule?: FaultRule | IpsFault } = {}

/**
 * One SOAP request → one SOAP response, in the request's SOAP version. Faults get HTTP 500
 * unless `authHeader/faultHttpStatusCode` asks for another status.
 */
export async function soapExchange(
  request: RawRequest,
  settings: ExchangeSettings,
): Promise<RawResponse> {
  const trace = startTrace(versionOf(request.headers.get('content-type')))
  const options: HeaderOptions = {}
  try {
    if (settings.faultHeader) readFaultHeader(request, trace)
    trace.body = await readXmlBody(request, settings.maxBodyBytes)
    const envelope = readEnvelope(readRequestXml(trace.body, settings.xmlLimits))
    trace.protocol = envelope.version
    const action = actionFrom(request)
    const returned = await invoke(
      {
        headers: envelope.headers,
        param: envelope.body,
        authorization: request.headers.get('authorization'),
        ...(action ? { action } : {}),
      },
      settings,
      options,
      trace,
    )
    const version = envelope.version
    const body = soapEnvelope(version, returned.write(version === '1.1' ? 'ns1' : ''))
    const meta = { operation: trace.operation, ...gzip(options), trace }
    return raw(200, body, { 'content-type': soapContentType(version) }, meta)
  } catch (error) {
    if (error instanceof Interruption) {
      return interruptedResponse(error.injection, { operation: trace.operation, trace })
    }
    const ipsFault = asFault(error)
    trace.fault = ipsFault
    const version = trace.protocol === 'plain' ? '1.1' : trace.protocol
    const status = faultStatus(trace, options.faultHttpStatusCode)
    const response = soapFaultResponse(version, ipsFault, status)
    const meta = { operation: trace.operation, faultCode: ipsFault.code, ...gzip(options), trace }
    response.meta = meta
    return response
  }
}

/** The `gzipResponse` part of the exchange metadata. */
export function gzip(options: HeaderOptions): { gzipResponse?: boolean } {
  return options.gzipResponse === undefined ? {} : { gzipResponse: options.gzipResponse }
}
