import { assetOperations } from './asset-operations.js'
import type { Operation } from './context.js'
import { deleteJob, executeJob, pauseJob, resumeJob, stopJob } from './job-control.js'
import { getActiveJobs, getScheduledJobs } from './job-lists.js'
import { getAssetJobLogs, getJobLogDetails, getJobLogs } from './job-logs.js'
import {
  checkLogin,
  getAllCompanies,
  getCompanyInfo,
  getCompanyMembership,
  getUserInfo,
} from './lookups.js'
import { submitJob } from './submit-job.js'

/** The IPS operations ips-mock implements, by operation name. */
export const operationHandlers: Readonly<Record<string, Operation>> = {
  submitJob,
  getActiveJobs,
  getScheduledJobs,
  stopJob,
  pauseJob,
  resumeJob,
  deleteJob,
  executeJob,
  getJobLogs,
  getJobLogDetails,
  getAssetJobLogs,
  checkLogin,
  getCompanyInfo,
  getUserInfo,
  getCompanyMembership,
  getAllCompanies,
  ...assetOperations,
}

export type { Operation, OperationContext } from './context.js'
