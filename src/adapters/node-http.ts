import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gzipSync } from 'node:zlib'
import { type RawRequest, type RawResponse, raw } from '../core/raw.js'
import { rawRequest, streamedRequest, targetOf } from './request-target.js'

/** What serves the requests below one path prefix: the IPS web app, the admin API. */
export interface Mount {
  /** Whether this mount serves the path (without its query). */
  serves(path: string): boolean
  /** Answers one request. A body over the limit is not read: the request says `oversize`. */
  handle(request: RawRequest): Promise<RawResponse>
  /**
   * Whether the mount reads this path's body itself as it arrives (`RawRequest.chunks()`, which
   * then yields from the socket), enforcing the body limit as it counts; otherwise the adapter
   * reads the body within the limit before the mount sees the request.
   */
  streams?(path: string): boolean
}

/** What the adapter tells its observer about each answered request. */
export interface Answered {
  method: string
  /** The path without its query. */
  path: string
  /** The request the mount got (none for a request refused before it reached one). */
  request?: RawRequest
  response: RawResponse
  durationMs: number
}

/** Options of `serveHttp`. */
export interface HttpOptions {
  port: number
  host: string
  /** Mounts, tried in order; the first that serves a path answers it. */
  mounts: readonly Mount[]
  /** The answer for a path no mount serves. */
  notFound(path: string): RawResponse
  maxBodyBytes: number
  /** Time a client has to send a whole request, in ms. */
  requestTimeoutMs: number
  /** Write the answers that became ready in one event-loop turn together. */
  batchWrites: boolean
  /** Told of every answered request, e.g. to log it. */
  onAnswer?: (answered: Answered) => void
}

/** A listening node:http server. */
export interface HttpServer {
  address: AddressInfo
  /** Stops accepting connections, closes open ones and resolves when the server is down. */
  close(): Promise<void>
}

const plainText = { 'content-type': 'text/plain;charset=UTF-8' }

function acceptsGzip(request: IncomingMessage): boolean {
  return /\bgzip\b/i.test(String(request.headers['accept-encoding'] ?? ''))
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

/** Writes answers now, or together once the event loop has read every request that arrived. */
function writer(batch: boolean): (outgoing: ServerResponse, write: () => void) => void {
  // On a busy server a client then wakes once for a batch of answers, not once for each.
  let replies: Array<() => void> = []
  const flush = () => {
    const due = replies
    replies = []
    for (const write of due) write()
  }
  return (outgoing, write) => {
    if (!batch) return write()
    if (replies.length === 0) setImmediate(flush)
    replies.push(() => {
      try {
        write()
      } catch (error) {
        outgoing.destroy(error instanceof Error ? error : undefined)
      }
    })
  }
}

/**
 * Serves mounts on node:http: reads each body within the limit (or lets a mount that `streams`
 * read it from the socket), hands the mount a `RawRequest`,
 * writes its `RawResponse` (gzip, injected resets and hangs). Knows nothing of IPS.
 */
export async function serveHttp(options: HttpOptions): Promise<HttpServer> {
  const replyLater = writer(options.batchWrites)
  const answer = async (request: IncomingMessage) => {
    const target = targetOf(request)
    if (typeof target === 'string') {
      const path = request.url ?? '/'
      return {
        path,
        closeAfter: true,
        response: raw(400, `ips-mock: bad request: ${target}.\n`, plainText),
      }
    }
    const path = target.path.split('?')[0] as string
    const bodyless = request.method === 'GET' || request.method === 'HEAD'
    const mount = options.mounts.find((candidate) => candidate.serves(path))
    if (mount?.streams?.(path) && !bodyless) {
      const forMount = streamedRequest(request, target, options.maxBodyBytes)
      const response = await mount.handle(forMount)
      // A body the mount stopped reading part-way leaves the connection unfit for another request.
      return { path, closeAfter: !request.complete, request: forMount, response }
    }
    const body = bodyless ? Buffer.alloc(0) : await readBody(request, options.maxBodyBytes)
    // A body over the limit was not read to its end: the connection cannot carry another request.
    const closeAfter = body === undefined
    if (!mount) return { path, closeAfter, response: options.notFound(path) }
    const forMount = rawRequest(request, target, body, options.maxBodyBytes)
    return { path, closeAfter, request: forMount, response: await mount.handle(forMount) }
  }
  const server = createServer(
    // Node checks request timeouts on this interval (30 s by default): check often enough that a
    // slow client is cut off close to its deadline.
    {
      connectionsCheckingInterval: Math.max(
        100,
        Math.min(1000, Math.floor(options.requestTimeoutMs / 2)),
      ),
    },
    async (request, outgoing) => {
      const started = performance.now()
      let answered: {
        path: string
        closeAfter: boolean
        request?: RawRequest
        response: RawResponse
      }
      try {
        answered = await answer(request)
      } catch (error) {
        // Never a silent close: an unexpected failure still gets an answer.
        const reason = error instanceof Error ? error.message : String(error)
        const response = raw(500, `ips-mock: internal error: ${reason}\n`, plainText)
        answered = {
          path: (request.url ?? '/').split('?')[0] as string,
          closeAfter: true,
          response,
        }
      }
      const { response, closeAfter } = answered
      replyLater(outgoing, () => send(request, outgoing, response, closeAfter))
      options.onAnswer?.({
        method: request.method ?? 'GET',
        path: answered.path,
        ...(answered.request ? { request: answered.request } : {}),
        response,
        durationMs: performance.now() - started,
      })
    },
  )
  server.requestTimeout = options.requestTimeoutMs
  server.headersTimeout = Math.min(options.requestTimeoutMs, 60_000)
  server.keepAliveTimeout = 5_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  return {
    address: server.address() as AddressInfo,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        // A mock stops at once: open connections, idle or not, are closed.
        server.closeAllConnections()
      }),
  }
}
