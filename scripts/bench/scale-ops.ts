/**
 * In-process scale rows: with 0, 100k and 1M finished jobs (with their logs) stored, the cost of
 * a job state change, reset, getActiveJobs by company, getJobLogs (default order, numRows 100)
 * and deleteJob; the engine's throughput (jobs finished per second with 100k stored) and the heap
 * per finished job with its log. Each call goes through the mock's core, as the server calls it.
 */
import { storeOf } from '../../src/mock/create-ips-mock.js'
import { createIpsMock, type IpsMock } from '../../src/index.js'
import { JobLogRecord } from '../../src/engine/job-log.js'
import { noScenario, runSeed } from '../../src/engine/run-plan.js'
import {
  companyJobsBody,
  deleteJobBody,
  jobLogsBody,
  scheduledSubmitBody,
  submitBody,
} from './bodies.js'
import { coreCaller, finishedJob, heapAfterCollection } from './core.js'
import type { SectionResult } from './load.js'
import { Progress } from './progress.js'

const START = '2030-01-01T00:00:00Z'

export interface ScaleOpsRow {
  jobs: number
  /** µs per job state change (New → Running), processed by the engine. */
  stateChangeMicros: number
  resetMs: number
  activeByCompanyMicros: number
  jobLogsMicros: number
  deleteJobMicros: number
}

export interface EngineFigures {
  stored: number
  jobs: number
  /** Jobs taken from New to Done (start, finish, log) per second. */
  jobsPerSecond: number
  /** Heap per finished job with its log, after a full collection. */
  heapPerJob: number
}

/** Stores `count` finished UploadUrlsJobs with their logs straight into the store. */
export function preloadFinished(mock: IpsMock, count: number): void {
  const store = storeOf(mock)
  for (let index = 0; index < count; index++) {
    const job = finishedJob(index, store.claimJobName('c|101', `preloaded job ${index}`))
    store.addJob(job)
    const start = Date.parse(job.startDate as string)
    const end = Date.parse(job.endDate as string)
    const run = {
      job,
      outcome: noScenario,
      seed: runSeed(7, job.handle),
      total: 1,
      processed: 1,
      start,
      end,
      stopped: false,
    }
    store.addJobLog(new JobLogRecord(run, job.startDate as string, job.endDate as string))
  }
}

async function mean(calls: number, call: () => Promise<unknown>): Promise<number> {
  for (let index = 0; index < Math.min(200, calls); index++) await call()
  const started = performance.now()
  for (let index = 0; index < calls; index++) await call()
  return ((performance.now() - started) * 1000) / calls
}

async function submitMany(
  mock: IpsMock,
  count: number,
  body = () => submitBody(),
): Promise<string[]> {
  const call = coreCaller(mock)
  const handles: string[] = []
  for (let index = 0; index < count; index++) {
    const answer = await call(body())
    handles.push(/<ns1:jobHandle>([^<]+)</.exec(String(answer.body))?.[1] as string)
  }
  return handles
}

/** A mock on a controlled clock, retention and journal off, holding `count` finished jobs. */
async function storedMock(count: number): Promise<IpsMock> {
  const mock = createIpsMock({
    startTime: START,
    retainJobs: Number.POSITIVE_INFINITY,
    journalCapacity: 0,
  })
  await mock.ready
  preloadFinished(mock, count)
  return mock
}

/** One scale row: `count` finished jobs stored. */
async function row(count: number): Promise<ScaleOpsRow> {
  const mock = await storedMock(count)
  const call = coreCaller(mock)
  // State changes: 5,000 jobs go New → Running in one engine pass, then run to Done.
  await submitMany(mock, 5000)
  mock.clock.advance('1s')
  let started = performance.now()
  await mock.settle()
  const stateChangeMicros = ((performance.now() - started) * 1000) / 5000
  mock.clock.advance('1h')
  await mock.settle()
  // A few jobs running, as on a busy server: getActiveJobs by company lists them.
  await submitMany(mock, 10)
  const activeByCompanyMicros = await mean(200, () => call(companyJobsBody()))
  const jobLogsMicros = await mean(2000, () => call(jobLogsBody(100)))
  const scheduled = await submitMany(mock, 2200, () => scheduledSubmitBody())
  let next = 0
  const deleteJobMicros = await mean(2000, () => call(deleteJobBody(scheduled[next++] as string)))
  started = performance.now()
  await mock.reset()
  const resetMs = performance.now() - started
  return {
    jobs: count,
    stateChangeMicros,
    resetMs,
    activeByCompanyMicros,
    jobLogsMicros,
    deleteJobMicros,
  }
}

