import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildSync } from 'esbuild'

const root = new URL('../../', import.meta.url)

let bundled: string | undefined

/**
 * The target, bundled by esbuild the way the `ips-mock` bin is: the measured code is the code
 * users run, not tsx's on-the-fly build of it (which wraps every function in a naming helper).
 */
function targetScript(): string {
  if (bundled) return bundled
  const outfile = join(mkdtempSync(join(tmpdir(), 'ips-mock-bench-')), 'target.mjs')
  buildSync({
    entryPoints: [new URL('target.ts', import.meta.url).pathname],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'warning',
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  })
  bundled = outfile
  return outfile
}

/** A target's counters so far (see target.ts). */
export interface CpuSample {
  /** CPU time of the whole process, µs (user + system). */
  micros: number
  requests: number
  /** Garbage collection pauses, µs. */
  gcMicros: number
  /** CPU time of the threads other than the main one (the collector's helpers), µs. */
  helperMicros: number
  /** Young-generation collections, and their pauses in µs. */
  minorCount: number
  minorMicros: number
}

/** A benchmark target running in its own process. */
export interface Target {
  port: number
  info: { preload?: number; preloadMs?: number; heapPerJob?: number }
  child: ChildProcess
  /** Asks the target for its heap after a full collection. */
  heap(): Promise<number>
  /**
   * CPU time the target has used (µs, user + system), requests it has answered, and time spent in
   * garbage collection pauses (µs), so far.
   */
  cpu(): Promise<CpuSample>
}

/**
 * Starts the bundled `scripts/bench/target.ts <kind> <preload>` and waits until it listens;
 * `nodeFlags` go to its node (e.g. `--max-semi-space-size=32`).
 */
export function launch(kind: string, preload = 0, nodeFlags: string[] = []): Promise<Target> {
  const child = spawn(
    process.execPath,
    [
      '--expose-gc',
      '--max-old-space-size=8192',
      ...nodeFlags,
      targetScript(),
      kind,
      String(preload),
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  )
  let output = ''
  const waiting: Array<(line: string) => void> = []
  child.stdout?.setEncoding('utf8')
  child.stdout?.on('data', (chunk: string) => {
    output += chunk
    for (let newline = output.indexOf('\n'); newline !== -1; newline = output.indexOf('\n')) {
      const line = output.slice(0, newline)
      output = output.slice(newline + 1)
      waiting.shift()?.(line)
    }
  })
  const nextLine = () => new Promise<string>((resolve) => waiting.push(resolve))
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`target ${kind} exited with ${code}`)))
    nextLine().then((line) => {
      const ready = /^READY (\d+) (.*)$/.exec(line)
      if (!ready) return reject(new Error(`target ${kind} said: ${line}`))
      resolve({
        port: Number(ready[1]),
        info: JSON.parse(ready[2] as string),
        child,
        async heap() {
          const line = nextLine()
          child.kill('SIGUSR2')
          return Number(/^HEAP (\d+)$/.exec(await line)?.[1])
        },
        async cpu() {
          const line = nextLine()
          child.kill('SIGUSR1')
          const fields = /^CPU (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)$/.exec(await line) ?? []
          const [micros, requests, gcMicros, helperMicros, minorCount, minorMicros] = fields
            .slice(1)
            .map(Number)
          return {
            micros: micros ?? Number.NaN,
            requests: requests ?? Number.NaN,
            gcMicros: gcMicros ?? Number.NaN,
            helperMicros: helperMicros ?? Number.NaN,
            minorCount: minorCount ?? Number.NaN,
            minorMicros: minorMicros ?? Number.NaN,
          }
        },
      })
    })
  })
}

/** Stops a target: SIGTERM (so that a `--cpu-prof` target writes its profile), SIGKILL after 10 s. */
export function stop(target: Target): Promise<void> {
  return new Promise((resolve) => {
    if (target.child.exitCode !== null) return resolve()
    target.child.removeAllListeners('exit')
    const kill = setTimeout(() => target.child.kill('SIGKILL'), 10_000)
    target.child.once('exit', () => {
      clearTimeout(kill)
      resolve()
    })
    target.child.kill('SIGTERM')
  })
}

