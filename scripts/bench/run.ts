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
import { launch, stop } from './targets.js'

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
}

async function load(name: string, port: number, body: () => string): Promise<LoadResult> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/scene7/services/IpsApiService`,
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
  const row = {
    name,
    requests: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
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
    await load('baseline: bare node:http, fixed 400-byte SOAP response', baseline.port, () =>
      submitBody(),
    ),
  )
  await stop(baseline)

  const mock = await launch('mock')
  rows.push(await load('ips-mock submitJob (distinct names)', mock.port, () => submitBody()))
  rows.push(
    await load('ips-mock fault path (bad password, 10001)', mock.port, () => submitBody('wrong')),
  )
  const handle = await submitOnce(mock.port)
  rows.push(
    await load('ips-mock getActiveJobs by jobHandle', mock.port, () => activeJobsBody(handle)),
  )
  await stop(mock)

  const msw = await launch('msw')
  rows.push(
    await load("reference: submitJob through msw's getResponse on node:http", msw.port, () =>
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
    const submit = await load(`submitJob with ${jobs} stored jobs`, target.port, () => submitBody())
    const lookup = await load(`getActiveJobs by handle with ${jobs} stored jobs`, target.port, () =>
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
  inproc: { mockMicros: number; staticMicros: number }
  scaled: ScaleRow[]
  boot: { median: number }
  hostile: { medianMs: number; heapBeforeMiB: number; heapAfterMiB: number }
  soaked: { driftPercent: number; unrequestedErrors: number }
}): string[] {
  const [base, submit] = run.rows as [LoadResult, LoadResult]
  const none = run.scaled[0] as ScaleRow
  const million = run.scaled.at(-1) as ScaleRow
  const throughput = submit.requests / base.requests
  const inProcess = run.inproc.mockMicros / run.inproc.staticMicros
  const scale = million.submit.requests / none.submit.requests
  const lookups = run.scaled.map((row) => row.lookup.requests / none.lookup.requests)
  const heap = million.heapPerJob
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
    `| ≤ 2 KB heap per stored job | ${heap.toFixed(0)} B | ${verdict(heap <= 2048)} |`,
    `| start-up ≤ 500 ms | ${ms(run.boot.median)} median | ${verdict(run.boot.median <= 500)} |`,
    `| a 1 MB DOCTYPE attack refused in ≤ 50 ms, memory flat | ${ms(run.hostile.medianMs)} median; heap ${run.hostile.heapBeforeMiB.toFixed(1)} → ${run.hostile.heapAfterMiB.toFixed(1)} MiB | ${verdict(run.hostile.medianMs <= 50 && run.hostile.heapAfterMiB <= run.hostile.heapBeforeMiB * 1.1)} |`,
    `| soak: heap within ±10% of the first minute, no unrequested errors | ${drift >= 0 ? '+' : ''}${drift}%, ${run.soaked.unrequestedErrors} errors | ${verdict(Math.abs(drift) <= 10 && run.soaked.unrequestedErrors === 0)} |`,
  ]
}

/** What limits the figures, from profiling (`node --cpu-prof`); kept with every run. */
const limits = [
  '## What limits submitJob',
  '',
  "Measured with `node --cpu-prof` on the core alone (no HTTP): about 100 µs per submit against about 35 µs for the fault path. The difference is storing the job: @msw/data's `create` sanitises and copies the record and runs the zod schema (about a quarter of a submit), the engine queues the run's first event, and the unique-name index grows. XML parsing was the largest cost (176 µs with fast-xml-parser) until ips-mock got its own parser (about 30 µs), and Fetch `Request`/`Response` objects in the server path cost another 50 µs until the server started calling the core's raw entry point. Under load about a fifth of the server's time goes to writing responses (`writev`), as it does for the baseline.",
  '',
  "The p99 target is below what these machines give a server that does nothing: with autocannon and the target sharing two cores, the bare node:http baseline's own p99 varies from 6 to 25 ms between runs. Figures move by 10–50% between runs on these machines; ratios are taken within one run.",
]

const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : `${(a / b).toFixed(2)}×`)
const ms = (value: number) => `${value.toFixed(1)} ms`

async function main(): Promise<void> {
  const started = new Date()
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' })
  const rows = await standalone()
  const base = rows[0] as LoadResult
  const inproc = await inProcess()
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
    '| target | req/s | p50 | p99 | ratio to baseline | non-2xx | errors |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (row) =>
        `| ${row.name} | ${row.requests.toFixed(0)} | ${ms(row.p50)} | ${ms(row.p99)} | ${ratio(row.requests, base.requests)} | ${row.non2xx} | ${row.errors} |`,
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
    '| stored jobs | submitJob req/s | ratio to 0 jobs | p99 | getActiveJobs by handle req/s | ratio to 0 jobs | p99 | heap per stored job | preload time |',
    '|---|---|---|---|---|---|---|---|---|',
    ...scaled.map(
      (row) =>
        `| ${row.jobs.toLocaleString('en-US')} | ${row.submit.requests.toFixed(0)} | ${ratio(row.submit.requests, none.submit.requests)} | ${ms(row.submit.p99)} | ${row.lookup.requests.toFixed(0)} | ${ratio(row.lookup.requests, none.lookup.requests)} | ${ms(row.lookup.p99)} | ${row.jobs ? `${row.heapPerJob.toFixed(0)} B` : '-'} | ${row.jobs ? `${(row.preloadMs / 1000).toFixed(1)} s` : '-'} |`,
    ),
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
    ...targets({ rows, inproc, scaled, boot, hostile, soaked }),
    '',
    ...limits,
  ]
  await writeFile(new URL('BENCHMARKS.md', root), `${lines.join('\n')}\n`)
  console.log(lines.join('\n'))
}

await main()
