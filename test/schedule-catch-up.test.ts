import { expect, it } from 'vitest'
import { MAX_REPLAYED_FIRES } from '../src/engine/catch-up.js'
import { createIpsMock, type IpsMock } from '../src/index.js'
import { sendTo, submitJobRequest } from './support/requests.js'
import { read } from './support/soap.js'

const START = '2030-01-01T00:00:00Z'

async function everySecond(mock: IpsMock): Promise<string> {
  const body = submitJobRequest('optimizeImagesJob', 'minimal', {
    jobName: 'every second',
    execSchedule: '* * * * * ?',
  })
  const answer = await read(await sendTo(mock, body))
  expect(answer.fault, answer.fault?.reason).toBeUndefined()
  return (answer.body.submitJobReturn as { jobHandle: string }).jobHandle
}

const runsOf = (mock: IpsMock, handle: string) =>
  mock.store.jobs.findMany((q) => q.where({ parentHandle: handle }))

it('catches a per-second schedule up over a one-year jump with one run now (Quartz FIRE_ONCE_NOW)', async () => {
  const mock = createIpsMock({ startTime: START })
  const handle = await everySecond(mock)
  mock.clock.advance('365d')
  await mock.settle()
  const now = mock.clock.now().getTime()
  const runs = runsOf(mock, handle)
  expect(runs).toHaveLength(1)
  expect(runs[0]).toMatchObject({ state: 'New', triggerTime: new Date(now).toISOString() })
  expect(mock.store.job(handle)).toMatchObject({
    runCount: 1,
    triggerState: 'Normal',
    nextFireTime: new Date(now + 1000).toISOString(),
  })
  // From then on it fires on schedule again.
  mock.clock.advance('3s')
  await mock.settle()
  expect(runsOf(mock, handle)).toHaveLength(4)
})

it(`replays up to ${MAX_REPLAYED_FIRES} skipped fires at their own times, more as one misfire`, async () => {
  const replayed = createIpsMock({ startTime: START })
  const a = await everySecond(replayed)
  replayed.clock.advance(`${MAX_REPLAYED_FIRES}s`)
  await replayed.settle()
  const runs = runsOf(replayed, a)
  expect(runs).toHaveLength(MAX_REPLAYED_FIRES)
  expect(runs[0]?.triggerTime).toBe('2030-01-01T00:00:01.000Z')

  const misfired = createIpsMock({ startTime: START })
  const b = await everySecond(misfired)
  misfired.clock.advance(`${MAX_REPLAYED_FIRES + 1}s`)
  await misfired.settle()
  expect(runsOf(misfired, b).map((run) => run.triggerTime)).toEqual([
    new Date(Date.parse(START) + (MAX_REPLAYED_FIRES + 1) * 1000).toISOString(),
  ])
})

it('fires a fire less than a minute late at its own time even when it is alone', async () => {
  const mock = createIpsMock({ startTime: START })
  const body = submitJobRequest('optimizeImagesJob', 'minimal', {
    jobName: 'hourly',
    execSchedule: '0 0 * * * ?',
  })
  const handle = (
    (await read(await sendTo(mock, body))).body.submitJobReturn as { jobHandle: string }
  ).jobHandle
  mock.clock.advance('1h30s')
  await mock.settle()
  expect(runsOf(mock, handle).map((run) => run.triggerTime)).toEqual(['2030-01-01T01:00:00.000Z'])
})
