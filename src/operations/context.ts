import type { HeaderOptions } from '../auth/credentials.js'
import type { JobEngine } from '../engine/engine.js'
import type { IpsObject } from '../schema/read.js'
import type { OutObject } from '../schema/write.js'
import type { Company, User } from '../store/models.js'
import type { IpsStore } from '../store/store.js'

/** What an operation gets: the authorised caller, its validated params, and the store. */
export interface OperationContext {
  store: IpsStore
  /** The job life cycle. */
  engine: JobEngine
  /** The authenticated caller. */
  user: User
  /** The validated `*Param` element. */
  params: IpsObject
  /** The request's IPS namespace; the return element is written in it. */
  namespace: string
  /** `companyHandle`, resolved and authorised, when the params name one. */
  company?: Company
  /** `userHandle`, resolved and checked against the company, when the params name one. */
  targetUser?: User
  headerOptions: HeaderOptions
  /** The mock's current time. */
  now(): Date
}

/** An IPS operation: validated params in, the `*Return` element's value out. */
export type Operation = (context: OperationContext) => OutObject | Promise<OutObject>
