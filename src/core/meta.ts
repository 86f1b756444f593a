/** What an adapter may want to know about a response the core produced. */
export interface ExchangeMeta {
  /** The IPS operation, once the request named a known one. */
  operation?: string
  /** The fault code, for a fault response. */
  faultCode?: number
  /** `authHeader/gzipResponse`, when the request set it. */
  gzipResponse?: boolean
}

/**
 * Metadata per response, for adapters only (the node server's gzip and log line). A WeakMap keeps
 * the Response untouched for msw users and frees the entry with the response.
 */
export const exchangeMeta = new WeakMap<Response, ExchangeMeta>()

/** Records metadata for a response and returns the response. */
export function withMeta(response: Response, meta: ExchangeMeta): Response {
  exchangeMeta.set(response, meta)
  return response
}
