/** `1:05` or `1:02:05`. */
function clock(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000))
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = String(seconds % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}

/** One progress line: `fuzz 12000/100000 (12%), 0:42 elapsed, about 5:06 remaining`. */
export function progressLine(
  label: string,
  done: number,
  total: number,
  elapsedMs: number,
): string {
  const percent = total === 0 ? 100 : Math.floor((done / total) * 100)
  const remaining = done === 0 ? '?' : `about ${clock((elapsedMs / done) * (total - done))}`
  return `${label} ${done}/${total} (${percent}%), ${clock(elapsedMs)} elapsed, ${remaining} remaining`
}

/**
 * Counts work done and writes a progress line to stderr at most every `everyMs` (and once at
 * the end), for long runs that would otherwise print nothing for minutes.
 */
export function progress(
  label: string,
  total: number,
  options: { everyMs?: number; write?: (line: string) => void; now?: () => number } = {},
): { tick(): void } {
  const everyMs = options.everyMs ?? 5000
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`))
  const now = options.now ?? (() => performance.now())
  const started = now()
  let done = 0
  let last = started
  return {
    tick() {
      done += 1
      const at = now()
      if (done === total || at - last >= everyMs) {
        last = at
        write(progressLine(label, done, total, at - started))
      }
    },
  }
}
