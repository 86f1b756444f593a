import { Collection } from '@msw/data'
import {
  type Company,
  companySchema,
  type Job,
  type JobLog,
  jobLogSchema,
  jobSchema,
  type User,
  userSchema,
} from './models.js'
import type { ResolvedSeed } from './seed.js'

/** A store's whole state, for snapshots. */
export interface StoreState {
  readonly companies: readonly Company[]
  readonly users: readonly User[]
  readonly jobs: readonly Job[]
  readonly jobLogs: readonly JobLog[]
  readonly jobNames: ReadonlyMap<string, readonly string[]>
  readonly nextSuffix: ReadonlyMap<string, number>
}

/**
 * Returns a record @msw/data created, its key made compact. @msw/data keys every record with
 * `crypto.randomUUID()`, which Node builds by concatenation: kept as it is, the key is a rope of
 * cons strings of about 490 bytes, a third of a stored job's heap. Reading one character makes V8
 * flatten it in place, after which the collector keeps the 36 characters alone.
 */
function compactKey<T extends object>(record: T): T {
  for (const symbol of Object.getOwnPropertySymbols(record)) {
    const value = (record as Record<symbol, unknown>)[symbol]
    if (typeof value === 'string') value.charCodeAt(0)
  }
  return record
}

/**
 * The mock's state: @msw/data collections (queryable the @msw/data way), with a Map index by
 * handle beside each one, because collection lookups scan every record.
 * @example const job = mock.store.job('j|101|My Job|')
 */
export class IpsStore {
  readonly companies = new Collection({ schema: companySchema })
  readonly users = new Collection({ schema: userSchema })
  readonly jobs = new Collection({ schema: jobSchema })
  readonly jobLogs = new Collection({ schema: jobLogSchema })

  readonly #companies = new Map<string, Company>()
  readonly #usersByEmail = new Map<string, User>()
  readonly #usersByHandle = new Map<string, User>()
  readonly #jobs = new Map<string, Job>()
  /** companyHandle → handles of its jobs, in submission order. */
  readonly #jobsByCompany = new Map<string, Set<string>>()
  /** Run handle or submitted-job handle → its job logs. */
  readonly #logsByHandle = new Map<string, JobLog[]>()
  /** companyHandle → its job logs, oldest first. */
  readonly #logsByCompany = new Map<string, JobLog[]>()
  /** companyHandle → job names in use, for IPS-style unique names. */
  readonly #jobNames = new Map<string, Set<string>>()
  /** companyHandle + name → the next suffix to try, so repeated names stay O(1). */
  readonly #nextSuffix = new Map<string, number>()

  /** Replaces the whole state with a resolved seed. */
  async load(seed: ResolvedSeed): Promise<void> {
    this.clear()
    for (const company of seed.companies) {
      this.#companies.set(company.handle, compactKey(await this.companies.create(company)))
    }
    for (const user of seed.users) {
      const record = compactKey(await this.users.create(user))
      this.#usersByEmail.set(record.email.toLowerCase(), record)
      this.#usersByHandle.set(record.handle, record)
    }
  }

  /** Empties every collection and index. */
  clear(): void {
    for (const collection of [this.companies, this.users, this.jobs, this.jobLogs]) {
      collection.clear()
    }
    for (const index of [
      this.#companies,
      this.#usersByEmail,
      this.#usersByHandle,
      this.#jobs,
      this.#jobsByCompany,
      this.#logsByHandle,
      this.#logsByCompany,
    ]) {
      index.clear()
    }
    this.#jobNames.clear()
    this.#nextSuffix.clear()
  }

