// Real admin answers, validated against the OpenAPI document generated from the zod schemas.
import { Validator } from '@cfworker/json-schema'
import { beforeAll, expect, it } from 'vitest'
import { adminRoutes } from '../src/admin/admin.js'
import type { EndpointKey } from '../src/admin/endpoints.js'
import { demoSeed } from '../src/index.js'
import { useAdminServer } from './support/admin-server.js'
import { logins, submitJobRequest } from './support/requests.js'

const standalone = useAdminServer({}, { resetEach: false })
const { admin, soap } = standalone
let jobHandle: string

beforeAll(async () => {
  const { mock } = standalone.server
  // State for the answers to carry: a held job, a job with logs and mail, a fault, a rule.
  mock.scenarios.add({ match: { jobName: 'held' }, hold: true })
  await soap(submitJobRequest('optimizeImagesJob', 'minimal', { jobName: 'held' }))
  await soap(submitJobRequest('uploadUrlsJob', 'minimal', { jobName: 'documented' }))
  await soap(
    submitJobRequest(
      'optimizeImagesJob',
      'minimal',
      {},
      { auth: { ...logins.user, password: 'x' } },
    ),
  )
  jobHandle = 'j|101|documented|'
  mock.faults.inject({ operation: 'getActiveJobs', nth: 9, fault: 30000 })
  await mock.runUntilIdle()
})

interface Call {
  path?: string
  body?: unknown
  status?: number
}

/** One real call per endpoint; the type makes every endpoint of the table appear here. */
const calls: Record<EndpointKey, Call> = {
  'GET /openapi.json': {},
  'GET /seed.schema.json': {},
  'GET /seed': {},
  'GET /journal': { path: '/journal?limit=5' },
  'GET /faults': {},
  'GET /clock': {},
  'GET /outbox': {},
  'GET /jobs': {},
  'GET /jobs/{handle}': { path: '/jobs/{handle}' },
  'GET /journal/{id}': { path: '/journal/1' },
  'GET /scenarios': {},
  'GET /snapshots': {},
  'POST /snapshots': { body: { label: 'documented' }, status: 201 },
  'POST /snapshots/{id}/restore': { path: '/snapshots/snap-1/restore' },
  'DELETE /snapshots/{id}': { path: '/snapshots/snap-1' },
  'POST /scenarios': { body: { match: { jobType: 'UrlUpload' }, nth: 2, errors: 1 }, status: 201 },
  'DELETE /scenarios/{id}': { path: '/scenarios/s1' },
  'DELETE /scenarios': {},
  'POST /jobs/{handle}/release': { path: `/jobs/${encodeURIComponent('j|101|held|')}/release` },
  'POST /jobs/run-until-idle': {},
  'POST /clock': { body: { advance: '1s' } },
  'POST /faults': { body: { operation: 'submitJob', nth: 5, fault: 30000 }, status: 201 },
  'DELETE /faults/{id}': { path: '/faults/f1' },
  'DELETE /faults': {},
  'POST /provider-states': { body: { state: 'the demo seed is loaded' } },
  'DELETE /journal': {},
  'PUT /seed': { body: demoSeed },
  'POST /reset': {},
}

const document = (await import('../src/admin/openapi.js')).openApiDocument as unknown as {
  components: Record<string, unknown>
  paths: Record<string, Record<string, { responses: Record<string, any> }>>
}

function validatorFor(path: string, method: string, status: number) {
  const responses = document.paths[path]?.[method.toLowerCase()]?.responses
  const schema = responses?.[String(status)]?.content?.['application/json']?.schema
  expect(schema, `${method} ${path} documents status ${status}`).toBeDefined()
  return new Validator({ ...schema, components: document.components } as never, '2020-12', false)
}

it('has one call for every endpoint', () => {
  expect(Object.keys(calls).sort()).toEqual([...adminRoutes].sort())
})

it.each(Object.entries(calls) as Array<[EndpointKey, Call]>)(
  '%s answers as documented',
  async (key, { path, body, status = 200 }) => {
    const [method, template] = key.split(' ') as [string, string]
    const url = (path ?? template).replace('{handle}', encodeURIComponent(jobHandle))
    const response = await admin(method, url, body)
    expect(response.status, JSON.stringify(response.body)).toBe(status)
    const result = validatorFor(template, method, status).validate(response.body)
    expect(
      result.errors.map(({ instanceLocation, error }) => `${instanceLocation}: ${error}`),
    ).toEqual([])
  },
)

it.each([
  ['POST', '/faults', { fault: 'nope' }, 400],
  ['GET', '/jobs/nope', undefined, 404],
  ['PUT', '/seed', { users: [] }, 400],
  ['DELETE', '/faults/f999', undefined, 404],
  ['POST', `/jobs/${encodeURIComponent('j|101|unheld|')}/release`, undefined, 409],
])('%s %s answers its error as documented', async (method, path, body, status) => {
  await soap(submitJobRequest('optimizeImagesJob', 'minimal', { jobName: 'unheld' }))
  const response = await admin(method, path, body)
  expect(response.status).toBe(status)
  const template = path
    .replace(/\/jobs\/nope$/, '/jobs/{handle}')
    .replace(/\/jobs\/[^/]+\/release$/, '/jobs/{handle}/release')
    .replace(/f999$/, '{id}')
  const result = validatorFor(template, method, status).validate(response.body)
  expect(result.valid).toBe(true)
})

it('documents the dashboard page as it is served', async () => {
  const page = document.paths['/']?.get?.responses
  expect(Object.keys(page?.['200']?.content ?? {})).toEqual(['text/html'])
  const response = await fetch(`${standalone.origin}/__admin/`)
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toMatch(/^text\/html/)
  expect(await response.text()).toMatch(/^<!doctype html>/i)
  const refused = await fetch(`${standalone.origin}/__admin/`, {
    headers: { origin: 'http://evil.example' },
  })
  expect(refused.status).toBe(403)
  expect(validatorFor('/', 'GET', 403).validate(await refused.json()).valid).toBe(true)
})

it('would catch an answer that drifted from its schema', () => {
  const clock = validatorFor('/clock', 'GET', 200)
  expect(clock.validate({ now: '2030-01-01T00:00:00.000Z', controlled: true }).valid).toBe(true)
  expect(clock.validate({ now: '2030-01-01T00:00:00.000Z', controlled: 'yes' }).valid).toBe(false)
  expect(
    clock.validate({ now: '2030-01-01T00:00:00.000Z', controlled: true, extra: 1 }).valid,
  ).toBe(false)
})
