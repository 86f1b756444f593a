/**
 * The core's own request and response shapes: the few parts of a Fetch `Request`/`Response`
 * the exchange uses. The msw adapter wraps real Fetch objects; the node server builds these
 * directly from node:http, which spares it two object conversions per request.
 */
export interface RawRequest {
  method: string
  /** Absolute URL. */
  url: string
  headers: { get(name: string): string | null }
  /** The whole body. */
  bytes(): Promise<Uint8Array>
  /** Aborts when the client gives up (in-process only): ends an injected hang. */
  signal?: AbortSignal
  /** Set when the body was over this limit (bytes) and not read; `bytes()` is then empty. */
  oversize?: number
}

/**
 * How the adapter is to deliver a response besides status, headers and body. What the call was
 * (operation, fault) is not here: listeners learn it from the call's end (`CallEnd`).
 */
export interface ExchangeMeta {
  /** `authHeader/gzipResponse`, when the request set it. */
  gzipResponse?: boolean
  /** What the adapter does instead of answering: close the connection, or never answer. */
  connection?: 'reset' | 'hang'
}

export interface RawResponse {
  status: number
  headers: Record<string, string>
  body: string
  meta: ExchangeMeta
}

/** A text response. */
export function raw(
  status: number,
  body: string,
  headers: Record<string, string>,
  meta: ExchangeMeta = {},
): RawResponse {
  return { status, headers, body, meta }
}

/** Adapts a Fetch `Request` (msw) to the core. */
export function fromFetch(request: Request): RawRequest {
  return {
    method: request.method,
    url: request.url,
    headers: request.headers,
    bytes: async () => new Uint8Array(await request.arrayBuffer()),
    signal: request.signal,
  }
}

/** Adapts the core's answer to a Fetch `Response` (msw); a reset becomes a network error. */
export function toFetch(response: RawResponse): Response {
  if (response.meta.connection === 'reset') return Response.error()
  return new Response(response.body, { status: response.status, headers: response.headers })
}
