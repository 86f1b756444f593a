import type { HeaderOptions } from '../auth/credentials.js'
import { readEnvelope } from '../soap/envelope.js'
import { fault, IpsFault } from '../soap/faults.js'
import type { SoapVersion } from '../soap/namespaces.js'
import { soapContentType, soapEnvelope, soapFault } from '../soap/respond.js'
import { parseXml } from '../soap/xml.js'
import { readXmlBody } from './body.js'
import { invoke, type Services } from './invoke.js'

/** Limits and services of one mock. */
export interface ExchangeSettings extends Services {
  maxBodyBytes: number
}

function actionFrom(request: Request): string | undefined {
  let action = request.headers.get('soapaction')
  if (action === null) {
    const type = request.headers.get('content-type') ?? ''
    action =
      /;\s*action\s*=\s*(?:"([^"]*)"|([^;\s]*))/i
        .exec(type)
        ?.slice(1)
        .find((part) => part !== undefined) ?? null
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

function respond(version: SoapVersion, body: string, status: number): Response {
  return new Response(body, { status, headers: { 'content-type': soapContentType(version) } })
}

/**
 * One SOAP request → one SOAP response, in the request's SOAP version. Faults get HTTP 500
 * unless `authHeader/faultHttpStatusCode` asks for another status.
 */
export async function soapExchange(
  request: Request,
  settings: ExchangeSettings,
): Promise<Response> {
  const contentType = request.headers.get('content-type') ?? ''
  let version: SoapVersion = /application\/soap\+xml/i.test(contentType) ? '1.2' : '1.1'
  const options: HeaderOptions = {}
  try {
    const envelope = readEnvelope(parseXml(await readXmlBody(request, settings.maxBodyBytes)))
    version = envelope.version
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
    )
    return respond(
      version,
      soapEnvelope(version, returned.write(version === '1.1' ? 'ns1' : '')),
      200,
    )
  } catch (error) {
    return respond(version, soapFault(version, asFault(error)), options.faultHttpStatusCode ?? 500)
  }
}
