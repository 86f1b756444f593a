import type { IpsMock } from '../core/create-ips-mock.js'
import { type RawRequest, type RawResponse, raw } from '../core/raw.js'
import { setUpProviderState, UnknownProviderStateError } from '../contract/provider-states.js'

/** Path prefix of the admin API, at the server root (not below the IPS web app path). */
export const ADMIN_PATH = '/__admin'

/** Who may use the admin API. */
export interface AdminAccess {
  /** A bearer token every admin call must carry (`Authorization: Bearer <token>`). */
  token?: string
  /** True when the server listens on loopback only. */
  loopback: boolean
}

type AdminRoute = (mock: IpsMock, request: RawRequest) => Promise<RawResponse>

const json = (status: number, value: unknown): RawResponse =>
  raw(status, `${JSON.stringify(value)}\n`, { 'content-type': 'application/json' })

const problem = (status: number, message: string): RawResponse => json(status, { error: message })

async function readJson(request: RawRequest): Promise<Record<string, unknown>> {
  const text = new TextDecoder().decode(await request.bytes())
  if (text.trim() === '') return {}
  const value: unknown = JSON.parse(text)
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SyntaxError('the body must be a JSON object')
  }
  return value as Record<string, unknown>
}

/**
 * `POST /__admin/provider-states`: a Pact verifier's state-change call
 * (`{ "state": "...", "params": {...}, "action": "setup" | "teardown" }`).
 */
const providerStateRoute: AdminRoute = async (mock, request) => {
  const body = await readJson(request)
  if (typeof body.state !== 'string') {
    return problem(400, 'A provider-state call needs a "state" string.')
  }
  if (body.action === 'teardown') return json(200, {})
  const params =
    typeof body.params === 'object' && body.params !== null
      ? (body.params as Record<string, unknown>)
      : {}
  try {
    return json(200, await setUpProviderState(mock, body.state, params))
  } catch (error) {
    if (error instanceof UnknownProviderStateError) return problem(400, error.message)
    throw error
  }
}

const routes: Record<string, AdminRoute> = {
  'POST /provider-states': providerStateRoute,
}

/** Answers a request below `/__admin/`. */
export async function adminExchange(
  mock: IpsMock,
  request: RawRequest,
  access: AdminAccess,
): Promise<RawResponse> {
  if (access.token !== undefined) {
    if (request.headers.get('authorization') !== `Bearer ${access.token}`) {
      const refused = problem(401, 'The admin API needs "Authorization: Bearer <admin token>".')
      refused.headers['www-authenticate'] = 'Bearer realm="ips-mock admin"'
      return refused
    }
  } else if (!access.loopback) {
    return problem(
      403,
      'The admin API is off: the server listens beyond loopback without --admin-token.',
    )
  }
  const path = new URL(request.url).pathname.slice(ADMIN_PATH.length) || '/'
  const route = routes[`${request.method} ${path}`]
  if (!route) {
    const known = Object.keys(routes).join(', ')
    return problem(
      404,
      `No admin endpoint ${request.method} ${ADMIN_PATH}${path}. Known: ${known}.`,
    )
  }
  try {
    return await route(mock, request)
  } catch (error) {
    if (error instanceof SyntaxError) return problem(400, `Bad JSON: ${error.message}`)
    return problem(500, error instanceof Error ? error.message : String(error))
  }
}
