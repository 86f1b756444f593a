import { Collection } from '@msw/data'
import { type AssetState, AssetLibrary } from './assets.js'
import { Fifo } from './fifo.js'
import { loadLibrary } from './library-seed.js'
import { LogIndex, type LogFilter } from './log-index.js'
import {
  type Company,
  companySchema,
  type Job,
  type JobLog,
  jobLogSchema,
  jobSchema,
  type JobState,
  type User,
  userSchema,
} from './models.js'
import { Directory } from './directory.js'
import { RecordList } from './record-list.js'
import type { ResolvedSeed } from './seed.js'
import { IpsMockError } from '../errors/ips-mock-error.js'
import { defaults } from '../defaults.js'

/** Finished runs kept by default: a few hundred MB of heap for typical jobs. */
export const DEFAULT_RETAIN_JOBS = defaults.retainJobs

/** A store's whole state, for snapshots. Job records are copies; logs never change, so shared. */
export interface StoreState {
  readonly companies: readonly Company[]
  readonly users: readonly User[]
  readonly jobs: readonly Job[]
  /** Handles of finished jobs, oldest first (retention order). */
  readonly finished: readonly string[]
  /** Every log in the order written, with the assets it names. */
  readonly logs: ReadonlyArray<readonly [JobLog, readonly string[]]>
  /** Logs in collection order. */
  readonly logOrder: readonly JobLog[]
  readonly jobNames: ReadonlyMap<string, readonly string[]>
  readonly nextSuffix: ReadonlyMap<string, number>
  readonly library: AssetState
}

/**
 * The mock's state. Records are plain objects the store owns and changes in place; each model's
 * @msw/data collection holds the very same objects (see RecordList), so `findMany` always sees
 * the current state while every hot path goes through a Map: O(1) by handle, O(result) by owner.
 * Internal: users get the read-only `IpsStoreView`.
 */
export class IpsStore {
  readonly companies = new Collection({ schema: companySchema })
  readonly users = new Collection({ schema: userSchema })
  readonly jobs = new Collection({ schema: jobSchema })
  readonly jobLogs = new Collection({ schema: jobLogSchema })
  /** Folders and assets, indexed per company; `library.assets`/`library.folders` are collections. */
  readonly library = new AssetLibrary()
  /** Finished runs kept before the oldest are evicted with their logs. */
  retainJobs: number

  readonly #directory = new Directory(this.companies as never, this.users as never)
  readonly #jobs = new RecordList<Job>(this.jobs as never, (job) => job.handle)
  readonly #logs = new LogIndex(this.jobLogs as never)
  /** companyHandle → handles of its jobs, in submission order. */
  #jobsByCompany = new Map<string, Set<string>>()
  /** companyHandle → handles of its jobs that are not Done (scheduled and active), in order. */
  #liveByCompany = new Map<string, Set<string>>()
  /** Finished jobs, oldest first: the retention order. */
  #finished = new Fifo<Job>()
  /** companyHandle → job names in use, for IPS-style unique names. */
  #jobNames = new Map<string, Set<string>>()
  /** companyHandle + name → the next suffix to try, so repeated names stay O(1). */
  #nextSuffix = new Map<string, number>()

  constructor(retainJobs = DEFAULT_RETAIN_JOBS) {
    this.retainJobs = retainJobs
  }

  /** Replaces the whole state with a resolved seed (validated against the models). */
  load(seed: ResolvedSeed): void {
    this.reset()
    this.#directory.load(seed)
    loadLibrary(this.library, seed)
  }

  /** Empties every collection and index in O(1): arrays truncated, indexes replaced. */
  reset(): void {
    this.#directory.reset()
    this.#jobs.reset()
    this.#logs.reset()
    this.#jobsByCompany = new Map()
    this.#liveByCompany = new Map()
    this.#finished = new Fifo()
    this.#jobNames = new Map()
    this.#nextSuffix = new Map()
    this.library.reset()
  }

