import { type IpsMock, progressOf } from '../mock/create-ips-mock.js'
import { type MessageKey, message } from '../engine/messages.js'
import type { Job } from '../store/models.js'
import { scenarioRoutes } from './scenario-routes.js'
import { setUpProviderState } from './provider-states.js'
import { toMilliseconds } from '../engine/duration.js'
import { FaultRuleError, type FaultRule } from '../injection/rule.js'
import type { JournalQuery } from '../journal/journal.js'
import { isRepresentable } from '../schema/simple-types.js'
import { IpsFault } from '../faults/catalog.js'
import { SeedError } from '../store/seed.js'
import type { InputIssue } from '../utils/internal/issues.js'
import { openApiDocument, seedJsonSchema } from './openapi.js'
import type { BodyOf, EndpointKey, QueryOf } from './endpoints.js'
import { isIpsMockError } from '../errors/ips-mock-error.js'

/** A problem the caller can fix: answered with its status, message and, for a body, where. */
export class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues?: readonly InputIssue[],
  ) {
    super(message)
  }
}

/** An admin answer before it is written as JSON. */
export interface Answer {
  status: number
  value: unknown
}

/** What a route gets: the mock, the path's `{param}`s, and the query and body, parsed. */
export interface AdminCall<K extends EndpointKey> {
  mock: IpsMock
  params: Record<string, string>
  query: QueryOf<K>
  body: BodyOf<K>
}

type Routes = { [K in EndpointKey]: (call: AdminCall<K>) => Promise<Answer> | Answer }

const ok = (value: unknown, status = 200): Answer => ({ status, value })

const clockNow = (mock: IpsMock) => ({
  now: mock.clock.now().toISOString(),
  controlled: mock.clock.controlled,
})

/** The instant a clock change names, checked before the clock moves. */
function clockTarget(mock: IpsMock, body: BodyOf<'POST /clock'>): number | undefined {
  if (body.system) return undefined
  let time: number
  try {
    time =
      body.set !== undefined
        ? new Date(body.set).getTime()
        : mock.clock.now().getTime() + toMilliseconds(body.advance as string | number)
  } catch (error) {
    if (!isIpsMockError(error, 'INVALID_DURATION')) throw error
    throw new AdminError(400, `advance: ${error.reason}. ${error.remedy ?? ''}`.trim())
  }
  const field = body.set !== undefined ? 'set' : 'advance'
  if (Number.isNaN(time)) throw new AdminError(400, `${field}: not a date`)
  if (!isRepresentable(time)) {
    throw new AdminError(
      400,
      `${field}: the clock would stand outside 0001-01-01T14:00:00Z … 9999-12-31T09:59:59Z, the dates IPS answers can carry`,
    )
  }
  return time
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

export const routes: Routes = {
  'GET /openapi.json': () => ok(openApiDocument),

  'GET /seed.schema.json': () => ok(seedJsonSchema),

  'POST /reset': async ({ mock }) => {
    await mock.reset()
    return ok({ reset: true })
  },

  'GET /seed': ({ mock }) =>
    ok({
      companies: mock.store.companies.all().map(({ handle, name }) => ({ handle, name })),
      users: mock.store.users.all().map(({ handle, email, role }) => ({ handle, email, role })),
    }),

  'PUT /seed': async ({ mock, body }) => {
    try {
      await mock.reset(body)
    } catch (error) {
      if (error instanceof SeedError) throw new AdminError(400, error.message, error.issues)
      throw error
    }
    return ok({ companies: mock.store.companies.count(), users: mock.store.users.count() })
  },

  'POST /provider-states': async ({ mock, body }) => {
    if (body.action === 'teardown') return ok({})
    try {
      return ok(await setUpProviderState(mock, body.state, body.params ?? {}))
    } catch (error) {
      if (isIpsMockError(error, 'UNKNOWN_PROVIDER_STATE')) throw new AdminError(400, error.message)
      throw error
    }
  },

  'GET /journal': ({ mock, query }) => {
    const { limit, ...filter } = query
    const entries = mock.journal.find(filter as JournalQuery)
    return ok(limit === undefined ? entries : entries.slice(entries.length - limit))
  },

  'DELETE /journal': ({ mock }) => {
    mock.journal.clear()
    return ok({ cleared: true })
  },

  'GET /faults': ({ mock }) => ok(mock.faults.list()),

  'POST /faults': ({ mock, body }) => {
    try {
      return ok(mock.faults.inject(body as FaultRule), 201)
    } catch (error) {
      if (error instanceof FaultRuleError) throw new AdminError(400, error.message)
      throw error
    }
  },

  'DELETE /faults': ({ mock }) => {
    mock.faults.clear()
    return ok({ cleared: true })
  },

  'DELETE /faults/{id}': ({ mock, params }) => {
    if (!mock.faults.remove(params.id ?? '')) {
      throw new AdminError(404, `No fault rule "${params.id}".`)
    }
    return ok({ removed: params.id })
  },

  'GET /clock': ({ mock }) => ok(clockNow(mock)),

  'POST /clock': ({ mock, body }) => {
    const target = clockTarget(mock, body)
    if (target === undefined) mock.clock.useSystemTime()
    else mock.clock.set(target)
    return ok(clockNow(mock))
  },

  'GET /outbox': async ({ mock }) => {
    await mock.settle()
    return ok(mock.outbox)
  },

  'GET /jobs': async ({ mock, query }) => {
    await mock.settle()
    const company = query.companyHandle
    const jobs = company === undefined ? mock.store.jobs.all() : mock.store.jobsOf(company)
    return ok(withProgress(mock, jobs))
  },

  'POST /jobs/run-until-idle': async ({ mock }) => {
    await mock.runUntilIdle()
    return ok({ now: mock.clock.now().toISOString() })
  },

  'GET /jobs/{handle}': async ({ mock, params }) => {
    await mock.settle()
    const job = mock.store.job(params.handle ?? '')
    if (!job) throw new AdminError(404, `No job "${params.handle}".`)
    // Each detail line with its text in the job's locale, as getJobLogDetails gives it.
    const logs = mock.store.logsOf(job.handle).map((log) => ({
      ...log,
      details: log.details.map((line) => ({
        ...line,
        message: message(log.locale, line.key as MessageKey, line.args),
      })),
    }))
    return ok({ ...job, logs })
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
    return ok({ released: handle })
  },

  ...scenarioRoutes,
}
