import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gzipSync } from 'node:zlib'
import {
  createIpsMock,
  DEFAULT_MAX_BODY_BYTES,
  type IpsMock,
  type IpsMockOptions,
} from '../core/create-ips-mock.js'
import { exchangeMeta } from '../core/meta.js'
import { soapFaultResponse, versionOf } from '../core/soap-exchange.js'
import { fault } from '../soap/faults.js'

/** How much the server says per request. */
export type LogLevel = 'silent' | 'info'

/** Options of `startServer`. */
export interface ServerOptions extends IpsMockOptions {
  /** Port to listen on (default 8080; 0 = any free port). */
  port?: number
  /** Interface to bind (default 127.0.0.1: loopback only). */
  host?: string
  /** The IPS web app path (default `/scene7`). */
  basePath?: string
  /** Serve this mock instead of creating one from the other options. */
  mock?: IpsMock
  /** `info` (default) logs one line per request; `silent` logs nothing. */
  logLevel?: LogLevel
  /** Where log lines go (default: stdout). */
  log?: (line: string) => void
  /** Time a client has to send a whole request, in ms (default 30 s). */
  requestTimeoutMs?: number
}

/** A running standalone server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:8080/scene7`. */
  url: string
  /** The SOAP service URL. */
  serviceUrl: string
  port: number
  mock: IpsMock
  /** Stops accepting connections, closes idle ones and resolves when the server is down. */
  close(): Promise<void>
}

function acceptsGzip(request: IncomingMessage): boolean {
  return /\bgzip\b/i.test(String(request.headers['accept-encoding'] ?? ''))
}

function toFetchHeaders(request: IncomingMessage): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item)
  }
  return headers
}

/** Reads the body up to `limit` bytes; `undefined` means it was larger (and reading stopped). */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'])
    if (declared > limit) return resolve(undefined)
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        request.removeAllListeners('data')
        request.pause()
        resolve(undefined)
      } else chunks.push(chunk)
    })
    request.on('end', () => resolve(Buffer.concat(chunks, size)))
    request.on('error', reject)
  })
}

async function send(
  request: IncomingMessage,
  reply: ServerResponse,
  response: Response,
  closeAfter: boolean,
): Promise<void> {
  let body: Uint8Array = new Uint8Array(await response.arrayBuffer())
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    headers[name] = value
  })
  const preference = exchangeMeta.get(response)?.gzipResponse
  // IPS gzips by default when the client accepts it; authHeader/gzipResponse overrides (§1.1).
  const gzip = preference ?? acceptsGzip(request)
  if (gzip && request.method !== 'HEAD') {
    body = gzipSync(body)
    headers['content-encoding'] = 'gzip'
    headers.vary = 'Accept-Encoding'
  }
  headers['content-length'] = String(body.byteLength)
  if (closeAfter) headers.connection = 'close'
  reply.writeHead(response.status, headers)
  reply.end(request.method === 'HEAD' ? undefined : body)
}

/**
 * Starts the standalone IPS mock on node:http. It calls the mock's core directly; no msw routing
 * sits in the serving path.
 * @example
 * const server = await startServer({ port: 0 })
 * // point a SOAP client at server.serviceUrl
 * await server.close()
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const mock = options.mock ?? createIpsMock(options)
  const basePath = `/${(options.basePath ?? '/scene7').replace(/^\/+|\/+$/g, '')}`
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const log = options.logLevel === 'silent' ? undefined : (options.log ?? console.log)

  const server = createServer(async (request, reply) => {
    const started = performance.now()
    const url = `http://${request.headers.host ?? '127.0.0.1'}${request.url ?? '/'}`
    let response: Response
    let closeAfter = false
    try {
      const inScope = (request.url ?? '/').startsWith(`${basePath}/`)
      const body =
        request.method === 'GET' || request.method === 'HEAD'
          ? Buffer.alloc(0)
          : await readBody(request, maxBodyBytes)
      if (body === undefined) {
        closeAfter = true
        response = soapFaultResponse(
          versionOf(request.headers['content-type'] ?? null),
          fault('invalidRequestXml', `The request body exceeds the limit of ${maxBodyBytes} bytes`),
        )
      } else if (!inScope) {
        response = new Response(
          `ips-mock: nothing at ${request.url}; the IPS web app is at ${basePath}/\n`,
          {
            status: 404,
            headers: { 'content-type': 'text/plain;charset=UTF-8' },
          },
        )
      } else {
        const init: RequestInit = {
          method: request.method ?? 'GET',
          headers: toFetchHeaders(request),
        }
        if (body.byteLength > 0) init.body = body as unknown as BodyInit
        response = await mock.handle(new Request(url, init))
      }
      await send(request, reply, response, closeAfter)
    } catch (error) {
      reply.destroy(error instanceof Error ? error : undefined)
      return
    }
    if (log) {
      const meta = exchangeMeta.get(response)
      const what = meta?.operation ?? '-'
      const ms = (performance.now() - started).toFixed(1)
      const faultNote = meta?.faultCode ? ` fault=${meta.faultCode}` : ''
      log(
        `${request.method} ${request.url?.split('?')[0]} ${what} ${response.status}${faultNote} ${ms}ms`,
      )
    }
  })
  server.requestTimeout = options.requestTimeoutMs ?? 30_000
  server.headersTimeout = Math.min(server.requestTimeout, 60_000)
  server.keepAliveTimeout = 5_000

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 8080, options.host ?? '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  await mock.ready
  const { address, port } = server.address() as AddressInfo
  const host = address.includes(':') ? `[${address}]` : address
  const url = `http://${host}:${port}${basePath}`
  return {
    url,
    serviceUrl: `${url}/services/IpsApiService`,
    port,
    mock,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeIdleConnections()
      }),
  }
}
