/**
 * `npm run bench`: throughput, latency, scale and start-up of ips-mock against the machine's raw
 * limit, side by side in one run; writes BENCHMARKS.md. Loopback only; autocannon drives the load.
 * BENCH_SECONDS (default 10) sets the length of each load run.
 */
import { execFileSync } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { cpus, totalmem } from 'node:os'
import autocannon from 'autocannon'
import { activeJobsBody, submitBody } from './bodies.js'
import { inProcess } from './in-process.js'
import { attack } from './attack.js'
import { soak } from './soak.js'
import { startup } from './startup.js'
import { submittedHeap } from './submitted-heap.js'
import { launch, stop, type Target } from './targets.js'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = 50
const root = new URL('../../', import.meta.url)

export interface LoadResult {
  name: string
  requests: number
  p50: number
  p99: number
  non2xx: number
  errors: number
  /** The target's CPU time (user + system) per request answered, in µs. */
  cpuMicros: number
  /** The target's garbage collection pauses per request answered, in µs. */
  gcMicros: number
}

async function load(name: string, target: Target, body: () => string): Promise<LoadResult> {
  const before = await target.cpu()
  const result = await autocannon({
    url: `http://127.0.0.1:${target.port}/scene7/services/IpsApiService`,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=UTF-8', soapaction: '' },
        setupRequest: (request) => ({ ...request, body: body() }),
      },
    ],
  })
  const after = await target.cpu()
  const row = {
    name,
    requests: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    cpuMicros: (after.micros - before.micros) / Math.max(1, after.requests - before.requests),
    gcMicros: (after.gcMicros - before.gcMicros) / Math.max(1, after.requests - before.requests),
  }
  console.log(JSON.stringify(row))
  return row
}

