import type { Job, JobState } from '../store/models.js'
import type { IpsStore } from '../store/store.js'
import type { Schedules } from './catch-up.js'
import type { Clock } from './clock.js'
import { runEffects } from './asset-effects.js'
import { JobLogRecord, runEnd } from './job-log.js'
import { type Email, notify } from './notifications.js'
import { doneAt } from './progress.js'
import {
  fatalMessage,
  type JobDurations,
  noScenario,
  planRun,
  type RunPlan,
  runSeed,
} from './run-plan.js'
import type { Scenarios } from './scenarios.js'
import type { Timeline } from './timeline.js'

export interface EngineOptions {
  clock: Clock
  timeZone: string
  durations: JobDurations
  fakerSeed: number
  scenarios: Scenarios
}

/** What the engine's parts share: the store, the options, the timeline, the runs' plans. */
export interface EngineCore {
  readonly store: IpsStore
  readonly options: EngineOptions
  readonly timeline: Timeline
  readonly plans: Map<string, RunPlan>
  readonly schedules: Schedules
  readonly outbox: Email[]
}

const iso = (at: number) => new Date(at).toISOString()

/**
 * Processes due events until `deadline` (a `performance.now()` time, checked after every event,
 * so a slice overruns it by at most one event); true when nothing due is left. Every event's
 * work is O(1) in the jobs stored.
 */
export function runSlice(core: EngineCore, deadline: number): boolean {
  const now = core.options.clock.now().getTime()
  for (let event = core.timeline.popDue(now); event; event = core.timeline.popDue(now)) {
    if (event.kind === 'fire') fire(core, event.handle, event.at, now, false)
    else if (event.kind === 'start') start(core, event.handle, event.at)
    else finish(core, event.handle, event.at)
    if (performance.now() >= deadline) return false
  }
  return true
}

/** Ends a run's current running stretch; its queued start/finish events become obsolete. */
export function pauseRun(core: EngineCore, handle: string, now: number): RunPlan | undefined {
  core.timeline.invalidate(handle)
  const plan = core.plans.get(handle)
  if (plan?.runningSince !== undefined) {
    plan.elapsedMs += now - plan.runningSince
    plan.runningSince = undefined
  }
  return plan
}

/**
 * A scheduled job fires at `at`: an execTime job becomes its own run; an execSchedule job gets
 * a new run and its next fire (a misfire fires at `now` instead: see catch-up.ts).
 */
export function fire(core: EngineCore, handle: string, at: number, now: number, manual: boolean) {
  const job = core.store.job(handle)
  if (job?.state !== 'Scheduled') return
  if (job.execSchedule === undefined) {
    core.timeline.invalidate(handle)
    trigger(core, job, at)
    return
  }
  const fireAt =
    !manual && core.schedules.misfired(job.handle, job.execSchedule, at, now) ? now : at
  const runNumber = job.runCount + 1
  job.runCount = runNumber
  if (!manual) {
    const next = core.schedules.parse(job.execSchedule).next(new Date(fireAt))
    job.triggerState = next ? 'Normal' : 'Complete'
    if (next) {
      job.nextFireTime = next.toISOString()
      core.timeline.push(handle, 'fire', next.getTime(), true)
    } else delete job.nextFireTime
  }
  const run: Job = Object.assign({}, job, {
    handle: `${job.handle}${runNumber}`,
    name: `${job.name}_${runNumber}`,
    state: 'New' as const,
    parentHandle: job.handle,
    runCount: 0,
  })
  delete run.triggerState
  delete run.nextFireTime
  core.store.addJob(run)
  trigger(core, run, fireAt)
}

/** The plan of a run that starts now: the first scenario rule it matches decides its outcome. */
export function planFor(core: EngineCore, job: Job): RunPlan {
  const { options } = core
  const outcome =
    options.scenarios.take({
      jobName: job.originalName,
      jobElement: job.jobElement,
      type: job.type,
      companyHandle: job.companyHandle,
    }) ?? noScenario
  return planRun(job, outcome, runSeed(options.fakerSeed, job.handle), options.durations)
}

/** A run is triggered: its outcome and plan are fixed and it waits in New for its start. */
export function trigger(core: EngineCore, job: Job, at: number): void {
  const { options } = core
  job.state = 'New'
  job.triggerTime = iso(at)
  if (job.triggerState !== undefined) delete job.triggerState
  if (job.nextFireTime !== undefined) delete job.nextFireTime
  core.plans.set(job.handle, planFor(core, job))
  core.timeline.push(job.handle, 'start', at + options.durations.startDelay)
}

function setState(core: EngineCore, job: Job, state: JobState): void {
  core.store.setState(job, state)
}

function start(core: EngineCore, handle: string, at: number): void {
  const job = core.store.job(handle)
  const plan = core.plans.get(handle)
  if (!job || !plan) return
  setState(core, job, 'Running')
  job.startDate = iso(at)
  plan.runningSince = at
  notify(core, core.store, job, 'started')
  if (!plan.hold) core.timeline.push(handle, 'finish', at + plan.durationMs - plan.elapsedMs)
}

/** A run ends (its time is up, or its stop took effect): Done, its log written, mail sent. */
function finish(core: EngineCore, handle: string, at: number): void {
  const job = core.store.job(handle)
  const plan = core.plans.get(handle)
  if (!plan || !job) return
  const startedAt = Date.parse(job.startDate ?? job.triggerTime ?? job.submittedAt)
  const stopped = job.state === 'Stopping'
  if (stopped) pauseRun(core, handle, at)
  const processed = stopped ? doneAt(plan, at) : plan.total
  job.endDate = iso(at)
  job.startDate ??= iso(startedAt)
  core.plans.delete(handle)
  core.timeline.forget(handle)
  const run = runEnd(job, plan, stopped, processed, startedAt, at)
  const stored = runEffects(core.store, run, core.options.fakerSeed)
  const log = new JobLogRecord(run, job.startDate, job.endDate, stored)
  core.store.addJobLog(log, log.assetHandles)
  setState(core, job, 'Done')
  notify(core, core.store, job, 'completed', {
    success: log.fileSuccessCount,
    warnings: log.fileWarningCount,
    errors: log.fileErrorCount + (fatalMessage(plan.outcome) ? 1 : 0),
    total: plan.total,
  })
  // The outbox keeps about as many e-mails as the store keeps runs (oldest dropped in batches).
  const keep = core.store.retainJobs
  if (core.outbox.length > keep + Math.max(1, keep >> 4)) {
    core.outbox.splice(0, core.outbox.length - keep)
  }
}
