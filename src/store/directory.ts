import type { Collection } from '@msw/data'
import { type Company, companySchema, type User, userSchema } from './models.js'
import { RecordList } from './record-list.js'
import { IpsMockError } from '../errors/ips-mock-error.js'

/** Companies and users, as a seed or a snapshot holds them. */
export interface DirectoryState {
  readonly companies: readonly Company[]
  readonly users: readonly User[]
}

/** Who may call: companies and users, indexed by handle and by login e-mail. */
export class Directory {
  readonly #companies: RecordList<Company>
  readonly #users: RecordList<User>
  #usersByEmail = new Map<string, User>()

  constructor(companies: Collection<never>, users: Collection<never>) {
    this.#companies = new RecordList<Company>(companies, (company) => company.handle)
    this.#users = new RecordList<User>(users, (user) => user.handle)
  }

  /** Replaces companies and users with a seed's (validated against the models). */
  load(seed: DirectoryState): void {
    this.reset()
    for (const company of seed.companies) this.#companies.add(companySchema.parse(company))
    for (const user of seed.users) this.#addUser(userSchema.parse(user))
  }

  reset(): void {
    this.#companies.reset()
    this.#users.reset()
    this.#usersByEmail = new Map()
  }

  /** Copies of every company and user, in collection order. */
  snapshot(): DirectoryState {
    const copy = <T extends object>(records: readonly T[]) =>
      Object.freeze(records.map((record) => Object.freeze(Object.assign({}, record))))
    return { companies: copy(this.#companies.values()), users: copy(this.#users.values()) }
  }

  /** Puts back what `snapshot` returned, as fresh records. */
  restore(state: DirectoryState): void {
    this.reset()
    for (const company of state.companies) this.#companies.add(Object.assign({}, company))
    for (const user of state.users) this.#addUser(Object.assign({}, user))
  }

  company(handle: string): Company | undefined {
    return this.#companies.get(handle)
  }

  userByEmail(email: string): User | undefined {
    return this.#usersByEmail.get(email.toLowerCase())
  }

  userByHandle(handle: string): User | undefined {
    return this.#users.get(handle)
  }

  /**
   * Changes a user: validated against the user model first (nothing changes when it fails),
   * then applied to the very record authentication and the operations read.
   * @throws Error when there is no such user, the change is invalid or the e-mail is taken.
   */
  updateUser(handle: string, change: Partial<Omit<User, 'handle'>>): User {
    const user = this.#users.get(handle)
    if (!user) {
      throw new IpsMockError({
        code: 'NOT_FOUND',
        action: 'update user',
        subject: handle,
        reason: 'no such user',
      })
    }
    const next = userSchema.parse(Object.assign({}, user, change, { handle }))
    const email = next.email.toLowerCase()
    const owner = this.#usersByEmail.get(email)
    if (owner && owner !== user) {
      throw new IpsMockError({
        code: 'CONFLICT',
        action: 'update user',
        subject: handle,
        reason: `${next.email} is taken`,
      })
    }
    this.#usersByEmail.delete(user.email.toLowerCase())
    Object.assign(user, next)
    this.#usersByEmail.set(email, user)
    return user
  }

  /**
   * Changes a company's name, rootPath, expires or imsOrgId (validated first).
   * @throws Error when there is no such company or the change is invalid.
   */
  updateCompany(handle: string, change: Partial<Omit<Company, 'handle'>>): Company {
    const company = this.#companies.get(handle)
    if (!company) {
      throw new IpsMockError({
        code: 'NOT_FOUND',
        action: 'update company',
        subject: handle,
        reason: 'no such company',
      })
    }
    Object.assign(company, companySchema.parse(Object.assign({}, company, change, { handle })))
    return company
  }

  #addUser(user: User): void {
    this.#users.add(user)
    this.#usersByEmail.set(user.email.toLowerCase(), user)
  }
}
