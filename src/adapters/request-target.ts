import type { IncomingMessage } from 'node:http'
import { hostName } from '../utils/internal/host.js'
import type { RawRequest } from '../core/raw.js'

/** node:http headers as the core reads them. */
function headersOf(request: IncomingMessage): RawRequest['headers'] {
  return {
    get(name) {
      const value = request.headers[name.toLowerCase()]
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value
    },
  }
}

/** Where a request goes: the authority it names and the path with its query. */
export interface RequestTarget {
  authority: string
  path: string
}

const empty = new Uint8Array(0)

async function* nothing(): AsyncIterable<Uint8Array> {}

/** The core's view of a node:http request; no body (`undefined`) means it was over `limit`. */
export function rawRequest(
  request: IncomingMessage,
  target: RequestTarget,
  body: Buffer | undefined,
  limit: number,
): RawRequest {
  return {
    method: request.method ?? 'GET',
    url: `http://${target.authority}${target.path}`,
    headers: headersOf(request),
    bytes: async () => body ?? empty,
    ...(body === undefined ? { oversize: limit } : {}),
  }
}

/**
 * The core's view of a request whose body the mount reads as it arrives: `chunks()` yields from
 * the socket. A declared Content-Length over `limit` makes it `oversize`, and nothing is read.
 */
export function streamedRequest(
  request: IncomingMessage,
  target: RequestTarget,
  limit: number,
): RawRequest {
  const oversize = Number(request.headers['content-length']) > limit
  // Stopping part-way (a body past the limit) must leave the socket open for the answer.
  const chunks = (): AsyncIterable<Uint8Array> =>
    oversize ? nothing() : request.iterator({ destroyOnReturn: false })
  return {
    method: request.method ?? 'GET',
    url: `http://${target.authority}${target.path}`,
    headers: headersOf(request),
    chunks,
    bytes: async () => {
      const parts: Uint8Array[] = []
      let size = 0
      for await (const chunk of chunks()) {
        size += chunk.byteLength
        if (size > limit)
          throw new RangeError(`The request body exceeds the limit of ${limit} bytes`)
        parts.push(chunk)
      }
      return Buffer.concat(parts, size)
    },
    ...(oversize ? { oversize: limit } : {}),
  }
}

/**
 * The authority and path a request names, or why it cannot be served (answered 400, RFC 9112
 * §3.2): an origin-form target (`/scene7/…`) with a well-formed Host, or an absolute-form one
 * (`http://host:port/scene7/…`), whose authority stands in for Host.
 */
export function targetOf(request: IncomingMessage): RequestTarget | string {
  const target = request.url ?? '/'
  if (/^https?:\/\//i.test(target)) {
    let url: URL
    try {
      url = new URL(target)
    } catch {
      return 'the request target is not a valid absolute URI'
    }
    return { authority: url.host, path: `${url.pathname}${url.search}` }
  }
  if (!target.startsWith('/')) return `the request target "${target.slice(0, 100)}" is not a path`
  const host = request.headers.host
  if (host === undefined) {
    if (request.httpVersion === '1.0') return { authority: '127.0.0.1', path: target }
    return 'an HTTP/1.1 request needs a Host header'
  }
  if (hostName(host) === undefined) return 'the Host header is malformed'
  try {
    new URL(`http://${host}${target}`)
  } catch {
    return 'the request target is not a valid path'
  }
  return { authority: host, path: target }
}