/** CPU time (user + system, µs) a process has used so far, read from /proc. */
export function processMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS
}
/** Linux's USER_HZ, the unit of /proc's CPU times. */
const CLOCK_TICKS = 100

/** A process's resident set size in bytes, read from /proc. */
export function rss(pid: number): number {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return Number(line?.[1]) * 1024
}

/**
 * The default server as users run it: the built CLI, `node dist/cli/ips-mock.js serve --port 0`
 * and `args`, on the system clock, its request log (info, text) written to a file as a CI job's
 * log would be. Its CPU is read from /proc; it does not count requests (autocannon does).
 * BENCH_SERVE_NODE_FLAGS adds flags to its node; BENCH_KEEP_LOG=1 keeps its stdout file (where
 * `--trace-gc` writes) and prints its path.
 */
export async function serveCli(args: string[] = []): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'ips-mock-serve-'))
  const log = join(dir, 'stdout.log')
  const child = spawn(
    process.execPath,
    [
      // e.g. BENCH_SERVE_NODE_FLAGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the server.
      ...(process.env.BENCH_SERVE_NODE_FLAGS?.split(' ').filter(Boolean) ?? []),
      new URL('dist/cli/ips-mock.js', root).pathname,
      'serve',
      '--port',
      '0',
      ...args,
    ],
    { cwd: root, stdio: ['ignore', openSync(log, 'w'), 'inherit'] },
  )
  if (process.env.BENCH_KEEP_LOG) process.stderr.write(`server log: ${log}\n`)
  else child.once('close', () => rmSync(dir, { recursive: true, force: true }))
  let port = 0
  for (let waited = 0; port === 0; waited += 20) {
    if (waited > 30_000 || child.exitCode !== null) throw new Error('ips-mock serve did not start')
    await new Promise((resolve) => setTimeout(resolve, 20))
    const text = readFileSync(log, 'utf8')
    port = Number(/listening on http:\/\/[^:]+:(\d+)/.exec(text)?.[1] ?? 0)
  }
  const pid = child.pid as number
  return {
    port,
    info: {},
    child,
    heap: () => Promise.resolve(Number.NaN),
    cpu: () =>
      Promise.resolve({
        micros: processMicros(pid),
        requests: Number.NaN,
        gcMicros: Number.NaN,
        helperMicros: Number.NaN,
        minorCount: Number.NaN,
        minorMicros: Number.NaN,
      }),
  }
}

/** A probe client in its own process (probe.ts): the longest wait per window, and optional feed. */
export interface Probe {
  /** The longest wait since the last read, in ms; probes sent; submits the feed got answered. */
  read(): Promise<{ longestMs: number; probes: number; submitted: number }>
  stop(): void
}

export function startProbe(port: number, submitsPerSecond = 0): Probe {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      new URL('probe.ts', import.meta.url).pathname,
      String(port),
      String(submitsPerSecond),
    ],
    { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] },
  )
  child.stdout?.setEncoding('utf8')
  let buffered = ''
  const waiting: Array<(line: string) => void> = []
  child.stdout?.on('data', (chunk: string) => {
    buffered += chunk
    for (let newline = buffered.indexOf('\n'); newline !== -1; newline = buffered.indexOf('\n')) {
      waiting.shift()?.(buffered.slice(0, newline))
      buffered = buffered.slice(newline + 1)
    }
  })
  return {
    async read() {
      const line = new Promise<string>((resolve) => waiting.push(resolve))
      child.stdin?.write('\n')
      const [, longest, probes, submitted] = /^PROBE (\S+) (\d+) (\d+)$/.exec(await line) ?? []
      return { longestMs: Number(longest), probes: Number(probes), submitted: Number(submitted) }
    },
    stop() {
      child.stdin?.end()
    },
  }
}
