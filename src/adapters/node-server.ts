import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gzipSync } from 'node:zlib'
import {
  createIpsMock,
  DEFAULT_MAX_BODY_BYTES,
  exchanges,
  type IpsMock,
  type IpsMockOptions,
} from '../mock/create-ips-mock.js'
import { rawRequest, targetOf } from './request-target.js'
import { ADMIN_PATH, adminExchange, adminProblem } from '../admin/admin.js'
import type { AdminAccess } from '../admin/access.js'
import { type RawResponse, raw } from '../core/raw.js'
import { soapFaultResponse, versionOf } from '../core/soap-exchange.js'
import { fault } from '../faults/catalog.js'
import { formatLogLine, type LogFormat, type RequestLog } from './log-line.js'
import { IpsMockError } from '../errors/ips-mock-error.js'
import { defaults } from '../defaults.js'

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
  /** `text` (default): one readable line per request; `json`: one JSON object per line. */
  logFormat?: LogFormat
  /** Time a client has to send a whole request, in ms (default 30 s). */
  requestTimeoutMs?: number
  /**
   * Bearer token for the admin API under `/__admin/`. Without one the admin API answers only
   * when the server listens on loopback.
   */
  adminToken?: string
  /**
   * Host names the admin API answers to besides localhost and the bound address (e.g. the name
   * CI reaches the server by). A request whose Host names anything else is refused, so a web page
   * cannot reach the admin API by rebinding its own name to this server's address.
   */
  adminHosts?: readonly string[]
  /**
   * Writes the answers that became ready in one turn of the event loop together, after it has
   * read every request that arrived (default `true`): a busy client is then woken once for a
   * batch of answers rather than once for each. `false` writes each answer as soon as it is ready.
   */
  batchWrites?: boolean
}

/** A running standalone server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:8080/scene7`. */
  url: string
  /** The SOAP service URL. */
  serviceUrl: string
  port: number
  mock: IpsMock
  /** Stops accepting connections, closes open ones and resolves when the server is down. */
  close(): Promise<void>
}

function acceptsGzip(request: IncomingMessage): boolean {
  return /\bgzip\b/i.test(String(request.headers['accept-encoding'] ?? ''))
}

const plainText = { 'content-type': 'text/plain;charset=UTF-8' }

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

function isLoopback(address: string): boolean {
  return address.startsWith('127.') || address === '::1' || address === '::ffff:127.0.0.1'
}

