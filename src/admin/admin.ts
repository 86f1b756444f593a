import type { IpsMock } from '../mock/create-ips-mock.js'
import { type RawRequest, type RawResponse, raw } from '../core/raw.js'
import { describeIssues } from '../utils/internal/issues.js'
import { type AdminAccess, refusal } from './access.js'
import { AdminError, routes } from './routes.js'
import { dashboardPage } from './dashboard/page.js'
import { type EndpointKey, type EndpointSpec, endpoints } from './endpoints.js'

export type { AdminAccess } from './access.js'

/** Path prefix of the admin API, at the server root (not below the IPS web app path). */
export const ADMIN_PATH = '/__admin'

/** `METHOD /path` of every admin endpoint, e.g. `DELETE /faults/{id}`. */
export const adminRoutes = Object.keys(endpoints) as EndpointKey[]

const json = (status: number, value: unknown): RawResponse =>
  raw(status, `${JSON.stringify(value, null, 2)}\n`, { 'content-type': 'application/json' })

/** An admin error answer: `{ error, issues? }`. */
export const adminProblem = (
  status: number,
  message: string,
  issues?: AdminError['issues'],
): RawResponse => json(status, issues ? { error: message, issues } : { error: message })

/** Route patterns compiled once: `/faults/{id}` → a regex and its parameter names. */
const compiled = adminRoutes.map((key) => {
  const [method, pattern] = key.split(' ') as [string, string]
  const names: string[] = []
  const source = pattern.replace(/\{(\w+)\}/g, (_match, name: string) => {
    names.push(name)
    return '([^/]+)'
  })
  return { key, method, regex: new RegExp(`^${source}$`), names }
})

function findRoute(method: string, path: string) {
  let pathMatched = false
  for (const candidate of compiled) {
    const match = candidate.regex.exec(path)
    if (!match) continue
    pathMatched = true
    if (candidate.method !== method) continue
    const params: Record<string, string> = {}
    candidate.names.forEach((name, index) => {
      try {
        params[name] = decodeURIComponent(match[index + 1] ?? '')
      } catch {
        throw new AdminError(
          400,
          `The path parameter "${name}" is not valid percent-encoded UTF-8.`,
        )
      }
    })
    return { key: candidate.key, params }
  }
  return { pathMatched }
}

/** Parses and checks a value with a schema, or throws a 400 naming each path that is wrong. */
function check(schema: NonNullable<EndpointSpec['body']>, value: unknown, root: string): unknown {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issues = describeIssues(schema, result.error.issues, value, root)
  const text = issues.map(({ path, message }) => `${path}: ${message}`).join('; ')
  throw new AdminError(
    400,
    `The ${root === 'query' ? 'query' : 'body'} does not fit: ${text}.`,
    issues,
  )
}

/** Deepest JSON nesting an admin body may have; no admin body needs more than a few levels. */
const MAX_JSON_DEPTH = 64

/**
 * Throws when JSON nests deeper than `MAX_JSON_DEPTH`: V8's JSON.parse takes seconds over a few MB
 * of `[[[[…`, which would hold every other request up. One pass, before parsing.
 */
function checkDepth(text: string): void {
  let depth = 0
  let inString = false
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at)
    if (inString) {
      if (code === 0x5c /* \ */) at++
      else if (code === 0x22 /* " */) inString = false
    } else if (code === 0x22) inString = true
    else if (code === 0x5b /* [ */ || code === 0x7b /* { */) {
      if (++depth > MAX_JSON_DEPTH) {
        throw new AdminError(400, `Bad JSON: nested deeper than ${MAX_JSON_DEPTH} levels.`)
      }
    } else if (code === 0x5d /* ] */ || code === 0x7d /* } */) depth--
  }
}

async function readBody(request: RawRequest, spec: EndpointSpec): Promise<unknown> {
  const text = new TextDecoder().decode(await request.bytes())
  if (text.trim() === '') {
    if (spec.body) return check(spec.body, undefined, spec.bodyName ?? 'body')
    return undefined
  }
  checkDepth(text)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new AdminError(400, `Bad JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (!spec.body) {
    const empty = typeof value === 'object' && value !== null && Object.keys(value).length === 0
    if (!empty) throw new AdminError(400, 'This endpoint takes no body.')
    return undefined
  }
  return check(spec.body, value, spec.bodyName ?? 'body')
}

function readQuery(url: URL, spec: EndpointSpec): unknown {
  const given: Record<string, string> = {}
  for (const [name, value] of url.searchParams) {
    if (Object.hasOwn(given, name)) {
      throw new AdminError(400, `The query gives "${name}" more than once.`)
    }
    given[name] = value
  }
  if (!spec.query) {
    const names = Object.keys(given)
    if (names.length > 0) throw new AdminError(400, `Unknown query parameter "${names[0]}".`)
    return {}
  }
  return check(spec.query, given, 'query')
}

/** Whether a path (without its query) is the admin API's. */
export function isAdminPath(path: string): boolean {
  return path === ADMIN_PATH || path.startsWith(`${ADMIN_PATH}/`)
}

/**
 * The admin API as its own handler, for a server to mount at `/__admin`: `(request) => response`.
 * `access` is read at each call, so the server may fill in its bound address once it listens.
 * @example const admin = adminHandler(mock, { loopback: true }); await admin(request)
 */
export function adminHandler(
  mock: IpsMock,
  access: AdminAccess,
): (request: RawRequest) => Promise<RawResponse> {
  return (request) => adminExchange(mock, request, access)
}

/**
 * Answers a request below `/__admin/`. Access is checked first, then the path, the query and
 * the body against the endpoint's schemas: a route runs only with input that fits, so a bad
 * call changes nothing.
 */
async function adminExchange(
  mock: IpsMock,
  request: RawRequest,
  access: AdminAccess,
): Promise<RawResponse> {
  if (request.oversize !== undefined) {
    return adminProblem(413, `The body exceeds the limit of ${request.oversize} bytes.`)
  }
  // The dashboard page holds no state: it loads without the token (and then asks for it), but
  // under the same Host and Origin rules as the API.
  const isPage =
    (request.method === 'GET' || request.method === 'HEAD') &&
    new URL(request.url).pathname === `${ADMIN_PATH}/`
  const pageAccess =
    access.token === undefined ? access : { ...access, token: undefined, loopback: true }
  const refused = refusal(request, isPage ? pageAccess : access)
  if (!refused && isPage) {
    const { html, headers } = dashboardPage()
    return raw(200, html, Object.assign({}, headers))
  }
  if (refused) {
    const answer = adminProblem(refused.status, refused.message)
    if (refused.status === 401) answer.headers['www-authenticate'] = 'Bearer realm="ips-mock admin"'
    return answer
  }
  try {
    const url = new URL(request.url)
    const path = url.pathname.slice(ADMIN_PATH.length) || '/'
    const found = findRoute(request.method, path)
    if (!('key' in found) || found.key === undefined) {
      return adminProblem(
        found.pathMatched ? 405 : 404,
        `No admin endpoint ${request.method} ${ADMIN_PATH}${path}. See ${ADMIN_PATH}/openapi.json.`,
      )
    }
    const spec: EndpointSpec = endpoints[found.key]
    const query = readQuery(url, spec)
    const body = await readBody(request, spec)
    const route = routes[found.key] as (call: unknown) => ReturnType<(typeof routes)['GET /clock']>
    const answer = await route({ mock, params: found.params, query, body })
    return json(answer.status, answer.value)
  } catch (error) {
    if (error instanceof AdminError) return adminProblem(error.status, error.message, error.issues)
    return adminProblem(500, error instanceof Error ? error.message : String(error))
  }
}
