import type { IpsMock } from '../core/create-ips-mock.js'
import { type RawRequest, type RawResponse, raw } from '../core/raw.js'
import { dashboardPage } from './dashboard/page.js'
import { setUpProviderState, UnknownProviderStateError } from '../contract/provider-states.js'
import { FaultRuleError, parseFaultRule } from '../injection/rule.js'
import type { JournalQuery } from '../journal/journal.js'
import type { SeedData } from '../store/seed.js'
import type { Job } from '../store/models.js'
import { progressOf } from '../core/create-ips-mock.js'
import { AdminError, type AdminRoute, json, problem, readJson } from './http.js'
import { openApiDocument } from './openapi.js'
import { IpsFault } from '../soap/faults.js'
import { type MessageKey, message } from '../engine/messages.js'
import { scenarioRoutes } from './scenario-routes.js'

/** Path prefix of the admin API, at the server root (not below the IPS web app path). */
export const ADMIN_PATH = '/__admin'

/** Who may use the admin API. */
export interface AdminAccess {
  /** A bearer token every admin call must carry (`Authorization: Bearer <token>`). */
  token?: string
  /** True when the server listens on loopback only. */
  loopback: boolean
}

/** A journal query from URL parameters: `?operation=submitJob&faultCode=30001&limit=10`. */
function journalQuery(query: URLSearchParams): JournalQuery {
  const result: JournalQuery = {}
  const number = (name: string) => {
    const value = query.get(name)
    if (value === null) return undefined
    if (!/^\d+$/.test(value)) throw new AdminError(400, `"${name}" must be a whole number.`)
    return Number(value)
  }
  const flag = (name: string) => {
    const value = query.get(name)
    if (value === null) return undefined
    if (value !== 'true' && value !== 'false') {
      throw new AdminError(400, `"${name}" must be true or false.`)
    }
    return value === 'true'
  }
  const operation = query.get('operation')
  if (operation !== null) result.operation = operation
  const user = query.get('user')
  if (user !== null) result.user = user
  const faultCode = number('faultCode')
  if (faultCode !== undefined) result.faultCode = faultCode
  const status = number('status')
  if (status !== undefined) result.status = status
  const injected = flag('injected')
  if (injected !== undefined) result.injected = injected
  const unserved = flag('unserved')
  if (unserved !== undefined) result.unserved = unserved
  return result
}

/** Jobs with the progress of runs that have not ended: `{ done, total, percent }`. */
function withProgress(mock: IpsMock, jobs: readonly Job[]) {
  const progress = progressOf.get(mock)
  return jobs.map((job) => {
    if (!progress || job.state === 'Done' || job.state === 'Scheduled') return job
    const { done, total, percent } = progress(job)
    return { ...job, progress: { done, total, percent } }
  })
}

const dashboard = (): RawResponse => {
  const { html, headers } = dashboardPage()
  return raw(200, html, Object.assign({}, headers))
}

