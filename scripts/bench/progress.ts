/** Progress lines for long benchmark runs: done/total, elapsed, remaining (estimated). */
export class Progress {
  readonly #label: string
  readonly #total: number
  readonly #started = performance.now()
  #done = 0

  constructor(label: string, total: number) {
    this.#label = label
    this.#total = total
  }

  /** Counts `steps` more done and prints a line: `label 3/10 · 12.0 s elapsed · ~28.0 s left`. */
  step(what = '', steps = 1): void {
    this.#done += steps
    const elapsed = (performance.now() - this.#started) / 1000
    const left = this.#done > 0 ? (elapsed / this.#done) * (this.#total - this.#done) : 0
    const clock = (seconds: number) =>
      seconds >= 120 ? `${(seconds / 60).toFixed(1)} min` : `${seconds.toFixed(1)} s`
    console.log(
      `[${this.#label} ${this.#done}/${this.#total} · ${clock(elapsed)} elapsed · ~${clock(left)} left]${what ? ` ${what}` : ''}`,
    )
  }
}
