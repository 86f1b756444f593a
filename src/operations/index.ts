import type { Operation } from './context.js'
import { submitJob } from './submit-job.js'

/** The IPS operations ips-mock implements, by operation name. */
export const operationHandlers: Readonly<Record<string, Operation>> = {
  submitJob,
}

export type { Operation, OperationContext } from './context.js'
