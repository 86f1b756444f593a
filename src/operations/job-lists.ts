import type { Job } from '../store/models.js'
import { defineOperations, type Operation, type OperationContext } from './context.js'
import { activeJob, companiesOf, scheduledJob } from './views.js'

const activeStates = new Set<Job['state']>(['New', 'Running', 'Stopping', 'WaitingClient'])

/**
 * The jobs a list covers that have not ended: by handle a direct lookup, else the companies'
 * scheduled and active jobs (an index kept beside the store): O(result), not O(jobs stored).
 */
function jobsOf(context: OperationContext): Job[] {
  const { params, store } = context
  const companies = companiesOf(context)
  const jobs =
    typeof params.jobHandle === 'string'
      ? [store.job(params.jobHandle)].filter(
          (job): job is Job => job !== undefined && companies.includes(job.companyHandle),
        )
      : companies.flatMap((company) => store.liveJobsOf(company))
  return jobs.filter(
    (job) =>
      (params.jobHandle === undefined || job.handle === params.jobHandle) &&
      (params.originalName === undefined || job.originalName === params.originalName),
  )
}

/**
 * `getActiveJobs`: runs that have been triggered and have not ended, of the request's company or
 * of every company the caller belongs to; filtered by jobHandle and originalName.
 * `includeWaitingJobs` adds execTime jobs still waiting for their time.
 */
export const getActiveJobs: Operation = (context) => {
  const waiting = context.params.includeWaitingJobs === true
  const items = jobsOf(context)
    .filter(
      (job) =>
        activeStates.has(job.state) ||
        (waiting &&
          job.state === 'Scheduled' &&
          job.execTime !== undefined &&
          job.triggerState === 'Normal'),
    )
    .map((job) => activeJob(context, job))
  return { jobArray: { items } }
}

/** `getScheduledJobs`: jobs waiting for execTime or firing by execSchedule. */
export const getScheduledJobs: Operation = (context) => {
  const items = jobsOf(context)
    .filter((job) => job.state === 'Scheduled')
    .map((job) => scheduledJob(context, job))
  return { jobArray: { items } }
}

/** The job lists (reference §9). */
export const operations = defineOperations({
  getActiveJobs: {
    summary:
      'runs not yet ended, filtered by `jobHandle`/`originalName`; without `companyHandle`, every company the caller belongs to; `includeWaitingJobs` adds execTime jobs still waiting',
    run: getActiveJobs,
  },
  getScheduledJobs: {
    summary: 'jobs waiting for execTime or firing by execSchedule',
    run: getScheduledJobs,
  },
})
