// The admin API under /__admin/ on the standalone server.
import { describe, expect, it } from 'vitest'
import { adminRoutes } from '../src/admin/admin.js'
import { DEMO_CO, envelope, logins, operationParam, submitJobRequest } from './support/requests.js'
import { useAdminServer } from './support/admin-server.js'

const standalone = useAdminServer()
const { admin, soap } = standalone

const submit = (jobName: string, fields = {}) =>
  soap(submitJobRequest('uploadUrlsJob', 'minimal', { jobName, ...fields }))

describe('GET /__admin/openapi.json', () => {
  it('describes every endpoint the admin API serves and the dashboard page, and nothing else', async () => {
    const { status, body } = await admin('GET', '/openapi.json')
    expect(status).toBe(200)
    expect(body.openapi).toBe('3.1.0')
    const documented = Object.entries(body.paths as Record<string, object>).flatMap(
      ([path, operations]) => Object.keys(operations).map((m) => `${m.toUpperCase()} ${path}`),
    )
    expect(documented.sort()).toEqual([...adminRoutes, 'GET /'].sort())
  })
})

describe('POST /__admin/reset', () => {
  it('goes back to the seed', async () => {
    await submit('before reset')
    expect(standalone.server.mock.store.jobs.count()).toBe(1)
    expect((await admin('POST', '/reset')).status).toBe(200)
    expect(standalone.server.mock.store.jobs.count()).toBe(0)
  })
})

describe('/__admin/seed', () => {
  it('lists companies and users without passwords', async () => {
    const { status, body } = await admin('GET', '/seed')
    expect(status).toBe(200)
    expect(body.users).toContainEqual({
      handle: 'u|1002|user@demo-co.test',
      email: 'user@demo-co.test',
      role: 'IpsUser',
    })
    expect(JSON.stringify(body)).not.toContain('demo-user-pass')
  })

  it('replaces the seed, for this reset and later ones', async () => {
    const seed = {
      companies: [{ name: 'acme', handle: 'c|7' }],
      users: [
        { email: 'ci@acme.test', password: 'acme-pass', role: 'IpsUser', companies: ['acme'] },
      ],
    }
    try {
      expect(await admin('PUT', '/seed', seed)).toEqual({
        status: 200,
        body: { companies: 1, users: 1 },
      })
      await admin('POST', '/reset')
      const auth = { user: 'ci@acme.test', password: 'acme-pass' }
      const answer = await soap(
        envelope(operationParam('getCompanyInfo', { companyName: 'acme' }), { auth }),
      )
      expect(answer.body.getCompanyInfoReturn).toMatchObject({
        companyInfo: { companyHandle: 'c|7', name: 'acme' },
      })
      expect((await soap(submitJobRequest('optimizeImagesJob'))).fault?.code).toBe(10002)
    } finally {
      await standalone.server.mock.reset((await import('../src/store/demo-seed.js')).demoSeed)
    }
  })

  it('refuses a seed that is not one, and keeps the old one', async () => {
    expect((await admin('PUT', '/seed', { companies: 'x' })).status).toBe(400)
    const bad = await admin('PUT', '/seed', {
      companies: [{ name: 'acme' }],
      users: [{ email: 'a@acme.test', password: 'p', role: 'Boss', companies: ['acme'] }],
    })
    expect(bad.status).toBe(400)
    // The path and what it takes; the value itself is never quoted back (it could be a secret).
    expect(bad.body.error).toContain('users[0].role: expected one of "IpsAdmin", "IpsCompanyAdmin"')
    expect(standalone.server.mock.store.userByEmail('user@demo-co.test')).toBeDefined()
    // What a later reset loads is still the old seed: its users log in, the refused ones do not.
    expect((await admin('POST', '/reset')).status).toBe(200)
    expect((await submit('after refused seeds')).fault).toBeUndefined()
    const refused = await soap(
      envelope(operationParam('getUserInfo', {}), { auth: { user: 'a@acme.test', password: 'p' } }),
    )
    expect(refused.fault?.code).toBe(10002)
    expect((await admin('GET', '/seed')).body.companies).toEqual([
      { handle: 'c|101', name: 'demo-co' },
      { handle: 'c|102', name: 'other-co' },
    ])
  })
})

