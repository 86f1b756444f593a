import { fault } from '../soap/faults.js'
import type { Job, JobState } from '../store/models.js'
import type { IpsStore } from '../store/store.js'
import { type Clock, watchClock } from './clock.js'
import { JobLogRecord, namedAssets, runEnd } from './job-log.js'
import { type Email, notify } from './notifications.js'
import { doneAt, elapsed, type Progress, progressOf } from './progress.js'
import { Pump, REQUEST_SLICE_MS, SLICE_MS, yieldToIo } from './pump.js'
import {
  fatalMessage,
  type JobDurations,
  noScenario,
  planRun,
  type RunPlan,
  runSeed,
} from './run-plan.js'
import type { Scenarios } from './scenarios.js'
import { ExecSchedule } from './schedule.js'
import { parseDateTime } from './time-zone.js'
import { type EventKind, Timeline, type TimelineState } from './timeline.js'
import { checkCommand } from './transitions.js'

export { defaultDurations, type JobDurations } from './run-plan.js'
export type { Progress } from './progress.js'

/**
 * Schedule catch-up. A fire processed more than this late (Quartz's default
 * `org.quartz.jobStore.misfireThreshold`, 60 s) after a clock move that skipped more than
 * MAX_REPLAYED_FIRES fire times is a misfire, handled as Quartz's default policy for cron
 * triggers does (MISFIRE_INSTRUCTION_SMART_POLICY, which CronTrigger reads as
 * MISFIRE_INSTRUCTION_FIRE_ONCE_NOW): one run now, then on schedule from now. O(1) however far
 * the clock jumped. A move that skipped fewer fire times replays each at its own time, as an IPS
 * running all along would have fired them (tests step schedules so).
 */
export const MISFIRE_THRESHOLD_MS = 60_000
export const MAX_REPLAYED_FIRES = 100

/** The engine's whole state, for snapshots. */
export interface EngineState {
  readonly timeline: TimelineState
  readonly plans: ReadonlyMap<string, Readonly<RunPlan>>
  readonly outbox: readonly Email[]
}

export interface EngineOptions {
  clock: Clock
  timeZone: string
  durations: JobDurations
  fakerSeed: number
  scenarios: Scenarios
}

const iso = (at: number) => new Date(at).toISOString()

/**
 * The job life cycle (reference §9): runs move New → Running → Done on the mock's clock,
 * scheduled jobs fire by execTime or execSchedule, and the job commands (transitions.ts) change
 * state. Events are processed in time order, in slices of a few milliseconds that yield to I/O:
 * on a controlled clock every call first processes all that is due (so tests read the state
 * the clock says); on the system clock a background pump keeps up and a call does at most one
 * short slice. A run's plan, progress and log are pure functions of what it drew (run-plan.ts,
 * progress.ts, job-log.ts); this class only moves state and records side effects.
 */
export class JobEngine {
  readonly outbox: Email[] = []
  readonly #store: IpsStore
  readonly #options: EngineOptions
  readonly #timeline = new Timeline()
  readonly #plans = new Map<string, RunPlan>()
  readonly #schedules = new Map<string, ExecSchedule>()
  /** Schedules found to have few enough missed fires to replay, until when. */
  readonly #replaying = new Map<string, number>()
  readonly #pump: Pump

  constructor(store: IpsStore, options: EngineOptions) {
    this.#store = store
    this.#options = options
    this.#pump = new Pump(
      () => this.#slice(SLICE_MS),
      () => this.#timeline.nextAt(),
      () => !options.clock.controlled,
    )
    watchClock(options.clock, () => this.#pump.schedule())
  }

  get timeZone(): string {
    return this.#options.timeZone
  }

  /** Forgets every run, event and e-mail (the store is reset separately); O(1). */
  reset(fakerSeed?: number): void {
    if (fakerSeed !== undefined) this.#options.fakerSeed = fakerSeed
    this.#pump.stop()
    this.#timeline.clear()
    this.#plans.clear()
    this.#replaying.clear()
    this.outbox.length = 0
  }

