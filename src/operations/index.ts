import { operations as assets } from './asset-operations.js'
import type { Operation, OperationTable } from './context.js'
import { operations as jobControl } from './job-control.js'
import { operations as jobLists } from './job-lists.js'
import { operations as jobLogs } from './job-logs.js'
import { operations as lookups } from './lookups.js'
import { operations as publishContexts } from './publish-contexts.js'
import { operations as submitJob } from './submit-job.js'

/**
 * Every operation ips-mock serves, by name: the tables of the modules, in the README's order.
 * Adding an operation is a module exporting its `operations` table, and its line here.
 */
export const operationTable: OperationTable = Object.assign(
  {},
  submitJob,
  jobLists,
  jobControl,
  jobLogs,
  lookups,
  publishContexts,
  assets,
)

/** The IPS operations ips-mock implements, by operation name: the handler of each. */
export const operationHandlers: Readonly<Record<string, Operation>> = Object.fromEntries(
  Object.entries(operationTable).map(([name, entry]) => [name, entry.run]),
)

export type { Operation, OperationContext, OperationEntry, OperationTable } from './context.js'
export { defineOperations } from './context.js'
