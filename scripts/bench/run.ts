/**
 * `npm run bench`: ips-mock as users run it (the default server, jobs running on the system
 * clock) against the machine's raw limit, side by side in one run; writes BENCHMARKS.md.
 * Loopback only; autocannon drives the load.
 *
 * Each section is one entry of SECTIONS: a name and a function returning its Markdown and its
 * rows of the Targets table. To add one, write it in its own file and add it here.
 * BENCH_ONLY=name,name runs only those sections (and prints, writing BENCHMARKS.md only when
 * BENCH_OUT names a file). BENCH_SECONDS (default 10) sets each load row's time, given in
 * BENCH_ROUNDS (default 3) turns; BENCH_SUSTAIN_S (default 600) the sustained run's.
 */
import { execFileSync } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { cpus, loadavg, totalmem } from 'node:os'
import { attacksSection } from './attack.js'
import { CONNECTIONS, ROUNDS, SECONDS, type Section, type TargetRow } from './load.js'
import { Progress } from './progress.js'
import { referenceSection } from './reference.js'
import { runningSection } from './running.js'
import { scaleOpsSection } from './scale-ops.js'
import { doctypeSection, soakSection, startupSection } from './sections.js'
import { sustainedSection } from './sustained.js'

const SECTIONS: Section[] = [
  { name: 'sustained', run: sustainedSection },
  { name: 'running', run: runningSection },
  { name: 'scale', run: scaleOpsSection },
  { name: 'reference', run: referenceSection },
  { name: 'startup', run: startupSection },
  { name: 'doctype', run: doctypeSection },
  { name: 'attacks', run: () => attacksSection() },
  { name: 'soak', run: soakSection },
]

const root = new URL('../../', import.meta.url)
const only = process.env.BENCH_ONLY?.split(',').filter(Boolean)
const out = process.env.BENCH_OUT ?? (only ? undefined : 'BENCHMARKS.md')

const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(', ')

function targetsTable(rows: TargetRow[]): string[] {
  return [
    '## Targets',
    '',
    '| target | this run | status |',
    '|---|---|---|',
    ...rows.map((row) => `| ${row.target} | ${row.measured} | ${row.met ? 'met' : '**missed**'} |`),
  ]
}

async function main(): Promise<void> {
  const started = new Date()
  const loadBefore = load()
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' })
  const chosen = SECTIONS.filter((section) => !only || only.includes(section.name))
  const progress = new Progress('bench sections', chosen.length)
  const body: string[] = []
  const targets: TargetRow[] = []
  for (const section of chosen) {
    const result = await section.run()
    body.push(...result.lines, '')
    targets.push(...result.targets)
    progress.step(section.name)
  }
  const minutes = (Date.now() - started.getTime()) / 60_000
  const lines = [
    '# ips-mock benchmarks',
    '',
    `Run: ${started.toISOString()}, ${minutes.toFixed(0)} min · Node ${process.version} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · ${(totalmem() / 2 ** 30).toFixed(0)} GiB · load average ${loadBefore} before, ${load()} after (the machine is shared: figures move with others' work; ratios are taken within one table, side by side)`,
    '',
    `Command: \`npm run bench\` (BENCH_SECONDS=${SECONDS}, BENCH_ROUNDS=${ROUNDS}, BENCH_SUSTAIN_S=${process.env.BENCH_SUSTAIN_S ?? 600}${only ? `, BENCH_ONLY=${only.join(',')}` : ''}). Load: autocannon, ${CONNECTIONS} connections. In a table of load rows every target stays up and the rows take turns of ${(SECONDS / ROUNDS).toFixed(1)} s, round after round, so a machine slowing down or speeding up weighs on all of them alike; a row's req/s is its requests over its summed time, its p50 and p99 the medians of its turns'. Loopback; each target in its own process.`,
    '',
    ...targetsTable(targets),
    '',
    ...body,
  ]
  if (out) await writeFile(new URL(out, root), `${lines.join('\n')}\n`)
  console.log(lines.join('\n'))
}

await main()
