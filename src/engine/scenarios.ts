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
  /** The submitted job name matches this regular expression (the JSON form of a RegExp). */
  jobNamePattern?: string
  /** The job element (`uploadUrlsJob`) or the ActiveJob type (`UrlUpload`). */
  jobType?: string
  /** The company handle. */
  companyHandle?: string
}

/** One scenario rule. */
export interface Scenario extends Outcome {
  /** Runs to apply to (default: every run). */
  match?: Match
  /** How many runs it applies to before it is used up (default: unlimited; 1 with `nth`). */
  times?: number
  /** Skips the first `nth - 1` matching runs (they go to later rules), then applies. */
  nth?: number
}

/** A rule in force, as `mock.scenarios.rules()` and the admin API list it. */
export interface ScenarioRule {
  /** `s1`, `s2`, … in the order rules were added. */
  id: string
  scenario: Scenario
  /** Runs it still applies to (`null`: unlimited). */
  remaining: number | null
  /** Matching runs it has seen so far. */
  seen: number
}

interface Rule {
  id: string
  scenario: Scenario
  remaining: number
  seen: number
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
  if (match.jobNamePattern !== undefined && !new RegExp(match.jobNamePattern).test(run.jobName)) {
    return false
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
  #added = 0

  /** Adds a rule; returns a function that removes it. */
  add(scenario: Scenario): () => void {
    return this.#add(scenario).remove
  }

  /** Adds a rule; returns it as `rules()` lists it, and a function that removes it. */
  addRule(scenario: Scenario): { rule: ScenarioRule; remove: () => void } {
    const { rule, remove } = this.#add(scenario)
    return { rule: view(rule), remove }
  }

  #add(scenario: Scenario): { rule: Rule; remove: () => void } {
    const times = scenario.times ?? (scenario.nth !== undefined ? 1 : Number.POSITIVE_INFINITY)
    this.#added += 1
    const rule: Rule = { id: `s${this.#added}`, scenario, remaining: times, seen: 0 }
    this.#rules.push(rule)
    const remove = () => {
      this.#rules = this.#rules.filter((other) => other !== rule)
    }
    return { rule, remove }
  }

  /** Removes the rule with this id; false when there is none. */
  remove(id: string): boolean {
    const before = this.#rules.length
    this.#rules = this.#rules.filter((rule) => rule.id !== id)
    return this.#rules.length < before
  }

  /** The rules in force with their ids and remaining uses, in the order they apply. */
  rules(): ScenarioRule[] {
    return this.#rules.map(view)
  }

  /** Applies an outcome to the next run only. */
  next(outcome: Outcome): () => void {
    return this.add(Object.assign({}, outcome, { times: 1 }))
  }

  /** Removes every rule. */
  clear(): void {
    this.#rules = []
    this.#added = 0
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
    this.#added = this.#rules.reduce((most, rule) => Math.max(most, Number(rule.id.slice(1))), 0)
  }

  /** Finds the outcome for a run and uses the rule once. */
  take(run: RunFacts): Outcome | undefined {
    for (const rule of this.#rules) {
      if (!matches(rule.scenario.match, run)) continue
      rule.seen += 1
      if (rule.scenario.nth !== undefined && rule.seen < rule.scenario.nth) continue
      rule.remaining -= 1
      if (rule.remaining <= 0) this.#rules = this.#rules.filter((other) => other !== rule)
      return rule.scenario
    }
    return undefined
  }
}

function view(rule: Rule): ScenarioRule {
  const remaining = Number.isFinite(rule.remaining) ? rule.remaining : null
  return { id: rule.id, scenario: rule.scenario, remaining, seen: rule.seen }
}
