import { expect, it } from 'vitest'
import { createIpsMock, demoSeed, type IpsMock, type IpsMockSnapshot } from '../src/index.js'
import { setupIpsMock, type TestHooks } from '../src/testing.js'
import {
  DEMO_CO,
  envelope,
  operationParam,
  post,
  sendTo,
  submitJobRequest,
} from './support/requests.js'

const co = { companyHandle: DEMO_CO }

/** Hooks that only record what is registered, run by the test itself. */
function recordingHooks() {
  const registered: Record<keyof TestHooks, (() => unknown)[]> = {
    beforeAll: [],
    beforeEach: [],
    afterEach: [],
    afterAll: [],
  }
  const hooks: Required<TestHooks> = {
    beforeAll: (fn) => registered.beforeAll.push(fn),
    beforeEach: (fn) => registered.beforeEach.push(fn),
    afterEach: (fn) => registered.afterEach.push(fn),
    afterAll: (fn) => registered.afterAll.push(fn),
  }
  const run = async (name: keyof TestHooks) => {
    for (const fn of registered[name]) await fn()
  }
  return { hooks, registered, run }
}

const submitBody = (jobName: string, jobElement = 'optimizeImagesJob') =>
  submitJobRequest(jobElement, 'minimal', { jobName })

it('setupIpsMock: listens before all tests, fails unhandled requests, resets after each, closes after all', async () => {
  const { hooks, registered, run } = recordingHooks()
  const { mock, server } = setupIpsMock({ hooks, startTime: '2030-01-01T00:00:00Z' })
  expect(registered.beforeAll).toHaveLength(1)
  expect(registered.beforeEach).toHaveLength(0)
  expect(registered.afterEach).toHaveLength(1)
  expect(registered.afterAll).toHaveLength(1)

  await run('beforeAll')
  try {
    expect((await post(submitBody('first'))).status).toBe(200)
    await expect(fetch('https://elsewhere.example.test/')).rejects.toThrow()
    mock.faults.inject({ fault: 30000 })
    mock.clock.advance('1h')
    server.use()
    expect(mock.store.jobCount).toBe(1)

    await run('afterEach')
    expect(mock.store.jobCount).toBe(0)
    expect(mock.journal.size).toBe(0)
    expect(mock.faults.list()).toEqual([])
    expect(mock.clock.now().toISOString()).toBe('2030-01-01T00:00:00.000Z')
    expect((await post(submitBody('first'))).status).toBe(200)
    expect(mock.store.job('j|101|first|')).toBeDefined()
  } finally {
    await run('afterAll')
  }
  await expect(post(submitBody('after close'))).rejects.toThrow()
})

it('setupIpsMock: takes the test globals by default, and says what to do without them', () => {
  const scope = globalThis as Record<string, unknown>
  const { hooks, registered } = recordingHooks()
  Object.assign(scope, hooks)
  try {
    const { mock } = setupIpsMock()
    expect(mock.journal.capacity).toBe(10_000)
    expect([registered.beforeAll.length, registered.afterEach.length]).toEqual([1, 1])
  } finally {
    for (const name of Object.keys(hooks)) delete scope[name]
  }
  expect(() => setupIpsMock()).toThrow(
    '[ips-mock] Failed to set up the mock: there are no global beforeAll/afterEach/afterAll. Pass them: setupIpsMock({ hooks: { beforeAll, afterEach, afterAll } }), or turn on globals in vitest.',
  )
  const { beforeEach: _, ...withoutBeforeEach } = hooks
  expect(() => setupIpsMock({ hooks: withoutBeforeEach, resetTo: 'beforeAll' })).toThrow(
    "[ips-mock] Failed to set up the mock: resetTo 'beforeAll' needs a beforeEach hook. Add it to hooks: { beforeAll, beforeEach, afterEach, afterAll }.",
  )
})

it("setupIpsMock with resetTo 'beforeAll': every test starts from the state the first one found", async () => {
  const { hooks, run } = recordingHooks()
  const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z' })
  setupIpsMock({ hooks, mock, resetTo: 'beforeAll' })
  await run('beforeAll')
  try {
    // The user's own beforeAll: data every test shares.
    await post(submitBody('shared'))
    for (const name of ['test one', 'test two']) {
      await run('beforeEach')
      expect(mock.store.jobCount).toBe(1)
      await post(submitBody(name))
      expect(mock.store.jobCount).toBe(2)
      await run('afterEach')
    }
    expect(mock.store.job('j|101|shared|')).toBeDefined()
    expect(mock.store.job('j|101|test one|')).toBeUndefined()
  } finally {
    await run('afterAll')
  }
})

/** Every answer to a sequence of calls, with the mock's observable state after it. */
async function transcript(mock: IpsMock): Promise<unknown[]> {
  const lines: unknown[] = []
  const send = async (body: string, headers: Record<string, string> = {}) => {
    const response = await sendTo(mock, body, headers)
    lines.push(`${response.status} ${response.type === 'error' ? 'reset' : await response.text()}`)
  }
  const op = (name: string, fields: Record<string, unknown> = {}) =>
    send(envelope(operationParam(name, { ...co, ...fields } as never)))

  await send(submitBody('nightly', 'uploadUrlsJob'))
  await send(submitBody('nightly', 'uploadUrlsJob'))
  await send(submitBody('scheduled'))
  await op('getActiveJobs')
  mock.clock.advance('2s')
  await op('getActiveJobs')
  await op('stopJob', { jobHandle: 'j|101|nightly|' })
  for (let call = 0; call < 6; call++) await op('getScheduledJobs')
  await send(submitBody('delayed'), { 'x-ips-mock-fault': 'delay=1-3' })
  await mock.runUntilIdle()
  await op('getJobLogs')
  await op('getActiveJobs')
  lines.push(
    mock.store.jobs.all().map((job) => [job.handle, job.state, job.endDate]),
    mock.outbox.map((email) => [email.to, email.subject, email.sentAt]),
    mock.journal.all().map((entry) => {
      const { durationMs: _, ...fields } = entry.toJSON()
      return fields
    }),
    mock.faults.list().map((rule) => rule.toJSON()),
    mock.scenarios.list(),
    mock.clock.now().toISOString(),
  )
  return lines
}

