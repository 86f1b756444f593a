import type { HeaderOptions } from '../auth/credentials.js'
import { fault } from '../faults/catalog.js'
import { isIpsNamespace } from '../soap/namespaces.js'
import { faultDetail } from '../soap/respond.js'
import { readRequestXml } from '../soap/read-xml.js'
import { readXmlBody } from './body.js'
import { Interruption, interruptedResponse } from './gate.js'
import { invoke } from './invoke.js'
import { type ExchangeMeta, type RawRequest, type RawResponse, raw } from './raw.js'
import { asFault, type ExchangeSettings, gzip, readFaultHeader } from './soap-exchange.js'
import { faultStatus, startTrace } from './trace.js'

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'

function xml(body: string, status: number, meta: ExchangeMeta): RawResponse {
  return raw(
    status,
    `${XML_DECLARATION}${body}`,
    { 'content-type': 'text/xml;charset=UTF-8' },
    meta,
  )
}

/**
 * The plain-XML variant `POST …/api/IpsApiService` (reference §1.3, observed only): a `<Request>`
 * holding `authHeader` and one `*Param`; the answer is the bare return document, and a fault is
 * the bare fault element, like the UploadFile servlet's (§4.4).
 */
export async function plainExchange(
  request: RawRequest,
  settings: ExchangeSettings,
): Promise<RawResponse> {
  const trace = startTrace('plain')
  const options: HeaderOptions = {}
  try {
    if (settings.faultHeader) readFaultHeader(request, trace)
    trace.body = await readXmlBody(request, settings.maxBodyBytes)
    const root = readRequestXml(trace.body, settings.xmlLimits)
    if (root.name !== 'Request' || !isIpsNamespace(root.ns)) {
      throw fault(
        'invalidRequestXml',
        `Expected a <Request> element in an IPS namespace, found '${root.name}'`,
      )
    }
    const params = root.children.filter((child) => child.name !== 'authHeader')
    if (params.length !== 1) {
      throw fault(
        'invalidRequestXml',
        `Request: expected authHeader and exactly one operation element, found ${params.length}`,
      )
    }
    const returned = await invoke(
      {
        headers: root.children.filter((child) => child.name === 'authHeader'),
        param: params[0] as (typeof params)[number],
        authorization: request.headers.get('authorization'),
      },
      settings,
      options,
      trace,
    )
    return xml(returned.write(''), 200, { operation: trace.operation, ...gzip(options), trace })
  } catch (error) {
    if (error instanceof Interruption) {
      return interruptedResponse(error.injection, { operation: trace.operation, trace })
    }
    const ipsFault = asFault(error)
    trace.fault = ipsFault
    return xml(faultDetail(ipsFault), faultStatus(trace, options.faultHttpStatusCode), {
      operation: trace.operation,
      faultCode: ipsFault.code,
      ...gzip(options),
      trace,
    })
  }
}
