// The English-only entry loads in a tenth of the time of the all-locales one.
import { faker } from '@faker-js/faker/locale/en'
import { fault } from '../faults/catalog.js'
import type { Job, JobLogDetail } from '../store/models.js'
import type { IpsStore } from '../store/store.js'
import type { Clock } from './clock.js'
import { toMilliseconds } from './duration.js'
import { jobKinds, type WorkItem } from './job-kinds.js'
import type { MessageKey } from './messages.js'
import { type Email, notify } from './notifications.js'
import { EventQueue, type QueueState } from './queue.js'
import type { FileProblem, Outcome, Scenarios } from './scenarios.js'
import { ExecSchedule } from './schedule.js'
import { parseDateTime } from './time-zone.js'

/** How long runs take, in milliseconds, when no scenario says otherwise. */
export interface JobDurations {
  /** From trigger to Running (New state). Default 1000. */
  startDelay: number
  /** A run's base time once running. Default 2000. */
  base: number
  /** Added per work item. Default 500. */
  perItem: number
  /** From stopJob to Done (Stopping state). Default 1000. */
  stopDelay: number
}

export const defaultDurations: JobDurations = {
  startDelay: 1000,
  base: 2000,
  perItem: 500,
  stopDelay: 1000,
}

type ItemResult = { item: WorkItem; result: 'success' | 'warning' | 'error'; message?: string }

/** What a run will do, fixed when it is triggered so that reads are reproducible. */
interface RunPlan {
  items: ItemResult[]
  fatal?: string
  durationMs: number
  hold: boolean
  /** Running time accumulated before the current running stretch. */
  elapsedMs: number
  /** When the current running stretch began (ms), if running. */
  runningSince?: number
  stoppedBy?: string
}

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

/** The engine's whole state, for snapshots. */
export interface EngineState {
  readonly queue: QueueState
  readonly plans: ReadonlyMap<string, Readonly<RunPlan>>
  readonly outcomes: ReadonlyMap<string, Outcome>
  readonly versions: ReadonlyMap<string, number>
  readonly lastVersion: number
  readonly obsolete: number
  readonly outbox: readonly Email[]
}

export interface EngineOptions {
  clock: Clock
  timeZone: string
  durations: JobDurations
  fakerSeed: number
  scenarios: Scenarios
}

function hash(text: string): number {
  let value = 2166136261
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index)
    value = Math.imul(value, 16777619)
  }
  return value >>> 0
}

/**
 * The job life cycle (reference §9): runs move New → Running → Done on the mock's clock,
 * scheduled jobs fire by execTime or execSchedule, and stop/pause/resume/delete/execute change
 * state. Nothing runs on timers: every read first settles the events that are due, in time
 * order, so a controlled clock gives the same states, logs and e-mails every time.
 */
export class JobEngine {
  readonly outbox: Email[] = []
  readonly #store: IpsStore
  readonly #options: EngineOptions
  readonly #queue = new EventQueue()
  readonly #plans = new Map<string, RunPlan>()
  /** Outcomes of triggered runs whose plan has not been needed yet. */
  readonly #outcomes = new Map<string, Outcome>()
  readonly #versions = new Map<string, number>()
  #lastVersion = 0
  /** Queued events made obsolete since the queue was last compacted (an estimate). */
  #obsolete = 0
  /** Shared, so reseeded synchronously right before every use. */
  readonly #faker = faker
  #settling: Promise<void> = Promise.resolve()

  constructor(store: IpsStore, options: EngineOptions) {
    this.#store = store
    this.#options = options
  }

  get timeZone(): string {
    return this.#options.timeZone
  }

  /**
   * Forgets every run, event and e-mail (the store is reset separately); given a faker seed,
   * job details are drawn from it from now on.
   */
  reset(fakerSeed?: number): void {
    if (fakerSeed !== undefined) this.#options.fakerSeed = fakerSeed
    this.#queue.clear()
    this.#plans.clear()
    this.#outcomes.clear()
    this.#versions.clear()
    this.#obsolete = 0
    this.outbox.length = 0
  }

