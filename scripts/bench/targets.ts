import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
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

/** Stops a target. */
export function stop(target: Target): Promise<void> {
  return new Promise((resolve) => {
    target.child.removeAllListeners('exit')
    target.child.once('exit', () => resolve())
    target.child.kill('SIGKILL')
  })
}