function send(
  request: IncomingMessage,
  reply: ServerResponse,
  response: RawResponse,
  closeAfter: boolean,
): void {
  // Injected connection faults: a reset sends a TCP RST instead of an answer; a hang leaves the
  // socket open until the client gives up or close() ends every connection: nothing waits.
  if (response.meta.connection === 'reset') {
    request.socket.resetAndDestroy()
    return
  }
  if (response.meta.connection === 'hang') return
  // A string body goes out in one write with the headers; a Buffer would take a second one.
  let body: string | Buffer = response.body
  const headers: Record<string, string> = { ...response.headers }
  // IPS gzips by default when the client accepts it; authHeader/gzipResponse overrides (§1.1).
  const gzip = response.meta.gzipResponse ?? acceptsGzip(request)
  if (gzip && request.method !== 'HEAD') {
    body = gzipSync(body)
    headers['content-encoding'] = 'gzip'
    headers.vary = 'Accept-Encoding'
  }
  headers['content-length'] = String(Buffer.byteLength(body))
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
  const basePath = `/${(options.basePath ?? defaults.basePath).replace(/^\/+|\/+$/g, '')}`
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const log = options.logLevel === 'silent' ? undefined : (options.log ?? console.log)
  const logFormat = options.logFormat ?? defaults.logFormat

  const exchange = exchanges.get(mock)
  if (!exchange) {
    throw new IpsMockError({
      code: 'INVALID_ARGUMENT',
      action: 'start the server',
      reason: 'the mock has no core',
      remedy: 'Pass a mock that createIpsMock made.',
    })
  }
  const notHere = (path: string) =>
    raw(404, `ips-mock: nothing at ${path}; the IPS web app is at ${basePath}/\n`, {
      'content-type': 'text/plain;charset=UTF-8',
    })

  const admin: AdminAccess = { loopback: false, hosts: options.adminHosts ?? [] }
  if (options.adminToken !== undefined) admin.token = options.adminToken

  // Answers are written together once the event loop has read every request that arrived: on a
  // busy server a client then wakes once for a batch of answers, not once for each of them.
  let replies: Array<() => void> = []
  const flush = () => {
    const due = replies
    replies = []
    for (const write of due) write()
  }
  const batchWrites = options.batchWrites ?? defaults.batchWrites
  const replyLater = (outgoing: ServerResponse, write: () => void) => {
    if (!batchWrites) return write()
    if (replies.length === 0) setImmediate(flush)
    replies.push(() => {
      try {
        write()
      } catch (error) {
        outgoing.destroy(error instanceof Error ? error : undefined)
      }
    })
  }

  const requestTimeout = options.requestTimeoutMs ?? defaults.requestTimeoutMs
  // Node checks request timeouts on this interval (30 s by default): check often enough that a
  // slow client is cut off close to its deadline.
  const checkEvery = Math.max(100, Math.min(1000, Math.floor(requestTimeout / 2)))
  const server = createServer(
    { connectionsCheckingInterval: checkEvery },
    async (request, outgoing) => {
      const started = performance.now()
      const target = targetOf(request)
      const path = typeof target === 'string' ? (request.url ?? '/') : target.path
      const isAdmin = path === ADMIN_PATH || path.startsWith(`${ADMIN_PATH}/`)
      let response: RawResponse
      let closeAfter = false
      try {
        if (typeof target === 'string') {
          closeAfter = true
          response = raw(400, `ips-mock: bad request: ${target}.\n`, plainText)
        } else {
          const body =
            request.method === 'GET' || request.method === 'HEAD'
              ? Buffer.alloc(0)
              : await readBody(request, maxBodyBytes)
          if (body === undefined) {
            closeAfter = true
            response = isAdmin
              ? adminProblem(413, `The body exceeds the limit of ${maxBodyBytes} bytes.`)
              : soapFaultResponse(
                  versionOf(request.headers['content-type'] ?? null),
                  fault(
                    'invalidRequestXml',
                    `The request body exceeds the limit of ${maxBodyBytes} bytes`,
                  ),
                )
          } else if (isAdmin) {
            response = await adminExchange(mock, rawRequest(request, target, body), admin)
          } else if (!path.startsWith(`${basePath}/`)) {
            response = notHere(path)
          } else {
            response = await exchange(rawRequest(request, target, body))
          }
        }
      } catch (error) {
        // Never a silent close: an unexpected failure still gets an answer.
        closeAfter = true
        const reason = error instanceof Error ? error.message : String(error)
        response = raw(500, `ips-mock: internal error: ${reason}\n`, plainText)
      }
      const answer = response
      replyLater(outgoing, () => send(request, outgoing, answer, closeAfter))
      if (log) {
        const { operation, faultCode, connection, trace } = response.meta
        const entry: RequestLog = {
          time: new Date(),
          method: request.method ?? 'GET',
          path: path.split('?')[0] as string,
          durationMs: performance.now() - started,
        }
        if (operation !== undefined) entry.operation = operation
        if (connection === undefined) entry.status = response.status
        if (faultCode !== undefined) entry.faultCode = faultCode
        const reason = trace?.fault?.reason
        if (reason !== undefined) entry.faultReason = reason
        log(formatLogLine(entry, logFormat))
      }
    },
  )
  server.requestTimeout = requestTimeout
  server.headersTimeout = Math.min(requestTimeout, 60_000)
  server.keepAliveTimeout = 5_000

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? defaults.port, options.host ?? defaults.host, () => {
      server.off('error', reject)
      const bound = (server.address() as AddressInfo).address
      admin.loopback = isLoopback(bound)
      admin.boundAddress = bound
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
        // A mock stops at once: open connections, idle or not, are closed.
        server.closeAllConnections()
      }),
  }
}