  /**
   * The engine's whole state. Plans are copied (they change as runs go on); their items,
   * events, outcomes and e-mails never change once made, so they are shared.
   */
  snapshot(): EngineState {
    return Object.freeze({
      queue: this.#queue.snapshot(),
      plans: new Map(
        [...this.#plans].map(([handle, plan]) => [handle, Object.freeze({ ...plan })]),
      ),
      outcomes: new Map(this.#outcomes),
      versions: new Map(this.#versions),
      lastVersion: this.#lastVersion,
      obsolete: this.#obsolete,
      outbox: Object.freeze([...this.outbox]),
    })
  }

  /** Puts the engine back in a state `snapshot` returned. */
  restore(state: EngineState): void {
    this.#queue.restore(state.queue)
    this.#plans.clear()
    for (const [handle, plan] of state.plans) this.#plans.set(handle, { ...plan })
    this.#outcomes.clear()
    for (const [handle, outcome] of state.outcomes) this.#outcomes.set(handle, outcome)
    this.#versions.clear()
    for (const [handle, version] of state.versions) this.#versions.set(handle, version)
    this.#lastVersion = state.lastVersion
    this.#obsolete = state.obsolete
    this.outbox.length = 0
    for (const email of state.outbox) this.outbox.push(email)
    this.#settling = Promise.resolve()
  }

  /**
   * Takes a new job into the life cycle before it is stored: fills in its state, trigger and fire
   * times on the plain record (no store round trip), and queues its first event. Synchronous, so
   * the submit path stays cheap; events of a job that never got stored are skipped.
   * @throws IpsFault 30001 when execSchedule is not a schedule.
   */
  admit(job: Job): void {
    const now = this.#options.clock.now().getTime()
    if (job.execSchedule !== undefined) {
      const next = ExecSchedule.parse(job.execSchedule, this.#options.timeZone).next(new Date(now))
      job.state = 'Scheduled'
      job.triggerState = next ? 'Normal' : 'Complete'
      if (next) {
        job.nextFireTime = next.toISOString()
        this.#push(job.handle, 'fire', next.getTime())
      }
    } else if (job.execTime !== undefined) {
      const at = parseDateTime(job.execTime, this.#options.timeZone).getTime()
      job.state = 'Scheduled'
      job.triggerState = 'Normal'
      job.nextFireTime = new Date(at).toISOString()
      this.#push(job.handle, 'fire', Math.max(at, now))
    } else {
      job.state = 'New'
      job.triggerTime = new Date(now).toISOString()
      this.#planFor(job)
      this.#push(job.handle, 'start', now + this.#options.durations.startDelay)
    }
  }

  /** Processes every event due at the clock's current time. Serialised: one settle at a time. */
  settle(): Promise<void> {
    const run = this.#settling.then(() => this.#drain(this.#options.clock.now().getTime()))
    this.#settling = run.catch(() => undefined)
    return run
  }

  /**
   * Moves the clock from event to event until no run is pending: every triggered run ends, and
   * one-shot execTime jobs fire. Recurring schedules do not keep it busy, held runs stay held.
   */
  async runUntilIdle(maxEvents = 10_000): Promise<void> {
    await this.settle()
    for (let count = 0; count < maxEvents; count++) {
      const next = this.#queue.sorted().find((event) => this.#counts(event))
      if (!next) return
      if (next.at > this.#options.clock.now().getTime()) this.#options.clock.set(next.at)
      await this.settle()
    }
  }

  /** The progress of a run at the clock's current time. */
  progress(job: Job): Progress {
    const plan = this.#planOf(job.handle)
    const now = this.#options.clock.now().getTime()
    const total = plan?.items.length ?? 0
    if (!plan || job.state === 'New') {
      return {
        done: 0,
        total,
        percent: 0,
        fraction: 0,
        updatedAt: new Date(Date.parse(job.triggerTime ?? job.submittedAt)),
      }
    }
    const elapsed = plan.elapsedMs + (plan.runningSince !== undefined ? now - plan.runningSince : 0)
    let fraction = plan.durationMs === 0 ? 1 : Math.min(1, elapsed / plan.durationMs)
    if (plan.hold) fraction = Math.min(fraction, 0.99)
    const done = Math.min(total, Math.floor(fraction * total))
    return { done, total, percent: Math.floor(fraction * 100), fraction, updatedAt: new Date(now) }
  }

  /** Lets a run held by a scenario finish now. @throws IpsFault 30001 when it is not held. */
  async release(handle: string): Promise<void> {
    await this.settle()
    const plan = this.#planOf(handle)
    if (!plan?.hold) throw fault('invalidParameter', `Job '${handle}' is not held by a scenario`)
    plan.hold = false
    if (plan.runningSince !== undefined) {
      const now = this.#options.clock.now().getTime()
      plan.durationMs = Math.max(plan.elapsedMs + (now - plan.runningSince), 0)
      this.#push(handle, 'finish', now)
    }
  }

  /** stopJob: a run that has not ended goes Stopping, then Done. */
  async stop(job: Job, user: string): Promise<void> {
    if (!['New', 'Running', 'WaitingClient'].includes(job.state)) {
      throw notAllowed(job, 'stopped', 'only a job that is running can be stopped')
    }
    const now = this.#options.clock.now().getTime()
    const plan = this.#pause(job.handle, now)
    if (plan) plan.stoppedBy = user
    await this.#update(job.handle, (draft) => {
      draft.state = 'Stopping'
    })
    this.#push(job.handle, 'stopped', now + this.#options.durations.stopDelay)
  }

  /** pauseJob: a scheduled job's trigger is paused; a run is suspended (shown as WaitingClient). */
  async pause(job: Job): Promise<void> {
    if (job.state === 'Scheduled') {
      if (job.triggerState !== 'Normal') throw notAllowed(job, 'paused', 'it is already paused')
      this.#bump(job.handle)
      await this.#update(job.handle, (draft) => {
        draft.triggerState = 'Paused'
      })
      return
    }
    if (job.state !== 'New' && job.state !== 'Running') {
      throw notAllowed(job, 'paused', 'only a scheduled or running job can be paused')
    }
    this.#pause(job.handle, this.#options.clock.now().getTime())
    await this.#update(job.handle, (draft) => {
      draft.state = 'WaitingClient'
    })
  }