const routes: Readonly<Record<string, AdminRoute>> = {
  'GET /': dashboard,
  'GET /openapi.json': () => json(200, openApiDocument),

  'POST /reset': async ({ mock }) => {
    await mock.reset()
    return json(200, { reset: true })
  },

  'GET /seed': ({ mock }) =>
    json(200, {
      companies: mock.store.companies.all().map(({ handle, name }) => ({ handle, name })),
      users: mock.store.users.all().map(({ handle, email, role }) => ({ handle, email, role })),
    }),

  'PUT /seed': async ({ mock, request }) => {
    const seed = await readJson(request)
    if (!Array.isArray(seed.companies) || !Array.isArray(seed.users)) {
      throw new AdminError(400, 'A seed needs "companies" and "users" arrays.')
    }
    try {
      await mock.reset(seed as unknown as SeedData)
    } catch (error) {
      throw new AdminError(400, error instanceof Error ? error.message : String(error))
    }
    return json(200, {
      companies: mock.store.companies.count(),
      users: mock.store.users.count(),
    })
  },

  'POST /provider-states': async ({ mock, request }) => {
    const body = await readJson(request)
    if (typeof body.state !== 'string') {
      throw new AdminError(400, 'A provider-state call needs a "state" string.')
    }
    if (body.action === 'teardown') return json(200, {})
    const params =
      typeof body.params === 'object' && body.params !== null
        ? (body.params as Record<string, unknown>)
        : {}
    try {
      return json(200, await setUpProviderState(mock, body.state, params))
    } catch (error) {
      if (error instanceof UnknownProviderStateError) throw new AdminError(400, error.message)
      throw error
    }
  },

  'GET /journal': ({ mock, query }) => {
    const limit = query.get('limit')
    if (limit !== null && !/^\d+$/.test(limit)) {
      throw new AdminError(400, '"limit" must be a whole number.')
    }
    const entries = mock.journal.find(journalQuery(query))
    return json(200, limit === null ? entries : entries.slice(entries.length - Number(limit)))
  },

  'DELETE /journal': ({ mock }) => {
    mock.journal.clear()
    return json(200, { cleared: true })
  },

  'GET /faults': ({ mock }) => json(200, mock.faults.list()),

  'POST /faults': async ({ mock, request }) => {
    const body = await readJson(request)
    try {
      return json(201, mock.faults.inject(parseFaultRule(body)))
    } catch (error) {
      if (error instanceof FaultRuleError) throw new AdminError(400, error.message)
      throw error
    }
  },

  'DELETE /faults': ({ mock }) => {
    mock.faults.clear()
    return json(200, { cleared: true })
  },

  'DELETE /faults/{id}': ({ mock, params }) => {
    if (!mock.faults.remove(params.id ?? '')) {
      throw new AdminError(404, `No fault rule "${params.id}".`)
    }
    return json(200, { removed: params.id })
  },

  'GET /clock': ({ mock }) =>
    json(200, { now: mock.clock.now().toISOString(), controlled: mock.clock.controlled }),

  'POST /clock': async ({ mock, request }) => {
    const body = await readJson(request)
    const given = ['set', 'advance', 'system'].filter((key) => body[key] !== undefined)
    if (given.length !== 1) {
      throw new AdminError(
        400,
        'Send exactly one of "set" (a date), "advance" (e.g. "30s") or "system": true.',
      )
    }
    try {
      if (body.set !== undefined) mock.clock.set(String(body.set))
      else if (typeof body.advance === 'string' || typeof body.advance === 'number') {
        mock.clock.advance(body.advance)
      } else if (body.advance !== undefined) throw new Error('"advance" must be a duration.')
      else if (body.system === true) mock.clock.useSystemTime()
      else throw new Error('"system" must be true.')
    } catch (error) {
      throw new AdminError(400, error instanceof Error ? error.message : String(error))
    }
    return json(200, { now: mock.clock.now().toISOString(), controlled: mock.clock.controlled })
  },

  'GET /outbox': async ({ mock }) => {
    await mock.settle()
    return json(200, mock.outbox)
  },

  'GET /jobs': async ({ mock, query }) => {
    await mock.settle()
    const company = query.get('companyHandle')
    const jobs = company === null ? mock.store.jobs.all() : mock.store.jobsOf(company)
    return json(200, withProgress(mock, jobs))
  },

  'POST /jobs/run-until-idle': async ({ mock }) => {
    await mock.runUntilIdle()
    return json(200, { now: mock.clock.now().toISOString() })
  },

  'GET /jobs/{handle}': async ({ mock, params }) => {
    await mock.settle()
    const job = mock.store.job(params.handle ?? '')
    if (!job) throw new AdminError(404, `No job "${params.handle}".`)
    // Each detail line with its text, in the job's locale, as getJobLogDetails would give it.
    const logs = mock.store.logsOf(job.handle).map((log) => ({
      ...log,
      details: log.details.map((line) => ({
        ...line,
        message: message(log.locale, line.key as MessageKey, line.args),
      })),
    }))
    return json(200, { ...job, logs })
  },

  'POST /jobs/{handle}/release': async ({ mock, params }) => {
    const handle = params.handle ?? ''
    if (!mock.store.job(handle)) throw new AdminError(404, `No job "${handle}".`)
    try {
      await mock.release(handle)
    } catch (error) {
      if (error instanceof IpsFault) throw new AdminError(409, error.reason)
      throw error
    }
    return json(200, { released: handle })
  },

  ...scenarioRoutes,
}

/** `METHOD /path` of every admin endpoint, e.g. `DELETE /faults/{id}`. */
export const adminRoutes = Object.keys(routes)

/** Route patterns compiled once: `/faults/{id}` → a regex and its parameter names. */
const compiled = Object.entries(routes).map(([key, route]) => {
  const [method, pattern] = key.split(' ') as [string, string]
  const names: string[] = []
  const source = pattern.replace(/\{(\w+)\}/g, (_match, name: string) => {
    names.push(name)
    return '([^/]+)'
  })
  return { method, pattern, regex: new RegExp(`^${source}$`), names, route }
})

function findRoute(method: string, path: string) {
  let pathMatched = false
  for (const candidate of compiled) {
    const match = candidate.regex.exec(path)
    if (!match) continue
    pathMatched = true
    if (candidate.method !== method) continue
    const params = Object.fromEntries(
      candidate.names.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? '')]),
    )
    return { route: candidate.route, params }
  }
  return { pathMatched }
}

/** Answers a request below `/__admin/`. */
export async function adminExchange(
  mock: IpsMock,
  request: RawRequest,
  access: AdminAccess,
): Promise<RawResponse> {
  const url = new URL(request.url)
  const path = url.pathname.slice(ADMIN_PATH.length) || '/'
  // The dashboard page holds no state: it loads without the token and then asks for it.
  const isPage = path === '/' && (request.method === 'GET' || request.method === 'HEAD')
  if (access.token !== undefined) {
    if (isPage) return dashboard()
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
  if (isPage) return dashboard()
  const found = findRoute(request.method, path)
  if (!('route' in found) || !found.route) {
    const status = found.pathMatched ? 405 : 404
    return problem(
      status,
      `No admin endpoint ${request.method} ${ADMIN_PATH}${path}. See ${ADMIN_PATH}/openapi.json.`,
    )
  }
  try {
    return await found.route({ mock, request, params: found.params, query: url.searchParams })
  } catch (error) {
    if (error instanceof AdminError) return problem(error.status, error.message)
    return problem(500, error instanceof Error ? error.message : String(error))
  }
}