async function submitOnce(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/scene7/services/IpsApiService`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body: submitBody(),
  })
  return /<ns1:jobHandle>([^<]+)</.exec(await response.text())?.[1] as string
}

async function standalone(): Promise<LoadResult[]> {
  const rows: LoadResult[] = []
  const baseline = await launch('baseline')
  rows.push(
    await load('baseline: bare node:http, fixed 400-byte SOAP response', baseline, () =>
      submitBody(),
    ),
  )
  await stop(baseline)

  const spinning = await launch('spin')
  rows.push(
    await load('reference: the same after 50 µs of busy CPU per request', spinning, () =>
      submitBody(),
    ),
  )
  await stop(spinning)

  const fixed = await launch('server-fixed')
  rows.push(
    await load(
      "reference: ips-mock's server with its core replaced by the fixed answer",
      fixed,
      () => submitBody(),
    ),
  )
  await stop(fixed)

  const mock = await launch('mock')
  rows.push(await load('ips-mock submitJob (distinct names)', mock, () => submitBody()))
  rows.push(
    await load('ips-mock fault path (bad password, 10001)', mock, () => submitBody('wrong')),
  )
  const handle = await submitOnce(mock.port)
  rows.push(await load('ips-mock getActiveJobs by jobHandle', mock, () => activeJobsBody(handle)))
  await stop(mock)

  const msw = await launch('msw')
  rows.push(
    await load("reference: submitJob through msw's getResponse on node:http", msw, () =>
      submitBody(),
    ),
  )
  await stop(msw)
  return rows
}

export interface ScaleRow {
  jobs: number
  submit: LoadResult
  lookup: LoadResult
  heapPerJob: number
  preloadMs: number
}

async function scale(): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = []
  for (const jobs of [0, 100_000, 1_000_000]) {
    const target = await launch('mock', jobs)
    const handle = await submitOnce(target.port)
    const submit = await load(`submitJob with ${jobs} stored jobs`, target, () => submitBody())
    const lookup = await load(`getActiveJobs by handle with ${jobs} stored jobs`, target, () =>
      activeJobsBody(handle),
    )
    rows.push({
      jobs,
      submit,
      lookup,
      heapPerJob: target.info.heapPerJob ?? 0,
      preloadMs: target.info.preloadMs ?? 0,
    })
    await stop(target)
  }
  return rows
}

const verdict = (met: boolean) => (met ? 'met' : '**missed**')

/** The issue's targets against this run's figures. */
function targets(run: {
  rows: LoadResult[]
  submitted: { bytesPerJob: number }
  inproc: { mockMicros: number; staticMicros: number }
  scaled: ScaleRow[]
  boot: { median: number }
  hostile: { medianMs: number; heapBeforeMiB: number; heapAfterMiB: number }
  soaked: { driftPercent: number; unrequestedErrors: number }
}): string[] {
  const { base, submit } = standaloneRows(run.rows)
  const none = run.scaled[0] as ScaleRow
  const million = run.scaled.at(-1) as ScaleRow
  const throughput = submit.requests / base.requests
  const inProcess = run.inproc.mockMicros / run.inproc.staticMicros
  const scale = million.submit.requests / none.submit.requests
  const lookups = run.scaled.map((row) => row.lookup.requests / none.lookup.requests)
  const heap = Math.max(million.heapPerJob, run.submitted.bytesPerJob)
  const drift = run.soaked.driftPercent
  return [
    '## Targets',
    '',
    '| target | this run | status |',
    '|---|---|---|',
    `| submitJob ≥ 0.5× the bare baseline's req/s | ${throughput.toFixed(2)}× | ${verdict(throughput >= 0.5)} |`,
    `| submitJob p99 ≤ 10 ms at 50 connections | ${ms(submit.p99)} (bare baseline: ${ms(base.p99)}) | ${verdict(submit.p99 <= 10)} |`,
    `| in-process submitJob ≤ 1.5× a static msw handler | ${inProcess.toFixed(2)}× | ${verdict(inProcess <= 1.5)} |`,
    `| submitJob with 1M stored jobs ≥ 0.9× with none | ${scale.toFixed(2)}× | ${verdict(scale >= 0.9)} |`,
    `| by-handle lookups flat in the number of stored jobs | ${lookups.map((value) => `${value.toFixed(2)}×`).join(' / ')} at ${run.scaled.map((row) => row.jobs.toLocaleString('en-US')).join(' / ')} jobs | ${verdict(lookups.every((value) => value >= 0.8))} (within 20%) |`,
    `| ≤ 2 KB heap per stored job | ${million.heapPerJob.toFixed(0)} B per finished job (1M stored), ${run.submitted.bytesPerJob.toFixed(0)} B per job stored by submitJob | ${verdict(heap <= 2048)} |`,
    `| start-up ≤ 500 ms | ${ms(run.boot.median)} median | ${verdict(run.boot.median <= 500)} |`,
    `| a 1 MB DOCTYPE attack refused in ≤ 50 ms, memory flat | ${ms(run.hostile.medianMs)} median; heap ${run.hostile.heapBeforeMiB.toFixed(1)} → ${run.hostile.heapAfterMiB.toFixed(1)} MiB | ${verdict(run.hostile.medianMs <= 50 && run.hostile.heapAfterMiB <= run.hostile.heapBeforeMiB * 1.1)} |`,
    `| soak: heap within ±10% of the first minute, no unrequested errors | ${drift >= 0 ? '+' : ''}${drift}%, ${run.soaked.unrequestedErrors} errors | ${verdict(Math.abs(drift) <= 10 && run.soaked.unrequestedErrors === 0)} |`,
  ]
}

/** The rows the targets and the explanation read. */
function standaloneRows(rows: LoadResult[]) {
  const find = (prefix: string) => {
    const row = rows.find((candidate) => candidate.name.startsWith(prefix))
    if (!row) throw new Error(`no row "${prefix}"`)
    return row
  }
  return {
    base: find('baseline'),
    spin: find('reference: the same after 50 µs'),
    fixed: find("reference: ips-mock's server"),
    submit: find('ips-mock submitJob'),
    fault: find('ips-mock fault path'),
  }
}

