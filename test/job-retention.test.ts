import { expect, it } from 'vitest'
import { createIpsMock, type IpsMock } from '../src/index.js'
import { DEMO_CO, envelope, operationParam, sendTo, submitJobRequest } from './support/requests.js'
import { read } from './support/soap.js'

const co = { companyHandle: DEMO_CO }

async function call(mock: IpsMock, operation: string, fields: Record<string, unknown>) {
  return read(await sendTo(mock, envelope(operationParam(operation, { ...co, ...fields }))))
}

async function submitAndFinish(mock: IpsMock, jobName: string, fields = {}): Promise<string> {
  const body = submitJobRequest('uploadUrlsJob', 'minimal', { jobName, ...fields })
  const answer = await read(await sendTo(mock, body))
  expect(answer.fault, answer.fault?.reason).toBeUndefined()
  await mock.runUntilIdle()
  return (answer.body.submitJobReturn as { jobHandle: string }).jobHandle
}

it('evicts the oldest finished runs beyond retainJobs; their handles answer as unknown ones do', async () => {
  const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z', retainJobs: 2 })
  const handles = [
    await submitAndFinish(mock, 'first'),
    await submitAndFinish(mock, 'second'),
    await submitAndFinish(mock, 'third'),
  ]
  const [evicted, ...kept] = handles as [string, ...string[]]
  expect(mock.store.job(evicted)).toBeUndefined()
  expect(mock.store.logsOf(evicted)).toEqual([])
  expect(mock.store.jobs.count()).toBe(2)
  expect(mock.store.jobLogs.count()).toBe(2)
  const unknown = await call(mock, 'getJobLogDetails', { jobHandle: 'j|101|never submitted|' })
  const gone = await call(mock, 'getJobLogDetails', { jobHandle: evicted })
  expect(unknown.fault?.code).toBe(30001)
  expect(gone.fault).toEqual({
    ...unknown.fault,
    reason: unknown.fault?.reason.replace('j|101|never submitted|', evicted),
  })
  expect((await call(mock, 'stopJob', { jobHandle: evicted })).fault).toMatchObject({
    code: 30001,
    reason: `Invalid job handle '${evicted}'`,
  })
  const logs = await call(mock, 'getJobLogs', {})
  const listed = (logs.body.getJobLogsReturn as { jobLogArray: { items: { jobHandle: string }[] } })
    .jobLogArray.items
  expect(listed.map((log) => log.jobHandle)).toEqual([...kept].reverse())
  // The evicted job's name is free again, as a deleted job's is.
  expect(await submitAndFinish(mock, 'first')).toBe(evicted)
})

it('evicts the runs of a schedule oldest first and keeps the schedule itself', async () => {
  const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z', retainJobs: 3 })
  const body = submitJobRequest('optimizeImagesJob', 'minimal', {
    jobName: 'hourly',
    execSchedule: '0 0 * * * ?',
  })
  const parent = (
    (await read(await sendTo(mock, body))).body.submitJobReturn as { jobHandle: string }
  ).jobHandle
  for (let hour = 0; hour < 5; hour++) {
    mock.clock.advance('1h')
    await mock.runUntilIdle()
  }
  expect(mock.store.job(parent)?.runCount).toBe(5)
  expect(mock.store.logsOf(parent).map((log) => log.jobHandle)).toEqual([
    `${parent}3`,
    `${parent}4`,
    `${parent}5`,
  ])
  expect(mock.store.job(`${parent}2`)).toBeUndefined()
})

it('keeps the outbox to about as many e-mails as finished runs', async () => {
  const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z', retainJobs: 4 })
  for (let index = 0; index < 12; index++) {
    await submitAndFinish(mock, `mailed ${index}`, {})
    await sendTo(
      mock,
      submitJobRequest('optimizeImagesJob', 'minimal', {
        jobName: `mail ${index}`,
        optimizeImagesJob: { emailSetting: 'JobCompletion' },
      }),
    )
    await mock.runUntilIdle()
  }
  expect(mock.outbox.length).toBeGreaterThanOrEqual(4)
  expect(mock.outbox.length).toBeLessThanOrEqual(5)
  expect(mock.outbox.at(-1)?.jobName).toBe('mail 11')
})

it('refuses a retainJobs that is not a count', () => {
  expect(() => createIpsMock({ retainJobs: -1 })).toThrow(/retainJobs/)
  expect(() => createIpsMock({ retainJobs: Number.NaN })).toThrow(/retainJobs/)
})
