// What a provider state hands back is the value it created, never its XML escape: a job name with
// '&', '<' and '|' comes back as the job's own handle, equal to what the store holds and to what
// getActiveJobs then answers once its XML is decoded.
import { afterEach, expect, it } from 'vitest'
import { setUpProviderState } from '../../src/admin/provider-states.js'
import { type RunningServer, startServer } from '../../src/server.js'
import { items } from '../support/calls.js'
import { DEMO_CO, envelope, operationParam, sendTo } from '../support/requests.js'
import { read } from '../support/soap.js'
import { createIpsMock } from '../../src/index.js'

const names = ['a&b <c>', 'pipes | in | it', 'all & < > | " \' at once', 'x&amp;y']

let server: RunningServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

it.each(names)('hands back the created handle unescaped for the job name %j', async (jobName) => {
  const mock = createIpsMock()
  const values = await setUpProviderState(mock, 'a job is running', { jobName })
  const [job] = mock.store.jobs.findMany((q) => q.where({ name: jobName }))
  expect(job?.name).toBe(jobName)
  expect(values).toEqual({ jobHandle: job?.handle })
  expect(values.jobHandle).toContain(jobName)

  const active = await read(
    await sendTo(mock, envelope(operationParam('getActiveJobs', { companyHandle: DEMO_CO }))),
  )
  const jobs = items((active.body.getActiveJobsReturn as { jobArray: unknown }).jobArray)
  expect(jobs.map((listed) => listed.jobHandle)).toEqual([values.jobHandle])
})

it('answers the state-change call with the same JSON values over HTTP', async () => {
  server = await startServer({ port: 0, logLevel: 'silent' })
  const jobName = 'a&b <c> | d'
  const response = await fetch(`${new URL(server.url).origin}/__admin/provider-states`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ state: 'a job has run', params: { jobName }, action: 'setup' }),
  })
  expect(response.status).toBe(200)
  const values = (await response.json()) as Record<string, unknown>
  const job = server.mock.store.jobs.findFirst((q) => q.where({ name: jobName }))
  expect(values).toEqual({ jobHandle: job?.handle, assetHandle: 'a|101|1' })
  expect(typeof values.jobHandle).toBe('string')
  expect(values.jobHandle).toBe(`j|101|${jobName}|`)
})