/** What limits the figures: this run's decomposition, and what profiling found. */
function limits(rows: LoadResult[], core: number, scaled: ScaleRow[]): string[] {
  const { base, spin, fixed, submit, fault } = standaloneRows(rows)
  const none = scaled[0] as ScaleRow
  const most = scaled.at(-1) as ScaleRow
  const gc = (row: ScaleRow) => `${row.submit.gcMicros.toFixed(0)} µs`
  const micros = (row: LoadResult) => `${row.cpuMicros.toFixed(0)} µs`
  return [
    '## What limits submitJob',
    '',
    `The load generator and the target share the machine's two cores, so a request's cost shows best as the target's CPU time per request (user + system, the last column). The bare baseline spends ${micros(base)} per request. ips-mock's server with its core replaced by the same fixed answer spends ${micros(fixed)} (${ratio(fixed.requests, base.requests)} the baseline's throughput): the server's HTTP path (reading the body, routing, writing the answer) is not what limits it. The core is: submitJob takes ${micros(submit)} per request (${ratio(submit.requests, base.requests)}), the fault path ${micros(fault)} (${ratio(fault.requests, base.requests)}).`,
    '',
    `What 0.5× would take: the reference server that burns 50 µs of CPU per request and does nothing else reaches ${ratio(spin.requests, base.requests)} of the baseline at ${micros(spin)} per request; every microsecond of work costs more than one under this load (fewer requests share each wake-up and each write). On the core alone, one after another, a submitJob takes ${core.toFixed(0)} µs of CPU: parse and check the envelope and the job's elements against the schema, authenticate and authorise, claim a unique name, store the record in @msw/data, queue the run's first event, write the answer, keep the journal entry. ${spin.requests / base.requests < 0.5 && core >= 45 ? 'That is about as much work as the reference does, and the reference is below 0.5× itself: 0.5× the bare baseline is out of reach for a mock that does this work on one event loop, short of leaving out part of what makes it a faithful IPS.' : `The reference is at or above 0.5×, so a server doing this much work can get there; ips-mock spends ${(submit.cpuMicros - fixed.cpuMicros - core).toFixed(0)} µs per submit beyond its HTTP path and its core work, and that is where the gap is (see the profile below).`}`,
    '',
    "Profiling (`node --cpu-prof`) found and removed earlier costs: XML parsing (176 µs with fast-xml-parser, about 30 µs with ips-mock's own parser), Fetch `Request`/`Response` objects in the server path (about 50 µs, gone since the server calls the core's raw entry point), the request body kept alive by every stored job (strings cut from the body are slices of it in V8; stored values are copied now: 2.8 KB → 1.8 KB per submitted job), and a second `writev` per response for Buffer bodies.",
    '',
    "A profile of the loaded server taken on 2026-11-23 (sampling during the load only) shows where the rest goes: 22% of the samples in the kernel's `writev` (on loopback the sender also pays for delivering to, and waking, the load generator, which a slower server leaves idle more often: the same effect makes the 50 µs reference cost far more than 50 µs above the baseline), 12% in @msw/data's `create` (it sanitises and copies every record, then runs its schema), 5% in garbage collection, and the rest spread over parsing, validation, the engine and the journal, none above 5%.",
    '',
    `With ${most.jobs.toLocaleString('en-US')} stored jobs (about ${((most.heapPerJob * most.jobs) / 2 ** 30).toFixed(1)} GiB of records) a submit costs ${micros(most.submit)} of CPU instead of ${micros(none.submit)} with none, and the main thread's garbage collection pauses ${gc(most)} per submit instead of ${gc(none)}: every submit adds a record that stays, and with a heap that size the collector's work on it is what grows. Lookups by handle stay flat (Map indexes beside the @msw/data collections).`,
    '',
    `The p99 target follows from throughput: with ${CONNECTIONS} connections each waiting for its answer before sending again, a request waits behind the others, and the mean latency is ${CONNECTIONS} / req/s (Little's law): ${ms((CONNECTIONS / submit.requests) * 1000)} for submitJob in this run, with its p99 at ${ms(submit.p99)}. A p99 of 10 ms at ${CONNECTIONS} connections needs roughly ${((CONNECTIONS / 5) * 1000).toLocaleString('en-US')} req/s, the throughput target again. The bare baseline's own p99 was ${ms(base.p99)} in this run and ranges from 4 to 25 ms between runs on these machines; figures move by 10–50% between runs, so ratios are taken within one run.`,
  ]
}

const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : `${(a / b).toFixed(2)}×`)
const ms = (value: number) => `${value.toFixed(1)} ms`

