import type { Job } from '../store/models.js'
import type { RunPlan } from './run-plan.js'

/** A snapshot of a run's progress, for ActiveJob. */
export interface Progress {
  done: number
  total: number
  /** 0–100. */
  percent: number
  /** 0.0–1.0. */
  fraction: number
  updatedAt: Date
}

/** A run's running time up to `now`. */
export function elapsed(plan: RunPlan, now: number): number {
  return plan.elapsedMs + (plan.runningSince !== undefined ? now - plan.runningSince : 0)
}

/**
 * The progress of a run at `now`, from its plan: the share of its running time spent, items
 * done in proportion (a held run stops at 99 %). Pure.
 */
export function progressOf(job: Job, plan: RunPlan | undefined, now: number): Progress {
  const total = plan?.total ?? 0
  if (!plan || job.state === 'New') {
    return {
      done: 0,
      total,
      percent: 0,
      fraction: 0,
      updatedAt: new Date(Date.parse(job.triggerTime ?? job.submittedAt)),
    }
  }
  let fraction = plan.durationMs === 0 ? 1 : Math.min(1, elapsed(plan, now) / plan.durationMs)
  if (plan.hold) fraction = Math.min(fraction, 0.99)
  const done = Math.min(total, Math.floor(fraction * total))
  return { done, total, percent: Math.floor(fraction * 100), fraction, updatedAt: new Date(now) }
}

/** Items a run had processed by `now` (as `progressOf(...).done` for a running job). */
export function doneAt(plan: RunPlan, now: number): number {
  let fraction = plan.durationMs === 0 ? 1 : Math.min(1, elapsed(plan, now) / plan.durationMs)
  if (plan.hold) fraction = Math.min(fraction, 0.99)
  return Math.min(plan.total, Math.floor(fraction * plan.total))
}
