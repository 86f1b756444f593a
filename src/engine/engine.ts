import { fault } from '../faults/catalog.js'
import type { Job } from '../store/models.js'
import type { IpsStore } from '../store/store.js'
import { Schedules } from './catch-up.js'
import { watchClock } from './clock.js'
import * as commands from './commands.js'
import type { Email } from './notifications.js'
import { elapsed, type Progress, progressOf } from './progress.js'
import { Pump, SLICE_MS, yieldToIo } from './pump.js'
import type { RunPlan } from './run-plan.js'
import { type EngineCore, type EngineOptions, runSlice, trigger } from './runs.js'
import { parseDateTime } from './time-zone.js'
import { Timeline, type TimelineState } from './timeline.js'
import type { PostedFile } from './job-kinds.js'
import { openUpload, receiveFiles } from './upload-post.js'

export { MAX_REPLAYED_FIRES, MISFIRE_THRESHOLD_MS } from './catch-up.js'
export { defaultDurations, type JobDurations } from './run-plan.js'
export type { Progress } from './progress.js'
export { UPLOAD_IDLE_MS } from './upload-post.js'
export type { EngineOptions } from './runs.js'

/** The engine's whole state, for snapshots. */
export interface EngineState {
  readonly timeline: TimelineState
  readonly plans: ReadonlyMap<string, Readonly<RunPlan>>
  readonly outbox: readonly Email[]
}

/**
 * The job life cycle (reference §9): runs move New → Running → Done on the mock's clock,
 * scheduled jobs fire by execTime or execSchedule, and the job commands (commands.ts, checked
 * against transitions.ts) change state. Events are processed in time order (timeline.ts, runs.ts)
 * in slices of a few milliseconds that yield to I/O: on a controlled clock every call first
 * processes all that is due, so tests read what the clock says; on the system clock a background
 * pump keeps up and the calls of one turn of the event loop share one short slice, so no call
 * waits for a backlog.
 */
export class JobEngine {
  readonly outbox: Email[] = []
  readonly #core: EngineCore
  readonly #pump: Pump

  constructor(store: IpsStore, options: EngineOptions) {
    this.#core = {
      store,
      options,
      timeline: new Timeline(),
      plans: new Map(),
      schedules: new Schedules(options.timeZone),
      outbox: this.outbox,
    }
    this.#pump = new Pump(
      (deadline) => runSlice(this.#core, deadline),
      () => this.#core.timeline.nextAt(),
      () => !options.clock.controlled,
    )
    watchClock(options.clock, () => this.#pump.schedule())
  }

  get timeZone(): string {
    return this.#core.options.timeZone
  }

  /** Forgets every run, event and e-mail (the store is reset separately); O(1). */
  reset(fakerSeed?: number): void {
    if (fakerSeed !== undefined) this.#core.options.fakerSeed = fakerSeed
    this.#pump.stop()
    this.#core.timeline.clear()
    this.#core.plans.clear()
    this.#core.schedules.clear()
    this.outbox.length = 0
  }

