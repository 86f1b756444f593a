import { networkInterfaces } from 'node:os'
import type { RawRequest } from '../core/raw.js'
import { hostName } from '../utils/internal/host.js'

/** Who may use the admin API, and under which names. */
export interface AdminAccess {
  /** A bearer token every admin call must carry (`Authorization: Bearer <token>`). */
  token?: string
  /** True when the server listens on loopback only. */
  loopback: boolean
  /** The address the server is bound to (`127.0.0.1`, `0.0.0.0`, `::` …). */
  boundAddress?: string
  /** Further host names the admin API answers to (`--admin-host`), e.g. `mock.ci.internal`. */
  hosts?: readonly string[]
}

/** Why a request may not use the admin API, with the status to answer. */
export interface Refusal {
  status: 401 | 403 | 400
  message: string
}

const loopbackNames = new Set(['localhost', '127.0.0.1', '::1', '[::1]'])
const wildcard = new Set(['0.0.0.0', '::', '[::]'])

function interfaceAddresses(): Set<string> {
  const addresses = new Set<string>()
  for (const list of Object.values(networkInterfaces())) {
    for (const entry of list ?? []) addresses.add(entry.address.toLowerCase())
  }
  return addresses
}

/**
 * Whether a Host names this server: a loopback name or address, the bound address (any of the
 * machine's addresses when bound to all interfaces), or a name given with `--admin-host`. A
 * page on another site that rebinds its own name to this server's address sends that name, and
 * is refused.
 */
export function allowedHost(name: string, access: AdminAccess): boolean {
  if (loopbackNames.has(name) || /^127(?:\.\d{1,3}){3}$/.test(name)) return true
  if (access.hosts?.some((host) => host.toLowerCase() === name)) return true
  const bound = access.boundAddress?.toLowerCase()
  if (bound === undefined) return false
  if (wildcard.has(bound)) return interfaceAddresses().has(name)
  return bound === name || bound === `::ffff:${name}`
}

const changesState = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * The admin API's access rules, checked before any route runs: the token when one is set;
 * otherwise loopback only; Host (and Origin, when sent) must name this server; and a call that
 * changes state must say `Content-Type: application/json` or carry the token. A browser sends a
 * cross-site form or `text/plain` POST without asking first, but asks (CORS preflight, which the
 * admin API never grants) before sending JSON, so no web page can reset or reseed the mock.
 */
export function refusal(request: RawRequest, access: AdminAccess): Refusal | undefined {
  const authorised =
    access.token !== undefined && request.headers.get('authorization') === `Bearer ${access.token}`
  if (access.token !== undefined && !authorised) {
    return {
      status: 401,
      message: 'The admin API needs "Authorization: Bearer <admin token>".',
    }
  }
  if (access.token === undefined && !access.loopback) {
    return {
      status: 403,
      message: 'The admin API is off: the server listens beyond loopback without --admin-token.',
    }
  }
  const host = request.headers.get('host')
  if (host !== null) {
    const name = hostName(host)
    if (name === undefined) return { status: 400, message: 'The Host header is malformed.' }
    if (!allowedHost(name, access)) {
      return {
        status: 403,
        message: `The admin API does not answer to Host "${name}": use the server's address or localhost, or start it with --admin-host ${name}.`,
      }
    }
  }
  const origin = request.headers.get('origin')
  if (origin !== null && origin !== 'null') {
    let name: string | undefined
    try {
      name = hostName(new URL(origin).host)
    } catch {
      name = undefined
    }
    if (name === undefined || !allowedHost(name, access)) {
      return { status: 403, message: 'The admin API does not answer calls from other sites.' }
    }
  } else if (origin === 'null') {
    return { status: 403, message: 'The admin API does not answer calls from other sites.' }
  }
  if (changesState.has(request.method) && !authorised) {
    const media = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase()
    if (media !== 'application/json') {
      return {
        status: 400,
        message: `${request.method} calls to the admin API need "Content-Type: application/json" (or the admin token).`,
      }
    }
  }
  return undefined
}
