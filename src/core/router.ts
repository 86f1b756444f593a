import { fault } from '../faults/catalog.js'
import type { CallSettings } from './call.js'
import { serveCall } from './pipeline.js'
import { soapFaultResponse, versionOf } from './respond.js'
import { type RawRequest, type RawResponse, raw } from './raw.js'
import { LATEST_VERSION, wsdlResponse } from './wsdl-endpoint.js'
import { UPLOAD_PATH, uploadFile } from '../upload/upload-file.js'

/** Path of the SOAP endpoint below the web app (reference §1.1). */
export const SERVICE_PATH = '/services/IpsApiService'
/** Path of the plain-XML endpoint below the web app (reference §1.3). */
export const PLAIN_PATH = '/api/IpsApiService'

const wsdlPath = /\/webservice\/IpsApi(?:-(\d{4}-\d{2}-\d{2}(?:-beta)?))?\.wsdl$/

function notFound(path: string): RawResponse {
  return raw(
    404,
    `ips-mock: no IPS endpoint at ${path}. SOAP requests go to …/scene7${SERVICE_PATH}; WSDLs are at …/scene7/webservice/IpsApi-<version>.wsdl.\n`,
    { 'content-type': 'text/plain;charset=UTF-8' },
  )
}

function postOnly(request: RawRequest, path: string): RawResponse {
  const response = soapFaultResponse(
    versionOf(request.headers.get('content-type')),
    fault(
      'invalidRequestXml',
      `${request.method} is not supported on ${path}: send SOAP requests by POST, or GET ${path}?wsdl for the WSDL`,
    ),
    405,
  )
  response.headers.allow = 'POST'
  return response
}

/** Whether the endpoint at this path reads its body as it arrives (the UploadFile servlet). */
export function streamsBody(path: string): boolean {
  return path.endsWith(UPLOAD_PATH)
}

/** Dispatches a request to the IPS endpoint its path names. */
export async function route(request: RawRequest, settings: CallSettings): Promise<RawResponse> {
  const url = new URL(request.url)
  const path = url.pathname
  if (path.endsWith(SERVICE_PATH)) {
    if (request.method === 'POST') return serveCall(request, settings, 'soap')
    if (request.method === 'GET' && url.searchParams.has('wsdl')) {
      return wsdlResponse(url, path.slice(0, -SERVICE_PATH.length), LATEST_VERSION)
    }
    return postOnly(request, path)
  }
  if (path.endsWith(PLAIN_PATH)) {
    if (request.method === 'POST') return serveCall(request, settings, 'plain')
    return postOnly(request, path)
  }
  if (streamsBody(path)) return uploadFile(request, settings)
  const wsdl = wsdlPath.exec(path)
  if (wsdl && (request.method === 'GET' || request.method === 'HEAD')) {
    return wsdlResponse(url, path.slice(0, wsdl.index), wsdl[1])
  }
  return notFound(path)
}