  /** The engine's whole state; plans are copied (they change as runs go on). */
  snapshot(): EngineState {
    return Object.freeze({
      timeline: this.#core.timeline.snapshot(),
      plans: new Map([...this.#core.plans].map(([handle, plan]) => [handle, { ...plan }])),
      outbox: Object.freeze([...this.outbox]),
    })
  }

  /** Puts the engine back in a state `snapshot` returned. */
  restore(state: EngineState): void {
    this.#core.timeline.restore(state.timeline)
    this.#core.plans.clear()
    for (const [handle, plan] of state.plans) this.#core.plans.set(handle, { ...plan })
    this.#core.schedules.clear()
    this.outbox.length = 0
    for (const email of state.outbox) this.outbox.push(email)
    this.#pump.schedule()
  }

  /**
   * Takes a new job into the life cycle before it is stored: fills in its state, trigger and fire
   * times on the record, and queues its first event. Events of a job never stored are skipped.
   * @throws IpsFault 30001 when execSchedule is not a schedule.
   */
  admit(job: Job): void {
    const { timeline, options } = this.#core
    const now = this.#now()
    if (job.execSchedule !== undefined) {
      const next = this.#core.schedules.parse(job.execSchedule).next(new Date(now))
      job.state = 'Scheduled'
      job.triggerState = next ? 'Normal' : 'Complete'
      if (next) {
        job.nextFireTime = next.toISOString()
        timeline.push(job.handle, 'fire', next.getTime(), true)
      }
    } else if (job.execTime !== undefined) {
      const at = parseDateTime(job.execTime, options.timeZone).getTime()
      job.state = 'Scheduled'
      job.triggerState = 'Normal'
      job.nextFireTime = new Date(at).toISOString()
      timeline.push(job.handle, 'fire', Math.max(at, now))
    } else {
      trigger(this.#core, job, now)
    }
    this.#pump.schedule()
  }

  /** Takes the job of a first UploadFile POST into the life cycle: Running, receiving files. */
  openUpload(job: Job): void {
    this.#command(() => openUpload(this.#core, job, this.#now()))
  }

  /**
   * Adds one POST's files to an UploadFile job; `end` (endJob) lets it finish, else it ends 30
   * minutes after this POST. @throws IpsFault 30001 when the job no longer receives files.
   */
  receiveFiles(job: Job, files: readonly PostedFile[], end: boolean): void {
    this.#command(() => receiveFiles(this.#core, job, files, end, this.#now()))
  }

  /**
   * Brings runs up to the clock before a call: on a controlled clock everything due (in slices
   * that yield to I/O), on the system clock at most a share of one short slice per turn of the
   * event loop (the pump does the rest).
   */
  settle(): Promise<void> {
    if (this.#core.options.clock.controlled) return this.drain()
    this.#pump.forRequest()
    return Promise.resolve()
  }

  /** Processes every event due at the clock's current time, yielding to I/O between slices. */
  async drain(): Promise<void> {
    while (!runSlice(this.#core, performance.now() + SLICE_MS)) await yieldToIo()
  }

  /**
   * Moves the clock from event to event until no run is pending: every triggered run ends, and
   * one-shot execTime jobs fire. Recurring schedules do not keep it busy, held runs stay held.
   */
  async runUntilIdle(maxEvents = 10_000): Promise<void> {
    await this.drain()
    for (let count = 0; count < maxEvents; count++) {
      const next = this.#core.timeline.nextRunAt()
      if (next === undefined) return
      if (next > this.#now()) this.#core.options.clock.set(next)
      await this.drain()
    }
  }

  /** The progress of a run at the clock's current time. */
  progress(job: Job): Progress {
    return progressOf(job, this.#core.plans.get(job.handle), this.#now())
  }

  /** Lets a run held by a scenario finish now. @throws IpsFault 30001 when it is not held. */
  async release(handle: string): Promise<void> {
    await this.drain()
    const plan = this.#core.plans.get(handle)
    if (!plan?.hold) throw fault('invalidParameter', `Job '${handle}' is not held by a scenario`)
    plan.hold = false
    if (plan.runningSince !== undefined) {
      const now = this.#now()
      plan.durationMs = Math.max(elapsed(plan, now), 0)
      this.#core.timeline.push(handle, 'finish', now)
      this.#pump.schedule()
    }
  }

  /** stopJob: a run that has not ended goes Stopping, then Done. */
  stop(job: Job, user: string): void {
    this.#command(() => commands.stop(this.#core, job, user, this.#now()))
  }

  /** pauseJob: a scheduled job's trigger is paused; a run is suspended (WaitingClient). */
  pause(job: Job): void {
    this.#command(() => commands.pause(this.#core, job, this.#now()))
  }

  /** resumeJob: the reverse of pauseJob. */
  resume(job: Job): void {
    this.#command(() => commands.resume(this.#core, job, this.#now()))
  }

  /** deleteJob: removes a scheduled job, or a run that has not started; never a running one. */
  delete(job: Job): void {
    this.#command(() => commands.remove(this.#core, job))
  }

  /** executeJob: runs a scheduled job now, whatever its schedule or trigger state. */
  execute(job: Job): void {
    this.#command(() => commands.execute(this.#core, job, this.#now()))
  }

  #command(run: () => void): void {
    run()
    this.#pump.schedule()
  }

  #now(): number {
    return this.#core.options.clock.now().getTime()
  }
}
