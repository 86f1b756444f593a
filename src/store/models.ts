import { z } from 'zod'

/** IPS user roles (reference §3.3). */
export const roles = [
  'IpsAdmin',
  'IpsCompanyAdmin',
  'IpsUser',
  'WebServiceUser',
  'TrialSiteAdmin',
  'TrialSiteUser',
  'ImagePortalAdmin',
  'ImagePortalUser',
  'ImagePortalContrib',
  'ImagePortalContribUser',
] as const

/**
 * An IPS user role (reference §3.3).
 * @example
 * const admins = mock.store.users.all().filter((user) => user.role === ('IpsAdmin' satisfies Role))
 */
export type Role = (typeof roles)[number]

export const companySchema = z.object({
  /** `c|<id>` in the modern handle form. */
  handle: z.string(),
  name: z.string(),
  rootPath: z.string(),
  expires: z.string().optional(),
  imsOrgId: z.string().optional(),
})

export const membershipSchema = z.object({
  companyHandle: z.string(),
  role: z.enum(roles),
  isActive: z.boolean(),
})

export const userSchema = z.object({
  /** `u|<id>|<email>` in the modern handle form. */
  handle: z.string(),
  email: z.string(),
  password: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  role: z.enum(roles),
  memberships: z.array(membershipSchema),
})

/**
 * Where a job is in its life: `Scheduled` (waiting for execTime or its schedule, listed by
 * getScheduledJobs), then the `ActiveJob/state` constants a run goes through, `WaitingClient`
 * standing for a paused run, and `Done` once it has ended.
 */
export const jobStates = [
  'Scheduled',
  'New',
  'Running',
  'Stopping',
  'WaitingClient',
  'Done',
] as const

/** `ScheduledJob/triggerState` values the mock uses. */
export const triggerStates = ['Normal', 'Paused', 'Complete'] as const

/**
 * A job's parsed job element. An immutable value: @msw/data stores it as it is instead of
 * deep-copying a nested tree into every job record, which would dominate the cost of a submit.
 */
export class JobParams {
  [element: string]: unknown

  constructor(values: Readonly<Record<string, unknown>>) {
    Object.assign(this, values)
    Object.freeze(this)
  }
}

export const jobSchema = z.object({
  /** `j|<companyId>|<name>|` for a submitted job; `j|<companyId>|<name>|<run>` for a scheduled run. */
  handle: z.string(),
  companyHandle: z.string(),
  /** Unique within the company (IPS may add a suffix). */
  name: z.string(),
  /** The name as submitted. */
  originalName: z.string(),
  /** The submitJobParam job element, e.g. `uploadUrlsJob`. */
  jobElement: z.string(),
  /** The `ActiveJob/type` string, e.g. `UrlUpload`. */
  type: z.string(),
  state: z.enum(jobStates),
  /** For scheduled jobs. */
  triggerState: z.enum(triggerStates).optional(),
  nextFireTime: z.string().optional(),
  /** For a run fired by a schedule or executeJob: the scheduled job's handle. */
  parentHandle: z.string().optional(),
  /** Runs fired so far (scheduled jobs). */
  runCount: z.number(),
  submitUserHandle: z.string(),
  submitUserEmail: z.string(),
  /** Who gets the job's e-mail: `userHandle`, else the submitter. */
  notifyUserHandle: z.string(),
  locale: z.string().optional(),
  description: z.string().optional(),
  /** execTime as submitted (lexical xsd:dateTime). */
  execTime: z.string().optional(),
  execSchedule: z.string().optional(),
  /** The API namespace the job was submitted in. */
  namespace: z.string(),
  /** The application that submitted it (authHeader/appName). */
  appName: z.string().optional(),
  submittedAt: z.string(),
  triggerTime: z.string().optional(),
  startDate: z.string().optional(),
  endDate: z.string().optional(),
  /** The parsed job element, ready to be echoed in ActiveJob/ScheduledJob. */
  params: z.custom<JobParams>((value) => typeof value === 'object' && value !== null),
})

export const jobLogDetailSchema = z.object({
  logType: z.string(),
  /** Message key and arguments: the text is localised when it is read. */
  key: z.string(),
  args: z.record(z.string(), z.union([z.string(), z.number()])),
  dateCreated: z.string(),
  assetName: z.string().optional(),
  assetType: z.string().optional(),
  assetHandle: z.string().optional(),
})

export const jobLogSchema = z.object({
  /** The run's handle. */
  jobHandle: z.string(),
  /** The submitted (or scheduled) job's handle. */
  submittedHandle: z.string(),
  companyHandle: z.string(),
  jobName: z.string(),
  originalJobName: z.string(),
  submitUserHandle: z.string(),
  submitUserEmail: z.string(),
  logType: z.string(),
  jobSubType: z.string(),
  locale: z.string().optional(),
  startDate: z.string(),
  endDate: z.string(),
  fileSuccessCount: z.number(),
  fileErrorCount: z.number(),
  fileWarningCount: z.number(),
  fileDuplicateCount: z.number(),
  fileUpdateCount: z.number(),
  totalFileCount: z.number(),
  transferSuccessCount: z.number(),
  transferErrorCount: z.number(),
  transferWarningCount: z.number(),
  fatalError: z.boolean(),
  details: z.array(jobLogDetailSchema),
})

/**
 * A company as the store keeps it: `getCompanyInfo` answers from it.
 * @example
 * const company: Company | undefined = mock.store.company('c|101')
 * console.log(company?.name, company?.rootPath)
 */
export type Company = z.infer<typeof companySchema>
/**
 * A user's membership of a company, with the role the user has there.
 * @example
 * const memberships: Membership[] = mock.store.userByEmail('user@demo-co.test')?.memberships ?? []
 * console.log(memberships.map((membership) => `${membership.companyHandle} ${membership.role}`))
 */
export type Membership = z.infer<typeof membershipSchema>
/**
 * An IPS login as the store keeps it (read it; change it with `mock.store.updateUser`).
 * @example
 * const user: User | undefined = mock.store.userByEmail('user@demo-co.test')
 * console.log(user?.handle, user?.role)
 */
export type User = z.infer<typeof userSchema>
/**
 * Where a job is in its life: one of `Scheduled`, `New`, `Running`, `Stopping`, `WaitingClient`, `Done`.
 * @example
 * const state: JobState | undefined = mock.store.job('j|101|nightly import|')?.state
 * if (state === 'Done') console.log('the run has ended')
 */
export type JobState = (typeof jobStates)[number]
/**
 * A submitted job as the store keeps it: its param, state, schedule and runs.
 * @example
 * const jobs: Job[] = mock.store.jobsOf('c|101')
 * console.log(jobs.map((job) => `${job.handle} ${job.state}`))
 */
export type Job = z.infer<typeof jobSchema>
/**
 * The log of one run of a job, as `getJobLogs` and `getJobLogDetails` answer it.
 * @example
 * const logs: JobLog[] = mock.store.companyLogs('c|101')
 * console.log(logs.at(-1)?.details.length)
 */
export type JobLog = z.infer<typeof jobLogSchema>
export type JobLogDetail = z.infer<typeof jobLogDetailSchema>
export type TriggerState = (typeof triggerStates)[number]
