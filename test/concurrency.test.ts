import { Agent, request } from 'node:http'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../src/server.js'
import { DEMO_CO, envelope, operationParam, submitJobRequest } from './support/requests.js'

let server: RunningServer
const agent = new Agent({ keepAlive: true, maxSockets: 100 })
beforeAll(async () => {
  server = await startServer({ port: 0, logLevel: 'silent', startTime: '2030-01-01T00:00:00Z' })
})
afterAll(async () => {
  agent.destroy()
  await server.close()
})

function post(body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      server.serviceUrl,
      { method: 'POST', agent, headers: { 'content-type': 'text/xml' } },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          text += chunk
        })
        res.on('end', () => resolve(text))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** Runs `count` tasks with at most `width` in flight. */
async function pool<T>(
  count: number,
  width: number,
  task: (index: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array(count)
  let next = 0
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const index = next++
        results[index] = await task(index)
      }
    }),
  )
  return results
}

const handleOf = (xml: string) => /<ns1:jobHandle>([^<]+)</.exec(xml)?.[1]

it('gives 10,000 concurrent submits over 100 connections 10,000 distinct, stored handles', async () => {
  // Half the submits share one name: IPS-style uniqueness must hold under concurrency.
  const answers = await pool(10_000, 100, (index) =>
    post(
      submitJobRequest('optimizeImagesJob', 'minimal', {
        jobName: index % 2 ? 'shared' : `job ${index}`,
      }),
    ),
  )
  const handles = answers.map(handleOf)
  expect(handles.filter((handle) => handle === undefined)).toEqual([])
  expect(new Set(handles).size).toBe(10_000)
  for (const handle of handles) expect(server.mock.store.job(handle as string)?.handle).toBe(handle)
  const names = server.mock.store.jobs.all().map((job) => job.name)
  expect(new Set(names).size).toBe(names.length)
  expect(names.filter((name) => name === 'shared' || name.startsWith('shared_'))).toHaveLength(5000)
}, 120_000)

it('keeps the store consistent under interleaved submit, stop and delete', async () => {
  await server.mock.reset()
  const scheduled = await pool(300, 50, (index) =>
    post(
      submitJobRequest('optimizeImagesJob', 'minimal', {
        jobName: `later ${index}`,
        execTime: '2031-01-01T00:00:00Z',
      }),
    ),
  )
  const running = await pool(300, 50, (index) =>
    post(submitJobRequest('optimizeImagesJob', 'minimal', { jobName: `now ${index}` })),
  )
  server.mock.clock.advance('1s')
  const control = (operation: string, handle: string) =>
    post(envelope(operationParam(operation, { companyHandle: DEMO_CO, jobHandle: handle })))
  const mixed = await pool(900, 60, (index) => {
    const slot = Math.floor(index / 3)
    if (index % 3 === 0) return control('deleteJob', handleOf(scheduled[slot] as string) as string)
    if (index % 3 === 1) return control('stopJob', handleOf(running[slot] as string) as string)
    return post(submitJobRequest('optimizeImagesJob', 'minimal', { jobName: `extra ${slot}` }))
  })
  expect(mixed.filter((xml) => xml.includes('Fault'))).toEqual([])
  await server.mock.runUntilIdle()
  const jobs = server.mock.store.jobs.all()
  expect(jobs.filter((job) => job.name.startsWith('later'))).toEqual([])
  expect(
    jobs.filter((job) => job.name.startsWith('now')).every((job) => job.state === 'Done'),
  ).toBe(true)
  expect(jobs.filter((job) => job.name.startsWith('extra'))).toHaveLength(300)
  for (const job of jobs) expect(server.mock.store.job(job.handle)).toBe(job)
  expect(server.mock.store.jobLogs.count()).toBe(600)
}, 120_000)