async function main(): Promise<void> {
  const started = new Date()
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' })
  const rows = await standalone()
  const { base } = standaloneRows(rows)
  const inproc = await inProcess()
  const submitted = await submittedHeap()
  const scaled = await scale()
  const boot = await startup()
  const hostile = await attack()
  const soaked = await soak()
  const none = scaled[0] as ScaleRow
  const lines = [
    '# ips-mock benchmarks',
    '',
    `Run: ${started.toISOString()} · Node ${process.version} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    '',
    `Command: \`npm run bench\` (BENCH_SECONDS=${SECONDS}). Load: autocannon, ${CONNECTIONS} connections, ${SECONDS} s per row, loopback, the target in its own process. The mock runs with a controlled clock (\`startTime\`), so submitted jobs stay \`New\` and the figures measure the request path, not job runs finishing in the background.`,
    '',
    '## Standalone server',
    '',
    '| target | req/s | p50 | p99 | ratio to baseline | non-2xx | errors | target CPU per request |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (row) =>
        `| ${row.name} | ${row.requests.toFixed(0)} | ${ms(row.p50)} | ${ms(row.p99)} | ${ratio(row.requests, base.requests)} | ${row.non2xx} | ${row.errors} | ${row.cpuMicros.toFixed(0)} µs |`,
    ),
    '',
    'The fault path answers HTTP 500 by design, hence its non-2xx count.',
    '',
    '## In-process (msw `setupServer`, `fetch`)',
    '',
    '| case | µs per call | ratio |',
    '|---|---|---|',
    `| static msw handler returning the same bytes | ${inproc.staticMicros.toFixed(1)} | 1.00× |`,
    `| ips-mock submitJob | ${inproc.mockMicros.toFixed(1)} | ${ratio(inproc.mockMicros, inproc.staticMicros)} |`,
    '',
    `(${inproc.calls} sequential calls each, after ${inproc.warmup} warm-up calls.)`,
    '',
    '## Scale',
    '',
    '| stored jobs | submitJob req/s | ratio to 0 jobs | p99 | CPU / GC pauses per submit | getActiveJobs by handle req/s | ratio to 0 jobs | p99 | heap per stored job | preload time |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...scaled.map(
      (row) =>
        `| ${row.jobs.toLocaleString('en-US')} | ${row.submit.requests.toFixed(0)} | ${ratio(row.submit.requests, none.submit.requests)} | ${ms(row.submit.p99)} | ${row.submit.cpuMicros.toFixed(0)} µs / ${row.submit.gcMicros.toFixed(0)} µs | ${row.lookup.requests.toFixed(0)} | ${ratio(row.lookup.requests, none.lookup.requests)} | ${ms(row.lookup.p99)} | ${row.jobs ? `${row.heapPerJob.toFixed(0)} B` : '-'} | ${row.jobs ? `${(row.preloadMs / 1000).toFixed(1)} s` : '-'} |`,
    ),
    '',
    `Stored jobs are preloaded as finished UploadUrlsJobs straight into the store. A job stored through submitJob (still waiting to run, its first event queued) takes ${submitted.bytesPerJob.toFixed(0)} B of heap: measured over ${submitted.count.toLocaleString('en-US')} submits through the core with the journal off (the journal is bounded: 10,000 entries by default).`,
    '',
    '## Start-up',
    '',
    `From spawning \`node dist/cli/ips-mock.js serve --port 0\` to the first successful submitJob: median ${ms(boot.median)} over ${boot.runs} runs (min ${ms(boot.min)}, max ${ms(boot.max)}).`,
    '',
    '## A 1 MB DOCTYPE attack',
    '',
    `Refused with ipsApiFault 30003 in-process: median ${ms(hostile.medianMs)}, max ${ms(hostile.maxMs)} over 200 bodies of ${(hostile.bodyBytes / 2 ** 20).toFixed(1)} MiB; heap after a full collection ${hostile.heapBeforeMiB.toFixed(1)} MiB before and ${hostile.heapAfterMiB.toFixed(1)} MiB after them.`,
    '',
    '## Soak',
    '',
    `${soaked.minutes} minutes of mixed traffic (20 connections: scheduled submitJob then deleteJob, getActiveJobs, getScheduledJobs, checkLogin, getCompanyInfo, a wrong password, broken XML), jobs running on the system clock: ${soaked.requests.toLocaleString('en-US')} requests, ${soaked.requestedFaults.toLocaleString('en-US')} requested faults, ${soaked.unrequestedErrors} unrequested errors.`,
    '',
    `Heap after a full collection at the end of each minute: ${soaked.heapMiB.map((mib) => `${mib} MiB`).join(', ')} (last minute ${soaked.driftPercent >= 0 ? '+' : ''}${soaked.driftPercent}% against the first).`,
    '',
    ...targets({ rows, submitted, inproc, scaled, boot, hostile, soaked }),
    '',
    ...limits(rows, submitted.cpuMicrosPerSubmit, scaled),
  ]
  await writeFile(new URL('BENCHMARKS.md', root), `${lines.join('\n')}\n`)
  console.log(lines.join('\n'))
}

await main()