  /** resumeJob: the reverse of pauseJob. */
  async resume(job: Job): Promise<void> {
    const now = this.#options.clock.now()
    if (job.state === 'Scheduled') {
      if (job.triggerState !== 'Paused') throw notAllowed(job, 'resumed', 'it is not paused')
      const next =
        job.execSchedule !== undefined
          ? ExecSchedule.parse(job.execSchedule, this.#options.timeZone).next(now)
          : new Date(Math.max(Date.parse(job.nextFireTime ?? ''), now.getTime()))
      await this.#update(job.handle, (draft) => {
        draft.triggerState = next ? 'Normal' : 'Complete'
        if (next) draft.nextFireTime = next.toISOString()
      })
      if (next) this.#push(job.handle, 'fire', next.getTime())
      return
    }
    const plan = this.#planOf(job.handle)
    if (job.state !== 'WaitingClient' || !plan) throw notAllowed(job, 'resumed', 'it is not paused')
    const started = job.startDate !== undefined
    await this.#update(job.handle, (draft) => {
      draft.state = started ? 'Running' : 'New'
    })
    if (!started) {
      this.#push(job.handle, 'start', now.getTime() + this.#options.durations.startDelay)
      return
    }
    plan.runningSince = now.getTime()
    if (!plan.hold)
      this.#push(job.handle, 'finish', now.getTime() + plan.durationMs - plan.elapsedMs)
  }

  /** deleteJob: removes a scheduled job, or a run that has not started; never a running one. */
  async delete(job: Job): Promise<void> {
    if (job.state !== 'Scheduled' && job.state !== 'New') {
      const reason = job.state === 'Done' ? 'it has already ended' : 'it is running; stop it first'
      throw notAllowed(job, 'deleted', reason)
    }
    this.#bump(job.handle)
    this.#plans.delete(job.handle)
    this.#outcomes.delete(job.handle)
    this.#versions.delete(job.handle)
    this.#compact()
    await this.#store.removeJob(job.handle)
  }

  /** executeJob: runs a scheduled job now, whatever its schedule or trigger state. */
  async execute(job: Job): Promise<void> {
    if (job.state !== 'Scheduled') {
      throw notAllowed(job, 'executed', 'only a scheduled job can be executed')
    }
    await this.#fire(job.handle, this.#options.clock.now().getTime(), true)
  }

  /** Drops obsolete events once they outnumber the live ones, so the queue cannot grow unbounded. */
  #compact(): void {
    if (this.#obsolete < 1000 || this.#obsolete < this.#queue.size / 2) return
    this.#queue.retain((event) => event.version === this.#versions.get(event.handle))
    this.#obsolete = 0
  }

  #counts(event: { kind: string; handle: string; version: number }): boolean {
    if (event.version !== (this.#versions.get(event.handle) ?? 0)) return false
    return event.kind !== 'fire' || this.#store.job(event.handle)?.execSchedule === undefined
  }

  /**
   * Makes a job's queued events obsolete. Versions come from one counter for the whole engine,
   * so an event left over from a deleted job can never match a new job under the same handle.
   */
  #bump(handle: string): number {
    if (this.#versions.has(handle)) this.#obsolete++
    const version = ++this.#lastVersion
    this.#versions.set(handle, version)
    return version
  }

  #push(handle: string, kind: 'fire' | 'start' | 'finish' | 'stopped', at: number): void {
    const version = this.#bump(handle)
    this.#queue.push({ at, handle, kind, version })
  }

  /** Ends the current running stretch; future start/finish events become obsolete. */
  #pause(handle: string, now: number): RunPlan | undefined {
    this.#bump(handle)
    const plan = this.#planOf(handle)
    if (plan?.runningSince !== undefined) {
      plan.elapsedMs += now - plan.runningSince
      plan.runningSince = undefined
    }
    return plan
  }

  async #drain(now: number): Promise<void> {
    for (let next = this.#queue.peek(); next && next.at <= now; next = this.#queue.peek()) {
      this.#queue.pop()
      if (next.version !== (this.#versions.get(next.handle) ?? 0)) continue
      if (next.kind === 'fire') await this.#fire(next.handle, next.at, false)
      else if (next.kind === 'start') await this.#start(next.handle, next.at)
      else await this.#finish(next.handle, next.at)
    }
  }

  async #update(handle: string, change: (draft: Job) => void): Promise<Job> {
    return this.#store.updateJob(handle, change)
  }

  async #fire(handle: string, at: number, manual: boolean): Promise<void> {
    const job = this.#store.job(handle)
    if (job?.state !== 'Scheduled') return
    if (job.execSchedule === undefined) {
      // A one-shot execTime job becomes its own run.
      this.#bump(handle)
      await this.#trigger(handle, at)
      return
    }
    const runNumber = job.runCount + 1
    const next = manual
      ? undefined
      : ExecSchedule.parse(job.execSchedule, this.#options.timeZone).next(new Date(at))
    await this.#update(handle, (draft) => {
      draft.runCount = runNumber
      if (!manual) {
        draft.triggerState = next ? 'Normal' : 'Complete'
        if (next) draft.nextFireTime = next.toISOString()
        else delete draft.nextFireTime
      }
    })
    if (next) this.#push(handle, 'fire', next.getTime())
    const run: Job = Object.assign({}, job, {
      handle: `${job.handle}${runNumber}`,
      name: `${job.name}_${runNumber}`,
      state: 'New' as const,
      parentHandle: job.handle,
      runCount: 0,
      params: job.params,
    })
    delete run.triggerState
    delete run.nextFireTime
    await this.#store.addJob(run)
    await this.#trigger(run.handle, at)
  }

  /** A run is triggered: its outcome is fixed and it waits in New for its start. */
  async #trigger(handle: string, at: number): Promise<void> {
    const job = await this.#update(handle, (draft) => {
      draft.state = 'New'
      draft.triggerTime = new Date(at).toISOString()
      delete draft.triggerState
      delete draft.nextFireTime
    })
    this.#planFor(job)
    this.#push(handle, 'start', at + this.#options.durations.startDelay)
  }

  /** Fixes a run's outcome now (so "the next job" means this one); its files come later. */
  #planFor(job: Job): void {
    const outcome: Outcome =
      this.#options.scenarios.take({
        jobName: job.originalName,
        jobElement: job.jobElement,
        type: job.type,
        companyHandle: job.companyHandle,
      }) ?? noScenario
    this.#outcomes.set(job.handle, outcome)
  }

  /** The run's plan, built on first use from its outcome and the job's parameters. */
  #planOf(handle: string): RunPlan | undefined {
    let plan = this.#plans.get(handle)
    if (plan) return plan
    const outcome = this.#outcomes.get(handle)
    const job = this.#store.job(handle)
    if (!outcome || !job) return undefined
    plan = this.#plan(job, outcome)
    this.#plans.set(handle, plan)
    this.#outcomes.delete(handle)
    return plan
  }

  #plan(job: Job, outcome: Outcome): RunPlan {
    this.#faker.seed(hash(`${this.#options.fakerSeed}:${job.handle}`))
    const kind = jobKinds[job.jobElement]
    const items: ItemResult[] = (kind?.items(job.params, this.#faker) ?? []).map((item) => ({
      item,
      result: 'success' as const,
    }))
    this.#apply(items, outcome.errors, 'error')
    this.#apply(items, outcome.warnings, 'warning')
    const durations = this.#options.durations
    const plan: RunPlan = {
      items,
      durationMs:
        outcome.duration !== undefined
          ? toMilliseconds(outcome.duration)
          : durations.base + durations.perItem * items.length,
      hold: outcome.hold === true,
      elapsedMs: 0,
    }
    if (outcome.fatal)
      plan.fatal = typeof outcome.fatal === 'string' ? outcome.fatal : 'Internal processing error'
    return plan
  }

  #apply(
    items: ItemResult[],
    problems: number | FileProblem[] | undefined,
    result: 'warning' | 'error',
  ): void {
    const list: FileProblem[] =
      typeof problems === 'number' ? Array.from({ length: problems }, () => ({})) : (problems ?? [])
    for (const problem of list) {
      const text =
        problem.message ??
        (result === 'error'
          ? 'The file could not be processed'
          : 'The file was processed with defaults')
      let target =
        problem.file === undefined
          ? undefined
          : items.find((entry) => entry.item.name === problem.file)
      if (problem.file !== undefined && !target) {
        target = { item: { name: problem.file, assetType: 'MasterImage' }, result: 'success' }
        items.push(target)
      }
      target ??= items.find((entry) => entry.result === 'success')
      if (!target) {
        target = {
          item: { name: this.#faker.system.commonFileName('jpg'), assetType: 'MasterImage' },
          result: 'success',
        }
        items.push(target)
      }
      target.result = result
      target.message = text
    }
  }

  async #start(handle: string, at: number): Promise<void> {
    if (!this.#store.job(handle)) return
    const job = await this.#update(handle, (draft) => {
      draft.state = 'Running'
      draft.startDate = new Date(at).toISOString()
    })
    const plan = this.#planOf(handle)
    if (!plan) return
    plan.runningSince = at
    notify(this, this.#store, job, 'started')
    if (!plan.hold) this.#push(handle, 'finish', at + plan.durationMs - plan.elapsedMs)
  }

  async #finish(handle: string, at: number): Promise<void> {
    const plan = this.#planOf(handle)
    const current = this.#store.job(handle)
    if (!plan || !current) return
    const startedAt = Date.parse(current.startDate ?? current.triggerTime ?? current.submittedAt)
    const stopped = current.state === 'Stopping'
    if (stopped) this.#pause(handle, at)
    const processed = stopped
      ? this.progress(Object.assign({}, current, { state: 'Running' as const })).done
      : plan.items.length
    const job = await this.#update(handle, (draft) => {
      draft.state = 'Done'
      draft.endDate = new Date(at).toISOString()
      draft.startDate ??= new Date(startedAt).toISOString()
    })
    this.#plans.delete(handle)
    this.#versions.delete(handle)
    this.#compact()
    const results = plan.items.slice(0, processed)
    await this.#store.addJobLog(this.#log(job, plan, results, startedAt, at, stopped))
    notify(this, this.#store, job, 'completed', {
      success: results.filter((entry) => entry.result === 'success').length,
      warnings: results.filter((entry) => entry.result === 'warning').length,
      errors: results.filter((entry) => entry.result === 'error').length + (plan.fatal ? 1 : 0),
      total: plan.items.length,
    })
  }

  #log(
    job: Job,
    plan: RunPlan,
    results: ItemResult[],
    start: number,
    end: number,
    stopped: boolean,
  ) {
    const kind = jobKinds[job.jobElement]
    const details: JobLogDetail[] = []
    const line = (
      logType: string,
      key: MessageKey,
      args: Record<string, string | number>,
      at: number,
      item?: WorkItem,
    ) => {
      const detail: JobLogDetail = { logType, key, args, dateCreated: new Date(at).toISOString() }
      if (item) {
        detail.assetName = item.name
        detail.assetType = item.assetType
        if (item.assetHandle) detail.assetHandle = item.assetHandle
      }
      details.push(detail)
    }
    const begin = kind?.begin ?? 'JobType'
    line(begin, 'begin', { job: job.name }, start)
    line('OriginalJobName', 'originalJobName', { name: job.originalName }, start)
    line('JobClient', 'jobClient', { user: job.submitUserEmail }, start)
    line('TotalFileCount', 'totalFileCount', { count: plan.items.length }, start)
    const step = results.length > 0 ? (end - start) / (results.length + 1) : 0
    results.forEach((entry, index) => {
      const at = Math.round(start + step * (index + 1))
      const logType =
        entry.result === 'success'
          ? kind?.success
          : entry.result === 'warning'
            ? kind?.warning
            : kind?.error
      const args = { file: entry.item.name, message: entry.message ?? '' }
      line(logType ?? 'FileProgress', entry.result, args, at, entry.item)
    })
    if (plan.fatal && !stopped) line('FatalError', 'fatal', { message: plan.fatal }, end)
    if (stopped) line('FileCancel', 'stopped', { user: plan.stoppedBy ?? job.submitUserEmail }, end)
    line(kind?.end ?? 'JobType', 'end', { job: job.name }, end)
    const count = (result: ItemResult['result']) =>
      results.filter((entry) => entry.result === result).length
    const isUpload = ['uploadUrlsJob', 'uploadDirectoryJob'].includes(job.jobElement)
    const publishType = String((job.params as { publishType?: string }).publishType ?? '')
    return {
      jobHandle: job.handle,
      submittedHandle: job.parentHandle ?? job.handle,
      companyHandle: job.companyHandle,
      jobName: job.name,
      originalJobName: job.originalName,
      submitUserHandle: job.submitUserHandle,
      submitUserEmail: job.submitUserEmail,
      logType: begin,
      jobSubType: job.jobElement === 'imageServingPublishJob' ? (subTypes[publishType] ?? '') : '',
      ...(job.locale ? { locale: job.locale } : {}),
      startDate: new Date(start).toISOString(),
      endDate: new Date(end).toISOString(),
      fileSuccessCount: count('success'),
      fileErrorCount: count('error'),
      fileWarningCount: count('warning'),
      fileDuplicateCount: 0,
      fileUpdateCount: 0,
      totalFileCount: plan.items.length,
      transferSuccessCount: isUpload ? count('success') + count('warning') : 0,
      transferErrorCount: isUpload ? count('error') : 0,
      transferWarningCount: isUpload ? count('warning') : 0,
      fatalError: plan.fatal !== undefined && !stopped,
      details,
    }
  }
}

const noScenario: Outcome = Object.freeze({})

/** `ImageServingPublishJob/publishType` → the job log's jobSubType (reference §6.1). */
const subTypes: Record<string, string> = {
  Full: 'full',
  Incremental: 'increment',
  FullWithSearch: 'fullwithsearch',
}

function notAllowed(job: Job, action: string, reason: string) {
  const state = job.state === 'Scheduled' ? `Scheduled, trigger ${job.triggerState}` : job.state
  return fault(
    'invalidParameter',
    `Job '${job.handle}' cannot be ${action} (state ${state}): ${reason}`,
  )
}
