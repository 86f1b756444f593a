import type { Collection } from '@msw/data'
import type { AssetRecord, FolderRecord } from './asset-models.js'
import type { AssetLibrary } from './assets.js'
import type { Company, Job, JobLog, User } from './models.js'
import type { IpsStore } from './store.js'

type Queryable<C> =
  C extends Collection<infer S> ? Pick<Collection<S>, 'findFirst' | 'findMany'> : never

/**
 * One @msw/data collection, read-only: query it the @msw/data way; `findMany` and `findFirst`
 * return the live records (read them, do not change them), `all()` a copy of the list.
 * @example mock.store.jobs.findMany((q) => q.where({ state: 'Done' }))
 */
export type ReadonlyCollection<C, T> = Queryable<C> & {
  /** Number of records. */
  count(): number
  /** Every record, in collection order (a new array). */
  all(): T[]
}

/**
 * The mock's state as users see it: read-only collections and lookups, plus the few documented
 * writes that keep every index (authentication, operations) consistent.
 * @example
 * mock.store.updateUser('u|1002|user@demo-co.test', { password: 'new secret' })
 * const job = mock.store.job('j|101|My Job|')
 */
export interface IpsStoreView {
  readonly companies: ReadonlyCollection<IpsStore['companies'], Company>
  readonly users: ReadonlyCollection<IpsStore['users'], User>
  readonly jobs: ReadonlyCollection<IpsStore['jobs'], Job>
  readonly jobLogs: ReadonlyCollection<IpsStore['jobLogs'], JobLog>
  /** Assets of every company, trashed ones included (upload jobs and asset operations add them). */
  readonly assets: ReadonlyCollection<AssetLibrary['assets'], AssetRecord>
  /** Folders of every company, company roots included. */
  readonly folders: ReadonlyCollection<AssetLibrary['folders'], FolderRecord>
  /** Number of stored jobs. */
  readonly jobCount: number
  company(handle: string): Company | undefined
  /** Looks a user up by e-mail, case-insensitively as IPS logins are. */
  userByEmail(email: string): User | undefined
  userByHandle(handle: string): User | undefined
  job(handle: string): Job | undefined
  /** An asset by handle, in any of its forms (`a|7`, `a|7|1|7`, `7|1|7`). */
  asset(handle: string): AssetRecord | undefined
  /** The asset holding a name (IPS ID) in a company, live or in the Trash. */
  assetByName(companyHandle: string, name: string): AssetRecord | undefined
  /** The jobs of a company, in submission order. */
  jobsOf(companyHandle: string): Job[]
  /** Job logs of a run, or of every run of a submitted or scheduled job. */
  logsOf(handle: string): JobLog[]
  /** Job logs of a company, oldest first. */
  companyLogs(companyHandle: string): JobLog[]
  /**
   * Changes a user (password, names, role, memberships, e-mail); logins and operations see the
   * change at once. Validated first: nothing changes when it fails.
   * @throws Error when there is no such user, the change is not valid or the e-mail is taken.
   * @example mock.store.updateUser('u|1002|user@demo-co.test', { password: 'rotated' })
   */
  updateUser(handle: string, change: Partial<Omit<User, 'handle'>>): User
  /**
   * Changes a company's name, rootPath, expires or imsOrgId. Validated first.
   * @throws Error when there is no such company or the change is not valid.
   * @example mock.store.updateCompany('c|101', { name: 'Renamed Co' })
   */
  updateCompany(handle: string, change: Partial<Omit<Company, 'handle'>>): Company
}

function readonlyCollection<T>(collection: Collection<never>) {
  return Object.freeze({
    findFirst: collection.findFirst.bind(collection),
    findMany: collection.findMany.bind(collection),
    count: () => collection.count(),
    all: () => [...collection.all()] as T[],
  })
}

/** The read-only face of a store: nothing on it can change state behind the indexes' back. */
export function storeView(store: IpsStore): IpsStoreView {
  return Object.freeze({
    companies: readonlyCollection<Company>(store.companies as never),
    users: readonlyCollection<User>(store.users as never),
    jobs: readonlyCollection<Job>(store.jobs as never),
    jobLogs: readonlyCollection<JobLog>(store.jobLogs as never),
    assets: readonlyCollection<AssetRecord>(store.library.assets as never),
    folders: readonlyCollection<FolderRecord>(store.library.folders as never),
    get jobCount() {
      return store.jobCount
    },
    company: (handle: string) => store.company(handle),
    userByEmail: (email: string) => store.userByEmail(email),
    userByHandle: (handle: string) => store.userByHandle(handle),
    job: (handle: string) => store.job(handle),
    asset: (handle: string) => store.library.asset(handle),
    assetByName: (companyHandle: string, name: string) =>
      store.library.assetByName(companyHandle, name),
    jobsOf: (companyHandle: string) => store.jobsOf(companyHandle),
    logsOf: (handle: string) => store.logsOf(handle),
    companyLogs: (companyHandle: string) => store.companyLogs(companyHandle),
    updateUser: (handle: string, change: Partial<Omit<User, 'handle'>>) =>
      store.updateUser(handle, change),
    updateCompany: (handle: string, change: Partial<Omit<Company, 'handle'>>) =>
      store.updateCompany(handle, change),
  }) as IpsStoreView
}