  /** The engine's whole state; plans are copied (they change as runs go on). */
  snapshot(): EngineState {
    return Object.freeze({
      timeline: this.#timeline.snapshot(),
      plans: new Map([...this.#plans].map(([handle, plan]) => [handle, { ...plan }])),
      outbox: Object.freeze([...this.outbox]),
    })
  }

  /** Puts the engine back in a state `snapshot` returned. */
  restore(state: EngineState): void {
    this.#timeline.restore(state.timeline)
    this.#plans.clear()
    for (const [handle, plan] of state.plans) this.#plans.set(handle, { ...plan })
    this.outbox.length = 0
    this.outbox.push(...state.outbox)
    this.#pump.schedule()
  }

  /**
   * Takes a new job into the life cycle before it is stored: fills in its state, trigger and fire
   * times on the record, and queues its first event. Events of a job never stored are skipped.
   * @throws IpsFault 30001 when execSchedule is not a schedule.
   */
  admit(job: Job): void {
    const now = this.#now()
    if (job.execSchedule !== undefined) {
      const next = this.#schedule(job.execSchedule).next(new Date(now))
      job.state = 'Scheduled'
      job.triggerState = next ? 'Normal' : 'Complete'
      if (next) {
        job.nextFireTime = next.toISOString()
        this.#timeline.push(job.handle, 'fire', next.getTime(), true)
      }
    } else if (job.execTime !== undefined) {
      const at = parseDateTime(job.execTime, this.#options.timeZone).getTime()
      job.state = 'Scheduled'
      job.triggerState = 'Normal'
      job.nextFireTime = iso(at)
      this.#timeline.push(job.handle, 'fire', Math.max(at, now))
    } else {
      this.#trigger(job, now)
    }
    this.#pump.schedule()
  }

  /**
   * Brings runs up to the clock before a call: on a controlled clock everything due (in slices
   * that yield to I/O), on the system clock at most one short slice (the pump does the rest).
   */
  settle(): Promise<void> {
    if (this.#options.clock.controlled) return this.drain()
    if (!this.#slice(REQUEST_SLICE_MS)) this.#pump.soon()
    return Promise.resolve()
  }

  /** Processes every event due at the clock's current time, yielding to I/O between slices. */
  async drain(): Promise<void> {
    while (!this.#slice(SLICE_MS)) await yieldToIo()
  }

  /**
   * Moves the clock from event to event until no run is pending: every triggered run ends, and
   * one-shot execTime jobs fire. Recurring schedules do not keep it busy, held runs stay held.
   */
  async runUntilIdle(maxEvents = 10_000): Promise<void> {
    await this.drain()
    for (let count = 0; count < maxEvents; count++) {
      const next = this.#timeline.nextRunAt()
      if (next === undefined) return
      if (next > this.#now()) this.#options.clock.set(next)
      await this.drain()
    }
  }

  /** The progress of a run at the clock's current time. */
  progress(job: Job): Progress {
    return progressOf(job, this.#plans.get(job.handle), this.#now())
  }

  /** Lets a run held by a scenario finish now. @throws IpsFault 30001 when it is not held. */
  async release(handle: string): Promise<void> {
    await this.drain()
    const plan = this.#plans.get(handle)
    if (!plan?.hold) throw fault('invalidParameter', `Job '${handle}' is not held by a scenario`)
    plan.hold = false
    if (plan.runningSince !== undefined) {
      const now = this.#now()
      plan.durationMs = Math.max(elapsed(plan, now), 0)
      this.#push(handle, 'finish', now)
    }
  }

  /** stopJob: a run that has not ended goes Stopping, then Done. */
  stop(job: Job, user: string): void {
    checkCommand('stop', job)
    const now = this.#now()
    const plan = this.#pause(job.handle, now)
    if (plan) plan.stoppedBy = user
    this.#setState(job, 'Stopping')
    this.#push(job.handle, 'stopped', now + this.#options.durations.stopDelay)
  }

  /** pauseJob: a scheduled job's trigger is paused; a run is suspended (shown as WaitingClient). */
  pause(job: Job): void {
    checkCommand('pause', job)
    if (job.state === 'Scheduled') {
      this.#timeline.invalidate(job.handle)
      job.triggerState = 'Paused'
      return
    }
    this.#pause(job.handle, this.#now())
    this.#setState(job, 'WaitingClient')
  }

  /** resumeJob: the reverse of pauseJob. */
  resume(job: Job): void {
    checkCommand('resume', job)
    const now = this.#now()
    if (job.state === 'Scheduled') {
      const recurring = job.execSchedule !== undefined
      const next = recurring
        ? this.#schedule(job.execSchedule as string).next(new Date(now))
        : new Date(Math.max(Date.parse(job.nextFireTime ?? ''), now))
      job.triggerState = next ? 'Normal' : 'Complete'
      if (next) {
        job.nextFireTime = next.toISOString()
        this.#push(job.handle, 'fire', next.getTime(), recurring)
      }
      return
    }
    const plan = this.#plans.get(job.handle)
    if (!plan) throw fault('invalidParameter', `Job '${job.handle}' has no run to resume`)
    if (job.startDate === undefined) {
      this.#setState(job, 'New')
      this.#push(job.handle, 'start', now + this.#options.durations.startDelay)
      return
    }
    this.#setState(job, 'Running')
    plan.runningSince = now
    if (!plan.hold) this.#push(job.handle, 'finish', now + plan.durationMs - plan.elapsedMs)
  }

  /** deleteJob: removes a scheduled job, or a run that has not started; never a running one. */
  delete(job: Job): void {
    checkCommand('delete', job)
    this.#timeline.invalidate(job.handle)
    this.#timeline.forget(job.handle)
    this.#plans.delete(job.handle)
    this.#store.removeJob(job.handle)
  }

  /** executeJob: runs a scheduled job now, whatever its schedule or trigger state. */
  execute(job: Job): void {
    checkCommand('execute', job)
    const now = this.#now()
    this.#fire(job.handle, now, now, true)
    this.#pump.schedule()
  }

  #now(): number {
    return this.#options.clock.now().getTime()
  }

  #schedule(pattern: string): ExecSchedule {
    let schedule = this.#schedules.get(pattern)
    if (!schedule) {
      schedule = ExecSchedule.parse(pattern, this.#options.timeZone)
      if (this.#schedules.size >= 1000) this.#schedules.clear()
      this.#schedules.set(pattern, schedule)
    }
    return schedule
  }

  #push(handle: string, kind: EventKind, at: number, recurring = false): void {
    this.#timeline.push(handle, kind, at, recurring)
    this.#pump.schedule()
  }

  #setState(job: Job, state: JobState): void {
    this.#store.setState(job, state)
  }

  /** Processes due events for at most `budgetMs`; true when nothing due is left. */
  #slice(budgetMs: number): boolean {
    const now = this.#now()
    const deadline = performance.now() + budgetMs
    let count = 0
    for (let event = this.#timeline.popDue(now); event; event = this.#timeline.popDue(now)) {
      if (event.kind === 'fire') this.#fire(event.handle, event.at, now, false)
      else if (event.kind === 'start') this.#start(event.handle, event.at)
      else this.#finish(event.handle, event.at)
      if ((++count & 63) === 0 && performance.now() > deadline) return false
    }
    return true
  }

  /** Ends the current running stretch; the run's queued start/finish events become obsolete. */
  #pause(handle: string, now: number): RunPlan | undefined {
    this.#timeline.invalidate(handle)
    const plan = this.#plans.get(handle)
    if (plan?.runningSince !== undefined) {
      plan.elapsedMs += now - plan.runningSince
      plan.runningSince = undefined
    }
    return plan
  }

  /** A scheduled job fires at `at` (a misfire, more than a threshold late, fires at `now`). */
  #fire(handle: string, at: number, now: number, manual: boolean): void {
    const job = this.#store.job(handle)
    if (job?.state !== 'Scheduled') return
    if (job.execSchedule === undefined) {
      // A one-shot execTime job becomes its own run.
      this.#timeline.invalidate(handle)
      this.#trigger(job, at)
      return
    }
    const fireAt = !manual && this.#misfired(job.handle, job.execSchedule, at, now) ? now : at
    const runNumber = job.runCount + 1
    job.runCount = runNumber
    if (!manual) {
      const next = this.#schedule(job.execSchedule).next(new Date(fireAt))
      job.triggerState = next ? 'Normal' : 'Complete'
      if (next) {
        job.nextFireTime = next.toISOString()
        this.#timeline.push(handle, 'fire', next.getTime(), true)
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
    this.#store.addJob(run)
    this.#trigger(run, fireAt)
  }

  /** Whether a fire due at `at` and processed at `now` is a misfire (see MISFIRE_THRESHOLD_MS). */
  #misfired(handle: string, pattern: string, at: number, now: number): boolean {
    if (now - at <= MISFIRE_THRESHOLD_MS) return false
    if ((this.#replaying.get(handle) ?? Number.NEGATIVE_INFINITY) >= now) return false
    const schedule = this.#schedule(pattern)
    let next: Date | undefined = new Date(at)
    for (let skipped = 0; skipped < MAX_REPLAYED_FIRES; skipped++) {
      next = schedule.next(next)
      if (!next || next.getTime() > now) {
        if (this.#replaying.size >= 1000) this.#replaying.clear()
        this.#replaying.set(handle, now)
        return false
      }
    }
    return true
  }

  /** A run is triggered: its outcome and plan are fixed and it waits in New for its start. */
  #trigger(job: Job, at: number): void {
    job.state = 'New'
    job.triggerTime = iso(at)
    if (job.triggerState !== undefined) delete job.triggerState
    if (job.nextFireTime !== undefined) delete job.nextFireTime
    const outcome =
      this.#options.scenarios.take({
        jobName: job.originalName,
        jobElement: job.jobElement,
        type: job.type,
        companyHandle: job.companyHandle,
      }) ?? noScenario
    const seed = runSeed(this.#options.fakerSeed, job.handle)
    this.#plans.set(job.handle, planRun(job, outcome, seed, this.#options.durations))
    this.#timeline.push(job.handle, 'start', at + this.#options.durations.startDelay)
  }

  #start(handle: string, at: number): void {
    const job = this.#store.job(handle)
    const plan = this.#plans.get(handle)
    if (!job || !plan) return
    this.#setState(job, 'Running')
    job.startDate = iso(at)
    plan.runningSince = at
    notify(this, this.#store, job, 'started')
    if (!plan.hold) this.#timeline.push(handle, 'finish', at + plan.durationMs - plan.elapsedMs)
  }

  #finish(handle: string, at: number): void {
    const job = this.#store.job(handle)
    const plan = this.#plans.get(handle)
    if (!plan || !job) return
    const startedAt = Date.parse(job.startDate ?? job.triggerTime ?? job.submittedAt)
    const stopped = job.state === 'Stopping'
    if (stopped) this.#pause(handle, at)
    const processed = stopped ? doneAt(plan, at) : plan.total
    job.endDate = iso(at)
    job.startDate ??= iso(startedAt)
    this.#plans.delete(handle)
    this.#timeline.forget(handle)
    const run = runEnd(job, plan, stopped, processed, startedAt, at)
    const log = new JobLogRecord(run, job.startDate, job.endDate)
    this.#store.addJobLog(log, namedAssets(run))
    this.#setState(job, 'Done')
    notify(this, this.#store, job, 'completed', {
      success: log.fileSuccessCount,
      warnings: log.fileWarningCount,
      errors: log.fileErrorCount + (fatalMessage(plan.outcome) ? 1 : 0),
      total: plan.total,
    })
    this.#trimOutbox()
  }

  /** Keeps the e-mails of about as many runs as the store keeps (oldest dropped in batches). */
  #trimOutbox(): void {
    const keep = this.#store.retainJobs
    if (this.outbox.length > keep + Math.max(1, keep >> 4)) {
      this.outbox.splice(0, this.outbox.length - keep)
    }
  }
}