/** Jobs per second the engine takes to Done with `stored` finished jobs stored, and heap per job. */
export async function engineFigures(stored = 100_000, jobs = 20_000): Promise<EngineFigures> {
  const mock = await storedMock(stored)
  await submitMany(mock, jobs)
  mock.clock.advance('1h')
  const started = performance.now()
  await mock.settle()
  const seconds = (performance.now() - started) / 1000
  const done = mock.store.jobs.findMany((q) => q.where({ state: 'Done' })).length
  if (done !== stored + jobs) throw new Error(`only ${done - stored} of ${jobs} jobs are Done`)
  // Heap per finished job with its log: a second batch, measured after full collections.
  const before = heapAfterCollection()
  await submitMany(mock, jobs)
  mock.clock.advance('1h')
  await mock.settle()
  const heapPerJob = (heapAfterCollection() - before) / jobs
  return { stored, jobs, jobsPerSecond: jobs / seconds, heapPerJob }
}

export async function scaleOps(counts = [0, 100_000, 1_000_000]): Promise<{
  rows: ScaleOpsRow[]
  engine: EngineFigures
}> {
  const progress = new Progress('scale rows', counts.length + 1)
  const rows: ScaleOpsRow[] = []
  for (const count of counts) {
    rows.push(await row(count))
    progress.step(JSON.stringify(rows.at(-1)))
  }
  const engine = await engineFigures()
  progress.step(JSON.stringify(engine))
  return { rows, engine }
}

const COLUMNS = [
  ['a job state change (New → Running, by the engine)', 'stateChangeMicros', 'µs'],
  ['reset()', 'resetMs', 'ms'],
  ['getActiveJobs by company (10 active)', 'activeByCompanyMicros', 'µs'],
  ['getJobLogs (default order, numRows 100)', 'jobLogsMicros', 'µs'],
  ['deleteJob (a scheduled job)', 'deleteJobMicros', 'µs'],
] as const

export async function scaleOpsSection(): Promise<SectionResult> {
  const { rows, engine } = await scaleOps()
  const none = rows[0] as ScaleOpsRow
  const most = rows.at(-1) as ScaleOpsRow
  const count = (jobs: number) => jobs.toLocaleString('en-US')
  const lines = [
    '## Scale: stored finished jobs, in-process',
    '',
    `Each row: a mock (controlled clock, retention off, journal off) holding that many finished UploadUrlsJobs with their job logs, all of the demo company; each call goes through the mock's core as the server calls it (no HTTP). Mean time per call; the state change is 5,000 submitted jobs taken New → Running in one engine pass; deleteJob deletes scheduled jobs; getActiveJobs lists the company with 10 jobs active.`,
    '',
    `| operation | ${rows.map((row) => `${count(row.jobs)} stored`).join(' | ')} | ${count(most.jobs)} / 0 |`,
    `|---|${rows.map(() => '---|').join('')}---|`,
    ...COLUMNS.map(
      ([label, key, unit]) =>
        `| ${label} | ${rows.map((row) => `${row[key].toFixed(unit === 'ms' ? 2 : 1)} ${unit}`).join(' | ')} | ${(most[key] / none[key]).toFixed(2)}× |`,
    ),
    '',
    `Engine: ${count(engine.jobs)} jobs submitted on a frozen clock beside ${count(engine.stored)} stored finished jobs, the clock moved past their end, then timed until all are Done (started, finished, job log written): ${count(Math.round(engine.jobsPerSecond))} jobs/s. Heap per finished job with its job log, after full collections: ${engine.heapPerJob.toFixed(0)} B.`,
  ]
  const slowest = COLUMNS.filter(([, key]) => key !== 'resetMs').map(
    ([label, key]) => [label, most[key] / none[key]] as const,
  )
  const worst = slowest.reduce((a, b) => (b[1] > a[1] ? b : a))
  return {
    lines,
    targets: [
      {
        target: 'scale: each row at 1M stored ≤ 1.1× its time at 0',
        measured: `worst: ${worst[0]} ${worst[1].toFixed(2)}×`,
        met: slowest.every(([, value]) => value <= 1.1),
      },
      {
        target: 'scale: reset ≤ 50 ms at 1M stored',
        measured: `${most.resetMs.toFixed(2)} ms`,
        met: most.resetMs <= 50,
      },
      {
        target: 'engine ≥ 20,000 jobs/s with 100k stored',
        measured: `${count(Math.round(engine.jobsPerSecond))} jobs/s`,
        met: engine.jobsPerSecond >= 20_000,
      },
      {
        target: 'heap per finished job with its logs ≤ 2 KB',
        measured: `${engine.heapPerJob.toFixed(0)} B`,
        met: engine.heapPerJob <= 2048,
      },
    ],
  }
}

if (process.argv[1]?.endsWith('scale-ops.ts')) await scaleOps()
