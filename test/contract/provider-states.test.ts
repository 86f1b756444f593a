// The state-change endpoint the Pact verifier calls, and the states behind it.
import { afterEach, describe, expect, it } from 'vitest'
import { createIpsMock } from '../../src/index.js'
import { providerStates, setUpProviderState } from '../../src/admin/provider-states.js'
import { type RunningServer, startServer } from '../../src/server.js'
import { items } from '../support/calls.js'
import { DEMO_CO, envelope, operationParam, sendTo } from '../support/requests.js'
import { read } from '../support/soap.js'

let server: RunningServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

const adminUrl = (running: RunningServer) =>
  `${new URL(running.url).origin}/__admin/provider-states`

const postState = (running: RunningServer, body: unknown, headers: Record<string, string> = {}) =>
  fetch(adminUrl(running), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

describe('POST /__admin/provider-states', () => {
  it('sets the mock up in the named state and hands back what it created', async () => {
    server = await startServer({ port: 0, logLevel: 'silent' })
    const response = await postState(server, {
      state: 'a job is running',
      params: { jobName: 'nightly import' },
      action: 'setup',
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ jobHandle: 'j|101|nightly import|' })
    const active = await read(
      await sendTo(
        server.mock,
        envelope(operationParam('getActiveJobs', { companyHandle: DEMO_CO })),
      ),
    )
    const jobs = items((active.body.getActiveJobsReturn as { jobArray: unknown }).jobArray)
    expect(jobs.map((job) => [job.jobHandle, job.state, job.progress])).toEqual([
      ['j|101|nightly import|', 'Running', '50'],
    ])
  })

  it('starts each state from the seed: nothing of the previous one remains', async () => {
    server = await startServer({ port: 0, logLevel: 'silent' })
    await postState(server, { state: 'a job has run' })
    await postState(server, { state: 'the demo seed is loaded' })
    expect(server.mock.store.jobs.count()).toBe(0)
    expect(server.mock.store.jobLogs.count()).toBe(0)
    expect(server.mock.clock.now().toISOString()).toBe('2030-01-01T00:00:00.000Z')
  })

  it('answers 400 for an unknown state, naming the known ones', async () => {
    server = await startServer({ port: 0, logLevel: 'silent' })
    const response = await postState(server, { state: 'a job is stuck' })
    expect(response.status).toBe(400)
    const { error } = (await response.json()) as { error: string }
    expect(error).toContain('Failed to set up the provider state "a job is stuck"')
    for (const name of Object.keys(providerStates)) expect(error).toContain(`"${name}"`)
  })

  it('answers 400 for a body that is not a state-change call', async () => {
    server = await startServer({ port: 0, logLevel: 'silent' })
    expect((await postState(server, '{"state":')).status).toBe(400)
    expect((await postState(server, { params: {} })).status).toBe(400)
    expect((await postState(server, [1, 2])).status).toBe(400)
  })

  it('acknowledges a teardown without touching the state', async () => {
    server = await startServer({ port: 0, logLevel: 'silent' })
    await postState(server, { state: 'a job is scheduled' })
    const response = await postState(server, { state: 'a job is scheduled', action: 'teardown' })
    expect(response.status).toBe(200)
    expect(server.mock.store.jobs.count()).toBe(1)
  })
})

describe('admin access', () => {
  it('is off beyond loopback without a token', async () => {
    server = await startServer({ port: 0, host: '0.0.0.0', logLevel: 'silent' })
    const response = await postState(server, { state: 'the demo seed is loaded' })
    expect(response.status).toBe(403)
    expect(await response.text()).toContain('--admin-token')
  })

  it('needs the bearer token when one is set', async () => {
    server = await startServer({ port: 0, logLevel: 'silent', adminToken: 's3cret' })
    const state = { state: 'the demo seed is loaded' }
    const refused = await postState(server, state)
    expect(refused.status).toBe(401)
    expect(refused.headers.get('www-authenticate')).toContain('Bearer')
    expect((await postState(server, state, { authorization: 'Bearer wrong' })).status).toBe(401)
    expect((await postState(server, state, { authorization: 'Bearer s3cret' })).status).toBe(200)
  })
})

it('sets every state up on a mock created a moment before (the seed is loaded once)', async () => {
  for (const name of Object.keys(providerStates)) {
    const mock = createIpsMock()
    await setUpProviderState(mock, name)
    expect(mock.store.companies.count(), name).toBe(2)
  }
})
