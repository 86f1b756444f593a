import { faults } from '../faults/catalog.js'
import { Random } from './random.js'
import { type FaultRule, faultNameOf, parseFaultRule } from './rule.js'

/**
 * What the fault gate does to one call: an optional delay, then at most one other answer.
 * @example
 * const injection: Injection | undefined = mock.journal.last()?.injected
 * if (injection?.fault) console.log(injection.by, injection.fault.code)
 */
export interface Injection {
  /** The rules that acted, by id, or `header` for the `X-Ips-Mock-Fault` header. */
  by: string[]
  /** Milliseconds waited before answering. */
  delayMs?: number
  /** The IPS fault answered. */
  fault?: { code: number; reason: string }
  /** The HTTP status answered (an error page, or the fault's status). */
  status?: number
  /** How the connection was treated instead of answering normally. */
  action?: 'reset' | 'garbage' | 'hang'
}

/**
 * A rule in force, as `mock.faults.inject` returns it and `mock.faults.list` lists it.
 * @example
 * const rule: InjectedFault = mock.faults.inject({ operation: 'submitJob', fault: 30000 })
 * console.log(rule.id, rule.calls, rule.fired)
 * rule.remove()
 */
export interface InjectedFault {
  /** `f1`, `f2`, … in the order rules were added. */
  readonly id: string
  readonly rule: FaultRule
  /** Calls the rule's `operation` matched so far. */
  readonly calls: number
  /** Calls the rule acted on. */
  readonly fired: number
  /** Removes the rule; `false` if it was gone already. */
  remove(): boolean
  /** `{ id, rule, calls, fired }`. */
  toJSON(): { id: string; rule: FaultRule; calls: number; fired: number }
}

interface ActiveRule {
  id: string
  rule: FaultRule
  calls: number
  fired: number
}

/** The injector's whole state, for snapshots. */
export interface InjectorState {
  readonly rules: readonly Readonly<ActiveRule>[]
  readonly nextId: number
  readonly random: number
}

function matches(rule: FaultRule, operation: string): boolean {
  const wanted = rule.operation
  if (wanted === undefined) return true
  return typeof wanted === 'string' ? wanted === operation : wanted.includes(operation)
}

/** A rule fits when what it does is not done already by an earlier one. */
function fits(injection: Injection | undefined, rule: FaultRule): boolean {
  if (!injection) return true
  if (rule.delay !== undefined && injection.delayMs !== undefined) return false
  const answers =
    rule.fault !== undefined || rule.status !== undefined || rule.reset || rule.garbage || rule.hang
  const answered =
    injection.fault !== undefined || injection.status !== undefined || injection.action
  return !(answers && answered)
}

/**
 * Fault and latency injection, one mechanism for rules added here, the admin API and the
 * `X-Ips-Mock-Fault` header. Rules act in the order added; the first to delay sets the delay and
 * the first to answer sets the answer. `mock.reset()` removes every rule.
 * @example
 * const rule = mock.faults.inject({ operation: 'submitJob', nth: 2, fault: 30000 })
 * rule.remove()
 */
export interface FaultInjection {
  /**
   * Adds a rule (checked with `parseFaultRule`) and returns its handle.
   * @throws FaultRuleError when the rule is not valid.
   */
  inject(rule: FaultRule): InjectedFault
  /** The rules in force, oldest first. */
  list(): InjectedFault[]
  /** Removes a rule by id; `false` if there was none. */
  remove(id: string): boolean
  /** Removes every rule. */
  clear(): void
}

/** The injector behind `mock.faults`, with what the exchange uses. */
export class FaultInjector implements FaultInjection {
  #rules: ActiveRule[] = []
  #nextId = 1
  readonly #seed: number
  readonly #random: Random

  constructor(seed: number) {
    this.#seed = seed
    this.#random = new Random(seed)
  }

  inject(rule: FaultRule): InjectedFault {
    const checked = Object.freeze(parseFaultRule(rule))
    const active: ActiveRule = { id: `f${this.#nextId++}`, rule: checked, calls: 0, fired: 0 }
    this.#rules.push(active)
    return this.#handle(active)
  }

  list(): InjectedFault[] {
    return this.#rules.map((active) => this.#handle(active))
  }

  remove(id: string): boolean {
    const before = this.#rules.length
    this.#rules = this.#rules.filter((active) => active.id !== id)
    return this.#rules.length !== before
  }

  clear(): void {
    this.#rules = []
  }

  /** True while a rule is in force: the exchange skips the gate otherwise. */
  get armed(): boolean {
    return this.#rules.length > 0
  }

  /** Removes every rule, numbers rules from f1 again and restarts the generator from its seed. */
  reset(): void {
    this.#rules = []
    this.#nextId = 1
    this.#random.state = this.#seed
  }

  /**
   * Decides what happens to one call: the header's rule first, then the rules in order. Counts
   * the call for every rule whose `operation` matches.
   */
  decide(operation: string, header?: FaultRule): Injection | undefined {
    let injection: Injection | undefined
    if (header && matches(header, operation) && this.#chance(header)) {
      injection = this.#apply(undefined, header, 'header')
    }
    for (const active of this.#rules.length === 0 ? [] : [...this.#rules]) {
      const { rule } = active
      if (!matches(rule, operation)) continue
      active.calls++
      if (rule.nth !== undefined && active.calls >= rule.nth) this.remove(active.id)
      if (rule.nth !== undefined && active.calls !== rule.nth) continue
      if (rule.from !== undefined && active.calls < rule.from) continue
      if (!fits(injection, rule) || !this.#chance(rule)) continue
      active.fired++
      if (rule.times !== undefined && active.fired >= rule.times) this.remove(active.id)
      injection = this.#apply(injection, rule, active.id)
    }
    return injection
  }

  snapshot(): InjectorState {
    return Object.freeze({
      rules: Object.freeze(this.#rules.map((active) => Object.freeze({ ...active }))),
      nextId: this.#nextId,
      random: this.#random.state,
    })
  }

  restore(state: InjectorState): void {
    this.#rules = state.rules.map((active) => ({ ...active }))
    this.#nextId = state.nextId
    this.#random.state = state.random
  }

  #chance(rule: FaultRule): boolean {
    return rule.probability === undefined || this.#random.next() < rule.probability
  }

  #apply(injection: Injection | undefined, rule: FaultRule, by: string): Injection {
    const next: Injection = injection ?? { by: [] }
    next.by.push(by)
    if (rule.delay !== undefined) {
      next.delayMs =
        typeof rule.delay === 'number'
          ? rule.delay
          : this.#random.between(rule.delay[0], rule.delay[1])
    }
    if (rule.fault !== undefined) {
      const definition = faults[faultNameOf(rule.fault)]
      next.fault = {
        code: definition.code,
        reason:
          rule.reason ?? `Fault ${definition.code} (${definition.constant}) injected by ips-mock`,
      }
    }
    if (rule.status !== undefined) next.status = rule.status
    if (rule.reset) next.action = 'reset'
    if (rule.garbage) next.action = 'garbage'
    if (rule.hang) next.action = 'hang'
    return next
  }

  #handle(active: ActiveRule): InjectedFault {
    const current = () => this.#rules.find((candidate) => candidate.id === active.id) ?? active
    return {
      id: active.id,
      rule: active.rule,
      get calls() {
        return current().calls
      },
      get fired() {
        return current().fired
      },
      remove: () => this.remove(active.id),
      toJSON: () => ({
        id: active.id,
        rule: active.rule,
        calls: current().calls,
        fired: current().fired,
      }),
    }
  }
}
