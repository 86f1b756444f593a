/**
 * Load rows driven by autocannon, taken in turns so the machine's drift weighs on every row alike:
 * the ratios between rows of one table are taken side by side.
 */
import autocannon from 'autocannon'
import type { CpuSample, Target } from './targets.js'

export const CONNECTIONS = 50
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)

export interface LoadResult {
  name: string
  requests: number
  p50: number
  p99: number
  non2xx: number
  errors: number
  /** The target's CPU time (user + system) per request answered, in µs. */
  cpuMicros: number
  /** The target's garbage collection pauses per request answered, in µs (NaN if not reported). */
  gcMicros: number
  /** CPU of the target's threads other than the main one (the collector's helpers) per request, µs. */
  helperMicros: number
  /** Mean pause of a young-generation collection, in ms. */
  minorPauseMs: number
}

/** One load row: a target and the body every request sends. */
export interface Row {
  name: string
  target: Target
  body: () => string
}

/** What one turn of load on a target measured. */
interface Turn {
  requests: number
  seconds: number
  p50: number
  p99: number
  non2xx: number
  errors: number
  before: CpuSample
  after: CpuSample
}

/** One autocannon run of `seconds` at CONNECTIONS connections, each request sending `body()`. */
export async function load(port: number, body: () => string, seconds: number) {
  return autocannon({
    url: `http://127.0.0.1:${port}/scene7/services/IpsApiService`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=UTF-8', soapaction: '' },
        setupRequest: (request) => ({ ...request, body: body() }),
      },
    ],
  })
}

async function turn({ target, body }: Row, seconds: number): Promise<Turn> {
  const before = await target.cpu()
  const result = await load(target.port, body, seconds)
  const after = await target.cpu()
  return {
    requests: result.requests.total,
    seconds: result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    before,
    after,
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0

/** A row's turns as one result: rates over the summed time, latencies the median turn's. */
function combine(name: string, turns: Turn[]): LoadResult {
  const sum = (pick: (turn: Turn) => number) => turns.reduce((total, one) => total + pick(one), 0)
  const spent = (pick: (sample: CpuSample) => number) =>
    sum((one) => pick(one.after) - pick(one.before))
  // Targets that do not count their requests (the CLI server) are read by autocannon's count.
  const counted = spent((sample) => sample.requests)
  const answered = Math.max(1, Number.isFinite(counted) ? counted : sum((one) => one.requests))
  return {
    name,
    requests: sum((one) => one.requests) / sum((one) => one.seconds),
    p50: median(turns.map((one) => one.p50)),
    p99: median(turns.map((one) => one.p99)),
    non2xx: sum((one) => one.non2xx),
    errors: sum((one) => one.errors),
    cpuMicros: spent((sample) => sample.micros) / answered,
    gcMicros: spent((sample) => sample.gcMicros) / answered,
    helperMicros: spent((sample) => sample.helperMicros) / answered,
    minorPauseMs:
      spent((sample) => sample.minorMicros) /
      1000 /
      Math.max(
        1,
        spent((sample) => sample.minorCount),
      ),
  }
}

/**
 * Loads the rows in turns, SECONDS / ROUNDS seconds each, ROUNDS times over, so that a machine
 * slowing down or speeding up during the run weighs on every row alike. Each target stays up,
 * idle (or with its background work), while the others are loaded.
 */
export async function inTurns(rows: Row[]): Promise<LoadResult[]> {
  const turns = rows.map((): Turn[] => [])
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, row] of rows.entries()) {
      const one = await turn(row, SECONDS / ROUNDS)
      console.log(
        `turn ${round + 1}/${ROUNDS} ${row.name}: ${(one.requests / one.seconds).toFixed(0)} req/s`,
      )
      turns[index]?.push(one)
    }
  }
  return rows.map((row, index) => {
    const result = combine(row.name, turns[index] ?? [])
    console.log(JSON.stringify(result))
    return result
  })
}

export const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : `${(a / b).toFixed(2)}×`)
export const ms = (value: number) => `${value.toFixed(1)} ms`

/** A row of the Targets table: what the issue asks, what this run measured, met or not. */
export interface TargetRow {
  target: string
  measured: string
  met: boolean
}

/** What a section of the report gives: its Markdown and its rows of the Targets table. */
export interface SectionResult {
  lines: string[]
  targets: TargetRow[]
}

/** A section of `npm run bench`: `BENCH_ONLY=name,name` runs only those. */
export interface Section {
  name: string
  run(): Promise<SectionResult>
}