  /**
   * The store's whole state: a copy of every record (in collection order) and of the job-name
   * index, the one index that cannot be rebuilt from the records.
   */
  snapshot(): StoreState {
    const copy = <T extends object>(records: readonly T[]) =>
      Object.freeze(records.map((record) => Object.freeze({ ...record })))
    return Object.freeze({
      companies: copy(this.companies.all()),
      users: copy(this.users.all()),
      jobs: copy(this.jobs.all()),
      jobLogs: copy(this.jobLogs.all()),
      jobNames: new Map([...this.#jobNames].map(([company, names]) => [company, [...names]])),
      nextSuffix: new Map(this.#nextSuffix),
    })
  }

  /** Replaces the whole state with one `snapshot` returned: fresh records, rebuilt indexes. */
  async restore(state: StoreState): Promise<void> {
    this.clear()
    await this.load({ companies: [...state.companies], users: [...state.users] })
    for (const job of state.jobs) await this.addJob({ ...job })
    for (const log of state.jobLogs) await this.addJobLog({ ...log })
    for (const [company, names] of state.jobNames) this.#jobNames.set(company, new Set(names))
    for (const [key, suffix] of state.nextSuffix) this.#nextSuffix.set(key, suffix)
  }

  company(handle: string): Company | undefined {
    return this.#companies.get(handle)
  }

  /** Looks a user up by e-mail, case-insensitively as IPS logins are. */
  userByEmail(email: string): User | undefined {
    return this.#usersByEmail.get(email.toLowerCase())
  }

  userByHandle(handle: string): User | undefined {
    return this.#usersByHandle.get(handle)
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

  /** Stores a new job; its handle must be unused. */
  async addJob(job: Job): Promise<Job> {
    if (this.#jobs.has(job.handle)) {
      throw new Error(`[ips-mock] Failed to store job "${job.handle}": the handle is taken.`)
    }
    const record = compactKey(await this.jobs.create(job))
    this.#jobs.set(record.handle, record)
    let handles = this.#jobsByCompany.get(record.companyHandle)
    if (!handles) {
      handles = new Set()
      this.#jobsByCompany.set(record.companyHandle, handles)
    }
    handles.add(record.handle)
    return record
  }

  /** Changes a stored job through @msw/data's update and keeps the index on the new record. */
  async updateJob(handle: string, change: (draft: Job) => void): Promise<Job> {
    const record = this.#jobs.get(handle)
    if (!record) throw new Error(`[ips-mock] Failed to update job "${handle}": no such job.`)
    // The index holds the collection's own records; its typings do not carry the record brand.
    const updated = (await this.jobs.update(record as never, { data: change })) ?? record
    this.#jobs.set(handle, updated)
    return updated
  }

  /** Deletes a job (its logs stay, as IPS keeps job logs). */
  async removeJob(handle: string): Promise<void> {
    const record = this.#jobs.get(handle)
    if (!record) return
    this.jobs.delete(record as never)
    this.#jobs.delete(handle)
    this.#jobsByCompany.get(record.companyHandle)?.delete(handle)
    // A deleted job's name may be used again, as IPS names are unique among existing jobs;
    // not if the job has logs, which would then be attributed to the newcomer's handle.
    if (this.logsOf(handle).length === 0) this.releaseJobName(record.companyHandle, record.name)
  }

  /** The jobs of a company, in submission order. */
  jobsOf(companyHandle: string): Job[] {
    const handles = this.#jobsByCompany.get(companyHandle) ?? []
    return [...handles].map((handle) => this.#jobs.get(handle) as Job)
  }

  /** Stores a job log. */
  async addJobLog(log: JobLog): Promise<JobLog> {
    const record = compactKey(await this.jobLogs.create(log))
    for (const handle of new Set([record.jobHandle, record.submittedHandle])) {
      this.#logsByHandle.set(handle, [...(this.#logsByHandle.get(handle) ?? []), record])
    }
    const company = this.#logsByCompany.get(record.companyHandle) ?? []
    company.push(record)
    this.#logsByCompany.set(record.companyHandle, company)
    return record
  }

  /** Job logs of a run, or of every run of a submitted or scheduled job. */
  logsOf(handle: string): JobLog[] {
    return this.#logsByHandle.get(handle) ?? []
  }

  /** Job logs of a company, oldest first. */
  companyLogs(companyHandle: string): JobLog[] {
    return this.#logsByCompany.get(companyHandle) ?? []
  }
}
