import type { IpsMock } from '../core/create-ips-mock.js'
import { type RawRequest, type RawResponse, raw } from '../core/raw.js'

/** A request to the admin API: the mock, the call, the path's `{param}` values, the query. */
export interface AdminCall {
  mock: IpsMock
  request: RawRequest
  params: Record<string, string>
  query: URLSearchParams
}

export type AdminRoute = (call: AdminCall) => Promise<RawResponse> | RawResponse

/** A problem the caller can fix: answered with its status and message. */
export class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

export const json = (status: number, value: unknown): RawResponse =>
  raw(status, `${JSON.stringify(value, null, 2)}\n`, { 'content-type': 'application/json' })

export const problem = (status: number, message: string): RawResponse =>
  json(status, { error: message })

export async function readJson(request: RawRequest): Promise<Record<string, unknown>> {
  const text = new TextDecoder().decode(await request.bytes())
  if (text.trim() === '') return {}
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new AdminError(400, `Bad JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AdminError(400, 'The body must be a JSON object.')
  }
  return value as Record<string, unknown>
}
