import type { Duration } from './duration.js'

/** A problem a scenario makes a run report for one file. */
export interface FileProblem {
  /** The file the log names; default: the run's next work item. */
  file?: string
  /** The log message; default: a generic one. */
  message?: string
}

/** What a run matched by a scenario does instead of succeeding on its default schedule. */
export interface Outcome {
  /** Files that fail (an error entry each): a count, or the problems themselves. */
  errors?: number | FileProblem[]
  /** Files that succeed with a warning. */
  warnings?: number | FileProblem[]
  /** The whole run fails with a FatalError entry (true, or the message). */
  fatal?: boolean | string
  /** How long the run takes once running (default: the mock's job duration). */
  duration?: Duration
  /** The run stays Running until `mock.jobs.release(handle)`. */
  hold?: boolean
}

/** Which runs a scenario applies to. */
export interface Match {
  /** The submitted job name, exactly or by pattern. */
  jobName?: string | RegExp
  /** The job element (`uploadUrlsJob`) or the ActiveJob type (`UrlUpload`). */
  jobType?: string
  /** The company handle. */
  companyHandle?: string
}

/** One scenario rule. */
export interface Scenario extends Outcome {
  /** Runs to apply to (default: every run). */
  match?: Match
  /** How many runs it applies to before it is used up (default: unlimited). */
  times?: number
}

interface Rule {
  scenario: Scenario
  remaining: number
}

/** The scenario rules in force, for snapshots. */
export type ScenariosState = readonly Readonly<Rule>[]

/** The run a scenario is asked about. */
export interface RunFacts {
  jobName: string
  jobElement: string
  type: string
  companyHandle: string
}

function matches(match: Match | undefined, run: RunFacts): boolean {
  if (!match) return true
  const { jobName, jobType, companyHandle } = match
  if (jobName !== undefined) {
    const ok = typeof jobName === 'string' ? jobName === run.jobName : jobName.test(run.jobName)
    if (!ok) return false
  }
  if (jobType !== undefined && jobType !== run.jobElement && jobType !== run.type) return false
  return companyHandle === undefined || companyHandle === run.companyHandle
}

/**
 * Scenario control, the one mechanism for making runs misbehave: the first rule (in the order
 * added) that matches a run decides its outcome and counts one use.
 * @example
 * mock.scenarios.next({ errors: [{ file: 'a.jpg', message: 'Unsupported format' }] })
 * mock.scenarios.add({ match: { jobName: /^nightly/ }, hold: true })
 */
export class Scenarios {
  #rules: Rule[] = []

  /** Adds a rule; returns a function that removes it. */
  add(scenario: Scenario): () => void {
    const rule: Rule = { scenario, remaining: scenario.times ?? Number.POSITIVE_INFINITY }
    this.#rules.push(rule)
    return () => {
      this.#rules = this.#rules.filter((other) => other !== rule)
    }
  }

  /** Applies an outcome to the next run only. */
  next(outcome: Outcome): () => void {
    return this.add(Object.assign({}, outcome, { times: 1 }))
  }

  /** Removes every rule. */
  clear(): void {
    this.#rules = []
  }

  /** The rules still in force. */
  list(): Scenario[] {
    return this.#rules.map((rule) => rule.scenario)
  }

  /** The rules and their remaining uses, for snapshots. */
  snapshot(): ScenariosState {
    return Object.freeze(this.#rules.map((rule) => Object.freeze({ ...rule })))
  }

  restore(state: ScenariosState): void {
    this.#rules = state.map((rule) => ({ ...rule }))
  }

  /** Finds the outcome for a run and uses the rule once. */
  take(run: RunFacts): Outcome | undefined {
    const rule = this.#rules.find((candidate) => matches(candidate.scenario.match, run))
    if (!rule) return undefined
    rule.remaining -= 1
    if (rule.remaining <= 0) this.#rules = this.#rules.filter((other) => other !== rule)
    return rule.scenario
  }
}
