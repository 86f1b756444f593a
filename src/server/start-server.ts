import type { AdminAccess } from '../admin/access.js'
import { adminHandler, isAdminPath } from '../admin/admin.js'
import type { Answered } from '../adapters/node-http.js'
import { serveHttp } from '../adapters/node-http.js'
import type { CallEnd } from '../core/call.js'
import { type RawRequest, raw } from '../core/raw.js'
import { streamsBody } from '../core/router.js'
import { defaults } from '../defaults.js'
import { IpsMockError } from '../errors/ips-mock-error.js'
import {
  createIpsMock,
  DEFAULT_MAX_BODY_BYTES,
  exchanges,
  type IpsMock,
  type IpsMockOptions,
  onCallEnd,
} from '../mock/create-ips-mock.js'
import { formatLogLine, type LogFormat, type RequestLog } from './log-line.js'

/**
 * How much the server says per request.
 * @example
 * const logLevel: LogLevel = 'silent'
 * const server = await startServer({ port: 0, logLevel })
 */
export type LogLevel = 'silent' | 'info'

/**
 * Options of `startServer`.
 * @example
 * const options: ServerOptions = { port: 8080, host: '0.0.0.0', seed: demoSeed }
 * const server = await startServer(options)
 */
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

/**
 * A running standalone server.
 * @example
 * const server: RunningServer = await startServer({ port: 0 })
 * console.log(server.serviceUrl) // http://127.0.0.1:<port>/scene7/services/IpsApiService
 * await server.close()
 */
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

function isLoopback(address: string): boolean {
  return address.startsWith('127.') || address === '::1' || address === '::ffff:127.0.0.1'
}

/** One log line's facts: the request as the adapter saw it, the IPS call as it ended. */
function logEntry(answered: Answered, call: CallEnd | undefined): RequestLog {
  const { response } = answered
  const entry: RequestLog = {
    time: new Date(),
    method: answered.method,
    path: answered.path,
    durationMs: answered.durationMs,
  }
  if (response.meta.connection === undefined) entry.status = response.status
  if (!call) return entry
  const { outcome } = call
  const operation = outcome.call.operation?.name
  if (operation !== undefined) entry.operation = operation
  if (outcome.kind === 'fault') {
    entry.faultCode = outcome.fault.code
    entry.faultReason = outcome.fault.reason
  }
  return entry
}

/**
 * Starts the standalone IPS mock on node:http: the IPS web app below `basePath` and the admin
 * API at `/__admin`, each its own handler mounted on the server. It calls the mock's core
 * directly; no msw routing sits in the serving path.
 * @example
 * const server = await startServer({ port: 0 })
 * // point a SOAP client at server.serviceUrl
 * await server.close()
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const mock = options.mock ?? createIpsMock(options)
  const basePath = `/${(options.basePath ?? defaults.basePath).replace(/^\/+|\/+$/g, '')}`
  const exchange = exchanges.get(mock)
  if (!exchange) {
    throw new IpsMockError({
      code: 'INVALID_ARGUMENT',
      action: 'start the server',
      reason: 'the mock has no core',
      remedy: 'Pass a mock that createIpsMock made.',
    })
  }
  const access: AdminAccess = { loopback: false, hosts: options.adminHosts ?? [] }
  if (options.adminToken !== undefined) access.token = options.adminToken

  // The logger observes each IPS call's end, and writes its line once the request is answered.
  const log = options.logLevel === 'silent' ? undefined : (options.log ?? console.log)
  const logFormat = options.logFormat ?? defaults.logFormat
  const calls = new WeakMap<RawRequest, CallEnd>()
  const stopLogging = log ? onCallEnd(mock, (end) => calls.set(end.request, end)) : undefined

  const http = await serveHttp({
    port: options.port ?? defaults.port,
    host: options.host ?? defaults.host,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    requestTimeoutMs: options.requestTimeoutMs ?? defaults.requestTimeoutMs,
    batchWrites: options.batchWrites ?? defaults.batchWrites,
    mounts: [
      { serves: isAdminPath, handle: adminHandler(mock, access) },
      { serves: (path) => path.startsWith(`${basePath}/`), handle: exchange, streams: streamsBody },
    ],
    notFound: (path) =>
      raw(404, `ips-mock: nothing at ${path}; the IPS web app is at ${basePath}/\n`, {
        'content-type': 'text/plain;charset=UTF-8',
      }),
    ...(log
      ? {
          onAnswer: (answered: Answered) =>
            log(
              formatLogLine(
                logEntry(answered, answered.request && calls.get(answered.request)),
                logFormat,
              ),
            ),
        }
      : {}),
  }).catch((error: unknown) => {
    stopLogging?.()
    throw error
  })
  access.loopback = isLoopback(http.address.address)
  access.boundAddress = http.address.address
  await mock.ready
  const { address, port } = http.address
  const host = address.includes(':') ? `[${address}]` : address
  const url = `http://${host}:${port}${basePath}`
  return {
    url,
    serviceUrl: `${url}/services/IpsApiService`,
    port,
    mock,
    close: () => {
      stopLogging?.()
      return http.close()
    },
  }
}
