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
  /** companyHandle → job names in use, for IPS-style unique names. */
  readonly #jobNames = new Map<string, Set<string>>()
  /** companyHandle + name → the next suffix to try, so repeated names stay O(1). */
  readonly #nextSuffix = new Map<string, number>()

  /** Replaces the whole state with a resolved seed. */
  async load(seed: ResolvedSeed): Promise<void> {
    this.clear()
    for (const company of seed.companies) {
      this.#companies.set(company.handle, await this.companies.create(company))
    }
    for (const user of seed.users) {
      const record = await this.users.create(user)
      this.#usersByEmail.set(record.email.toLowerCase(), record)
      this.#usersByHandle.set(record.handle, record)
    }
  }

  /** Empties every collection and index. */
  clear(): void {
    for (const collection of [this.companies, this.users, this.jobs, this.jobLogs]) {
      collection.clear()
    }
    for (const index of [this.#companies, this.#usersByEmail, this.#usersByHandle, this.#jobs]) {
      index.clear()
    }
    this.#jobNames.clear()
    this.#nextSuffix.clear()
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
    const record = await this.jobs.create(job)
    this.#jobs.set(record.handle, record)
    return record
  }

  /** Stores a job log. */
  async addJobLog(log: JobLog): Promise<JobLog> {
    return this.jobLogs.create(log)
  }
}