it('restores a snapshot: the same calls get the same answers, handles, logs, e-mails and faults', async () => {
  const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z' })
  // A state with something in every part: jobs, a held run, scenarios, faults, journal, e-mails.
  await sendTo(mock, submitBody('nightly', 'uploadUrlsJob'))
  mock.scenarios.add({ match: { jobName: 'nightly' }, errors: 1, times: 2 })
  mock.scenarios.next({ hold: true })
  await sendTo(mock, submitBody('held'))
  await sendTo(
    mock,
    submitJobRequest('optimizeImagesJob', 'minimal', {
      jobName: 'scheduled',
      execSchedule: '0 0 3 * * ?',
    }),
  )
  mock.faults.inject({ operation: 'getScheduledJobs', probability: 0.5, fault: 30000 })
  mock.faults.inject({ operation: 'getActiveJobs', nth: 2, status: 503 })
  await sendTo(mock, envelope(operationParam('getScheduledJobs', co)))
  mock.clock.advance('1500ms')
  await sendTo(mock, envelope(operationParam('getActiveJobs', co)))
  // Its start and end are events queued before the snapshot, due after it.
  await sendTo(mock, submitBody('waiting', 'uploadUrlsJob'))

  const saved: IpsMockSnapshot = await mock.snapshot()
  const stateAtSnapshot = {
    jobs: mock.store.jobs.all().map((job) => ({ ...job })),
    journal: mock.journal.size,
    faults: mock.faults.list().map((rule) => rule.toJSON()),
    scenarios: mock.scenarios.list().length,
    outbox: mock.outbox.length,
  }
  const original = await transcript(mock)

  await mock.restore(saved)
  expect(mock.store.jobs.all().map((job) => ({ ...job }))).toEqual(stateAtSnapshot.jobs)
  expect(mock.journal.size).toBe(stateAtSnapshot.journal)
  expect(mock.faults.list().map((rule) => rule.toJSON())).toEqual(stateAtSnapshot.faults)
  expect(mock.scenarios.list()).toHaveLength(stateAtSnapshot.scenarios)
  expect(mock.outbox).toHaveLength(stateAtSnapshot.outbox)
  const replay = await transcript(mock)
  expect(replay).toEqual(original)

  // The snapshot is untouched by what happened since: it restores again, to the same effect.
  await mock.restore(saved)
  expect(await transcript(mock)).toEqual(original)

  // The sequence does change things: a mock that skips the restore answers otherwise.
  expect(await transcript(mock)).not.toEqual(original)
  // Answers include the handles of the second nightly and the injected faults.
  expect(String(original[1])).toContain('j|101|nightly_2|')
  expect(original.some((line) => String(line).startsWith('503 '))).toBe(true)
  expect(
    original.filter((line) =>
      String(line).includes('<code xmlns="http://www.scene7.com/IpsApi/xsd">30000</code>'),
    ).length,
  ).toBeGreaterThan(0)
})

it('restores only its own snapshots', async () => {
  const one = createIpsMock()
  const other = createIpsMock()
  const saved = await one.snapshot()
  await expect(other.restore(saved)).rejects.toThrow(
    '[ips-mock] Failed to restore the snapshot: it was taken from another mock. Restore it into the mock it came from.',
  )
  await expect(one.restore({} as IpsMockSnapshot)).rejects.toThrow(
    '[ips-mock] Failed to restore the snapshot: it is not one. Pass what mock.snapshot() resolved to.',
  )
  expect(Object.isFrozen(saved)).toBe(true)
  expect(Object.keys(saved)).toEqual([])
})

it('restores while keeping the mock usable: requests wait for the restore to finish', async () => {
  const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z' })
  const saved = await mock.snapshot()
  for (let index = 0; index < 20; index++) await sendTo(mock, submitBody(`job ${index}`))
  const restoring = mock.restore(saved)
  const during = sendTo(mock, submitBody('job 0'))
  await restoring
  const body = await (await during).text()
  expect(body).toContain('j|101|job 0|')
  expect(mock.store.jobCount).toBe(1)
  expect(mock.journal.all().map((entry) => entry.id)).toEqual([1])
})

it('reset(seed) makes the new seed the one later resets load, fakerSeed included', async () => {
  const seed = { ...demoSeed, fakerSeed: 99 }
  const run = async (mock: IpsMock) => {
    // A publish job's files are drawn from faker.
    const body = submitJobRequest('imageServingPublishJob')
    expect((await sendTo(mock, body)).status).toBe(200)
    await mock.runUntilIdle()
    return mock.store.jobLogs.all().flatMap((log) => log.details.map((detail) => detail.assetName))
  }
  const startTime = '2030-01-01T00:00:00Z'
  const reseeded = createIpsMock({ startTime })
  const before = await run(reseeded)
  await reseeded.reset(seed)
  const after = await run(reseeded)
  await reseeded.reset()
  expect(await run(reseeded)).toEqual(after)
  expect(after).toEqual(await run(createIpsMock({ seed, startTime })))
  expect(after).not.toEqual(before)
})
