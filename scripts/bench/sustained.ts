/**
 * The headline: the default server (the built CLI, jobs running on the system clock) under
 * sustained submitJob at 50 connections, BENCH_SUSTAIN_S seconds (default 600) in 10-s windows:
 * req/s, p99, the longest wait of a separate probe client, the server's RSS; then every
 * submitted job must reach Done.
 */
import { companyJobsBody, submitBody } from './bodies.js'
import { CONNECTIONS, load, ms, type SectionResult } from './load.js'
import { Progress } from './progress.js'
import { rss, serveCli, startProbe, stop, type Target } from './targets.js'

const SUSTAIN_S = Number(process.env.BENCH_SUSTAIN_S ?? 600)
const WINDOW_S = 10
/** The CLI's default `--retain-jobs`. */
const RETAIN = 100_000

export interface Window {
  requests: number
  perSecond: number
  p99: number
  non2xx: number
  errors: number
  longestWaitMs: number
  rssMiB: number
}

export interface Sustained {
  windows: Window[]
  submitted: number
  done: number
  retained: number
  notDone: number
  drainMs: number
}

async function post(target: Target, body: string): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${target.port}/scene7/services/IpsApiService`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body,
  })
  return response.text()
}

/** Waits until the company has no job left that is not Done; then counts the jobs by state. */
async function drain(target: Target) {
  const started = performance.now()
  while (/<ns1:items>/.test(await post(target, companyJobsBody(true)))) {
    if (performance.now() - started > 120_000) break
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  const drainMs = performance.now() - started
  const response = await fetch(
    `http://127.0.0.1:${target.port}/__admin/jobs?companyHandle=${encodeURIComponent('c|101')}`,
  )
  const jobs = (await response.json()) as Array<{ state: string }>
  const done = jobs.filter((job) => job.state === 'Done').length
  return { drainMs, retained: jobs.length, done, notDone: jobs.length - done }
}

export async function sustained(seconds = SUSTAIN_S): Promise<Sustained> {
  const target = await serveCli()
  const pid = target.child.pid as number
  const probe = startProbe(target.port)
  const windows: Window[] = []
  const count = Math.max(1, Math.round(seconds / WINDOW_S))
  const progress = new Progress('sustained submitJob', count)
  await probe.read()
  for (let index = 0; index < count; index++) {
    const result = await load(target.port, () => submitBody(), WINDOW_S)
    const { longestMs } = await probe.read()
    const window: Window = {
      requests: result.requests.total,
      perSecond: result.requests.total / result.duration,
      p99: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
      longestWaitMs: longestMs,
      rssMiB: rss(pid) / 2 ** 20,
    }
    windows.push(window)
    progress.step(
      `${window.perSecond.toFixed(0)} req/s, p99 ${ms(window.p99)}, probe ${ms(longestMs)}, RSS ${window.rssMiB.toFixed(0)} MiB`,
    )
  }
  probe.stop()
  const submitted = windows.reduce((sum, one) => sum + one.requests - one.non2xx, 0)
  const counts = await drain(target)
  await stop(target)
  const summary = { windows, submitted, ...counts }
  console.log(JSON.stringify({ ...summary, windows: undefined }))
  return summary
}

/** The sustained run as a section of BENCHMARKS.md with its targets. */
export async function sustainedSection(): Promise<SectionResult> {
  const run = await sustained()
  const first = run.windows[0] as Window
  const lowest = Math.min(...run.windows.map((one) => one.perSecond / first.perSecond))
  const longest = Math.max(...run.windows.map((one) => one.longestWaitMs))
  const p99 = Math.max(...run.windows.map((one) => one.p99))
  // The retention limit is reached once RETAIN jobs have been submitted (and finished a few
  // seconds later): RSS is read from the second window after that one on.
  let total = 0
  const reached = run.windows.findIndex((one) => (total += one.requests) >= RETAIN)
  const settled = reached === -1 ? [] : run.windows.slice(reached + 2)
  const rssFrom = settled[0]?.rssMiB ?? Number.NaN
  const rssMax = Math.max(...settled.map((one) => one.rssMiB))
  const growth = (rssMax / rssFrom - 1) * 100
  // autocannon counts the answers it read; the server also stored the submits in flight when a
  // window ended (up to one per connection per window), so it holds a few more than counted.
  const allDone = run.notDone === 0 && run.done >= Math.min(run.submitted, RETAIN)
  const lines = [
    '## Headline: the default server, jobs running, sustained submitJob',
    '',
    `\`ips-mock serve\` (the built CLI, default options: system clock, demo seed, request log at info written to a file, retain-jobs ${RETAIN.toLocaleString('en-US')}), submitJob with distinct names at ${CONNECTIONS} connections for ${run.windows.length * WINDOW_S} s in ${WINDOW_S}-s windows. Every job runs on the system clock to Done. "Probe wait" is the longest a separate client (its own process, a GET of the admin clock every 20 ms) waited for an answer in the window: an upper bound of the server's event-loop stalls, queueing behind the load included.`,
    '',
    '| window | req/s | ratio to first | p99 | probe wait (longest) | non-2xx | errors | server RSS |',
    '|---|---|---|---|---|---|---|---|',
    ...run.windows.map(
      (one, index) =>
        `| ${index * WINDOW_S}–${(index + 1) * WINDOW_S} s | ${one.perSecond.toFixed(0)} | ${(one.perSecond / first.perSecond).toFixed(2)}× | ${ms(one.p99)} | ${ms(one.longestWaitMs)} | ${one.non2xx} | ${one.errors} | ${one.rssMiB.toFixed(0)} MiB |`,
    ),
    '',
    `Submitted (answered 200): ${run.submitted.toLocaleString('en-US')}. After the load the company had no job left that was not Done within ${(run.drainMs / 1000).toFixed(1)} s; the store then held ${run.retained.toLocaleString('en-US')} of its jobs (a few more than counted: a submit in flight when a window ends is stored but not counted by the load generator), ${run.done.toLocaleString('en-US')} Done and ${run.notDone} in another state (the oldest finished runs beyond ${RETAIN.toLocaleString('en-US')} are evicted, so every job not held is one that finished).`,
  ]
  return {
    lines,
    targets: [
      {
        target: 'sustained: every 10-s window ≥ 0.9× the first',
        measured: `lowest ${lowest.toFixed(2)}×`,
        met: lowest >= 0.9,
      },
      {
        target: 'sustained: longest event-loop stall (probe wait) ≤ 50 ms',
        measured: ms(longest),
        met: longest <= 50,
      },
      { target: 'sustained: p99 ≤ 25 ms', measured: `worst window ${ms(p99)}`, met: p99 <= 25 },
      {
        target: 'sustained: 100% of jobs Done',
        measured: `${run.notDone} not Done, ${run.done.toLocaleString('en-US')} Done of ${run.retained.toLocaleString('en-US')} held, ${run.submitted.toLocaleString('en-US')} submitted`,
        met: allDone,
      },
      {
        target: 'sustained: RSS flat once the retention limit is reached',
        measured: Number.isFinite(growth)
          ? `${rssFrom.toFixed(0)} → at most ${rssMax.toFixed(0)} MiB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)}%)`
          : 'limit not reached in this run',
        met: Number.isFinite(growth) && growth <= 10,
      },
    ],
  }
}
