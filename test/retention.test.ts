import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { expect, it } from 'vitest'
import { createIpsMock } from '../src/index.js'
import { detach } from '../src/utils/internal/detach.js'
import { finishedJob } from '../scripts/bench/core.js'
import { submitJobRequest } from './support/requests.js'

setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

function heapAfterCollection(): number {
  collectGarbage()
  collectGarbage()
  return process.memoryUsage().heapUsed
}

it('keeps no request body alive through the jobs it stores', async () => {
  const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z', journalCapacity: 0 })
  await mock.ready
  const count = 20
  const padding = `<!--${'x'.repeat(1024 * 1024)}-->`
  const before = heapAfterCollection()
  for (let index = 0; index < count; index++) {
    // Every stored string is 13 characters or longer, so V8 would keep it as a slice of the body.
    const body = submitJobRequest('uploadUrlsJob', 'full', {
      jobName: `a job with a long name ${index}`,
      description: 'a description long enough to be sliced',
    }).replace('<soapenv:Body>', `${padding}<soapenv:Body>`)
    const response = await mock.handle(
      new Request('http://ips.test/scene7/services/IpsApiService', {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        body,
      }),
    )
    expect(response.status).toBe(200)
  }
  expect(mock.store.jobCount).toBe(count)
  // Twenty 1 MiB bodies kept alive would add at least 20 MiB (40 MiB as UTF-16 text).
  expect(heapAfterCollection() - before).toBeLessThan(4 * 1024 * 1024)
})

it('copies stored request values whole, INF and NaN included', () => {
  const value = {
    name: 'a name long enough to be a slice',
    tolerance: Infinity,
    items: [{ amount: -Infinity }, { amount: Number.NaN }, { amount: 0.5 }],
    flags: [true, false],
  }
  const copy = detach(value)
  expect(copy).toEqual(value)
  expect(copy).not.toBe(value)
  expect(copy.items[0]).not.toBe(value.items[0])
  expect(detach({ plain: 'x', count: 3, nested: { on: true } })).toEqual({
    plain: 'x',
    count: 3,
    nested: { on: true },
  })
  expect(detach('a job with a long name')).toBe('a job with a long name')
})

it("stores a finished job in well under 10 KB of heap (the exact figure is npm run bench's)", async () => {
  const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z', journalCapacity: 0 })
  await mock.ready
  const count = 20_000
  // WeakRefs held by earlier tests' requests let go only after the current job: wait a turn.
  await new Promise((resolve) => setTimeout(resolve, 10))
  const before = heapAfterCollection()
  for (let index = 0; index < count; index++) {
    const job = finishedJob(index)
    mock.store.claimJobName('c|101', job.name)
    await mock.store.addJob(job)
  }
  // An order of magnitude only: a leak (a request body, a log array copied per job) shows as tens
  // of KB a job. The measured heap per finished job, and its target, are in BENCHMARKS.md.
  expect(mock.store.jobCount).toBe(count)
  const perJob = (heapAfterCollection() - before) / count
  expect(perJob).toBeLessThan(10_000)
})