  /** The whole state: a copy of every company, user and job; logs are shared, never changed. */
  snapshot(): StoreState {
    const copy = <T extends object>(records: readonly T[]) =>
      Object.freeze(records.map((record) => Object.freeze({ ...record })))
    const directory = this.#directory.snapshot()
    const finished = this.#finished.toArray()
    const logs: Array<readonly [JobLog, readonly string[]]> = []
    for (const job of finished) {
      const log = this.#logs.list.get(job.handle)
      if (log) logs.push([log, this.#logs.assetsOf(log)])
    }
    return Object.freeze({
      companies: directory.companies,
      users: directory.users,
      jobs: copy(this.#jobs.values()),
      finished: finished.map((job) => job.handle),
      logs,
      logOrder: [...this.#logs.list.values()],
      jobNames: new Map([...this.#jobNames].map(([company, names]) => [company, [...names]])),
      nextSuffix: new Map(this.#nextSuffix),
      library: this.library.snapshot(),
    })
  }

  /** Replaces the whole state with one `snapshot` returned: fresh records, rebuilt indexes. O(n). */
  restore(state: StoreState): void {
    this.reset()
    this.#directory.restore(state)
    for (const job of state.jobs) this.#index({ ...job })
    for (const handle of state.finished) {
      const job = this.#jobs.get(handle)
      if (job) this.#finished.push(job)
    }
    for (const [log, assets] of state.logs) this.#logs.add(log, assets)
    this.#logs.list.replace(state.logOrder)
    for (const [company, names] of state.jobNames) this.#jobNames.set(company, new Set(names))
    for (const [key, suffix] of state.nextSuffix) this.#nextSuffix.set(key, suffix)
    this.library.restore(state.library)
  }

  company(handle: string): Company | undefined {
    return this.#directory.company(handle)
  }

  /** Looks a user up by e-mail, case-insensitively as IPS logins are. */
  userByEmail(email: string): User | undefined {
    return this.#directory.userByEmail(email)
  }

  userByHandle(handle: string): User | undefined {
    return this.#directory.userByHandle(handle)
  }

  /** Changes a user (validated first); see Directory.updateUser. */
  updateUser(handle: string, change: Partial<Omit<User, 'handle'>>): User {
    return this.#directory.updateUser(handle, change)
  }

  /** Changes a company (validated first); see Directory.updateCompany. */
  updateCompany(handle: string, change: Partial<Omit<Company, 'handle'>>): Company {
    return this.#directory.updateCompany(handle, change)
  }

  job(handle: string): Job | undefined {
    return this.#jobs.get(handle)
  }

  /** Number of stored jobs. */
  get jobCount(): number {
    return this.#jobs.size
  }

  /**
   * Claims a job name unique within the company: the submitted name if free, else the first free
   * `<name>_<n>`. Synchronous, so concurrent submits can never claim the same name.
   */
  claimJobName(companyHandle: string, name: string): string {
    let names = this.#jobNames.get(companyHandle)
    if (!names) {
      names = new Set()
      this.#jobNames.set(companyHandle, names)
    }
    if (!names.has(name)) {
      names.add(name)
      return name
    }
    const key = `${companyHandle}\u0000${name}`
    let suffix = this.#nextSuffix.get(key) ?? 1
    while (names.has(`${name}_${suffix}`)) suffix++
    this.#nextSuffix.set(key, suffix + 1)
    const unique = `${name}_${suffix}`
    names.add(unique)
    return unique
  }

  /** Gives a claimed name back, when storing the job failed. */
  releaseJobName(companyHandle: string, name: string): void {
    this.#jobNames.get(companyHandle)?.delete(name)
  }

  /** Stores a new job (the record itself, not a copy); its handle must be unused. */
  addJob(job: Job): Job {
    if (this.#jobs.has(job.handle)) {
      throw new IpsMockError({
        code: 'CONFLICT',
        action: 'store job',
        subject: job.handle,
        reason: 'the handle is taken',
      })
    }
    this.#index(job)
    if (job.state === 'Done') this.#finish(job)
    return job
  }

  /** Moves a job to another state, keeping the live index current; Done counts for retention. */
  setState(job: Job, state: JobState): void {
    if (job.state === state) return
    job.state = state
    if (state === 'Done') {
      this.#liveByCompany.get(job.companyHandle)?.delete(job.handle)
      this.#finish(job)
    }
  }

  /** Deletes a job (the logs of its runs stay, as IPS keeps job logs). */
  removeJob(handle: string): void {
    const record = this.#jobs.remove(handle)
    if (!record) return
    this.#jobsByCompany.get(record.companyHandle)?.delete(handle)
    this.#liveByCompany.get(record.companyHandle)?.delete(handle)
    // A deleted job's name may be used again, as IPS names are unique among existing jobs;
    // not if the job has logs, which would then be attributed to the newcomer's handle.
    if (this.#logs.of(handle).length === 0) this.releaseJobName(record.companyHandle, record.name)
  }

  /** The jobs of a company, in submission order. O(its jobs). */
  jobsOf(companyHandle: string): Job[] {
    return this.#lookup(this.#jobsByCompany.get(companyHandle))
  }

  /** The jobs of a company that are not Done (scheduled or active), in order. O(result). */
  liveJobsOf(companyHandle: string): Job[] {
    return this.#lookup(this.#liveByCompany.get(companyHandle))
  }

  /** Stores a job log; `assetHandles` are the assets its detail lines name. */
  addJobLog(log: JobLog, assetHandles?: readonly string[]): JobLog {
    this.#logs.add(log, assetHandles)
    return log
  }

  /** Job logs of a run, or of every run of a submitted or scheduled job. */
  logsOf(handle: string): JobLog[] {
    return this.#logs.of(handle)
  }

  /** Job logs of a company, oldest first. O(its logs). */
  companyLogs(companyHandle: string): JobLog[] {
    return this.#logs.company(companyHandle)
  }

  /** Job logs whose detail lines name the asset. */
  assetLogs(assetHandle: string): readonly JobLog[] {
    return this.#logs.asset(assetHandle)
  }

  /** The `count` logs of the companies that started last, newest first. O(count) typically. */
  newestLogs(companies: readonly string[], count: number, filter?: LogFilter): JobLog[] {
    return this.#logs.newest(companies, count, filter)
  }

  #index(job: Job): void {
    this.#jobs.add(job)
    this.#ownerSet(this.#jobsByCompany, job.companyHandle).add(job.handle)
    if (job.state !== 'Done') this.#ownerSet(this.#liveByCompany, job.companyHandle).add(job.handle)
  }

  #ownerSet(index: Map<string, Set<string>>, owner: string): Set<string> {
    let set = index.get(owner)
    if (!set) index.set(owner, (set = new Set()))
    return set
  }

  #lookup(handles: Set<string> | undefined): Job[] {
    const jobs: Job[] = []
    for (const handle of handles ?? []) jobs.push(this.#jobs.get(handle) as Job)
    return jobs
  }

  /** A job reached Done: it joins the retention order, and the oldest leave beyond the limit. */
  #finish(job: Job): void {
    this.#finished.push(job)
    while (this.#finished.length > this.retainJobs) {
      const oldest = this.#finished.shift() as Job
      if (this.#jobs.get(oldest.handle) !== oldest) continue
      this.#jobs.remove(oldest.handle)
      this.#jobsByCompany.get(oldest.companyHandle)?.delete(oldest.handle)
      this.#logs.remove(oldest.handle)
      if (oldest.parentHandle === undefined) this.releaseJobName(oldest.companyHandle, oldest.name)
    }
  }
}
