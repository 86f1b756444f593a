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

/** One IPS operation as a module registers it: what it does, for the README, and its handler. */
export interface OperationEntry {
  /** One line for the README's operation table (Markdown). */
  readonly summary: string
  readonly run: Operation
}

/** The operations a module registers, by IPS operation name. */
export type OperationTable = Readonly<Record<string, OperationEntry>>

/**
 * Declares a module's operations. Every module under `src/operations/` that serves operations
 * exports its table as `operations`; `src/operations/index.ts`, written by `npm run readme`,
 * joins the tables.
 * @example
 * export const operations = defineOperations({
 *   getPublishContexts: { summary: 'the publish contexts', run: () => ({ publishContextArray: {} }) },
 * })
 */
export function defineOperations<const T extends OperationTable>(table: T): T {
  return table
}
