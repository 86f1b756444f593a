import { type ExchangeSettings, soapExchange } from './soap-exchange.js'

/** Path of the SOAP endpoint below the web app (reference §1.1). */
export const SERVICE_PATH = '/services/IpsApiService'

function text(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers },
  })
}

/** Dispatches a request on its path's IPS endpoint. */
export async function route(request: Request, settings: ExchangeSettings): Promise<Response> {
  const path = new URL(request.url).pathname
  if (path.endsWith(SERVICE_PATH)) {
    if (request.method === 'POST') return soapExchange(request, settings)
    return text(405, 'IpsApiService accepts SOAP requests by POST only.\n', { allow: 'POST' })
  }
  return text(404, `ips-mock: no IPS endpoint at ${path}. SOAP requests go to …${SERVICE_PATH}.\n`)
}