describe('/__admin/journal', () => {
  it('lists calls with params, passwords redacted, and filters them', async () => {
    await submit('one')
    await soap(
      submitJobRequest(
        'optimizeImagesJob',
        'minimal',
        {},
        { auth: { user: logins.user.user, password: 'nope' } },
      ),
    )
    const all = await admin('GET', '/journal')
    expect(all.body).toHaveLength(2)
    expect(all.body[0]).toMatchObject({ operation: 'submitJob', params: { jobName: 'one' } })
    expect(JSON.stringify(all.body)).not.toContain('demo-user-pass')
    expect(JSON.stringify(all.body)).not.toContain('nope')
    const faults = await admin('GET', '/journal?faultCode=10001')
    expect(faults.body.map((entry: { fault: { code: number } }) => entry.fault.code)).toEqual([
      10001,
    ])
    expect((await admin('GET', '/journal?limit=1')).body).toHaveLength(1)
    expect((await admin('GET', '/journal?limit=0')).body).toEqual([])
    expect((await admin('GET', '/journal?limit=x')).status).toBe(400)
    await admin('DELETE', '/journal')
    expect((await admin('GET', '/journal')).body).toEqual([])
  })
})

describe('/__admin/faults', () => {
  it('adds, lists and removes rules that the SOAP endpoint obeys', async () => {
    const added = await admin('POST', '/faults', { operation: 'submitJob', fault: 30000, times: 1 })
    expect(added.status).toBe(201)
    expect(added.body).toMatchObject({ id: expect.any(String), rule: { fault: 30000 } })
    expect((await admin('GET', '/faults')).body).toHaveLength(1)
    expect((await submit('faulted')).fault?.code).toBe(30000)
    expect((await submit('served')).fault).toBeUndefined()

    const second = await admin('POST', '/faults', { status: 503 })
    expect((await submit('unavailable')).status).toBe(503)
    expect((await admin('DELETE', `/faults/${second.body.id}`)).status).toBe(200)
    expect((await admin('DELETE', `/faults/${second.body.id}`)).status).toBe(404)
    expect((await submit('after')).status).toBe(200)
  })

  it('refuses a rule that is not one, naming the field', async () => {
    const refused = await admin('POST', '/faults', { fault: 12345 })
    expect(refused.status).toBe(400)
    expect(refused.body.error).toContain('12345')
    expect((await admin('GET', '/faults')).body).toEqual([])
  })
})

describe('/__admin/clock, /jobs and /outbox', () => {
  it('moves the clock and runs jobs to the end', async () => {
    expect((await admin('GET', '/clock')).body).toEqual({
      now: '2030-01-01T00:00:00.000Z',
      controlled: true,
    })
    await submit('mailing')
    const handle = 'j|101|mailing|'
    expect((await admin('POST', '/clock', { advance: '1500ms' })).body.now).toBe(
      '2030-01-01T00:00:01.500Z',
    )
    const job = await admin('GET', `/jobs/${encodeURIComponent(handle)}`)
    expect(job.body).toMatchObject({ handle, state: 'Running', logs: [] })
    expect((await admin('POST', '/jobs/run-until-idle')).status).toBe(200)
    const done = await admin('GET', `/jobs/${encodeURIComponent(handle)}`)
    expect(done.body.state).toBe('Done')
    expect(done.body.logs).toHaveLength(1)
    expect(
      (await admin('GET', `/jobs?companyHandle=${encodeURIComponent(DEMO_CO)}`)).body,
    ).toHaveLength(1)
    const outbox = await admin('GET', '/outbox')
    expect(outbox.body.map((mail: { kind: string }) => mail.kind)).toEqual(['started', 'completed'])
    expect((await admin('GET', '/jobs/nope')).status).toBe(404)
  })

  it('refuses a clock change that is not one', async () => {
    expect((await admin('POST', '/clock', {})).status).toBe(400)
    expect((await admin('POST', '/clock', { set: 'soon' })).status).toBe(400)
    expect(
      (await admin('POST', '/clock', { set: '2031-01-01T00:00:00Z', advance: '1s' })).status,
    ).toBe(400)
    expect((await admin('POST', '/clock', { set: '2031-01-01T00:00:00Z' })).body.now).toBe(
      '2031-01-01T00:00:00.000Z',
    )
  })
})

it('answers an unknown admin path with 404 and a wrong method with 405', async () => {
  expect((await admin('GET', '/nothing')).status).toBe(404)
  expect((await admin('GET', '/reset')).status).toBe(405)
})
