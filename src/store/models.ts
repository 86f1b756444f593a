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

/** Where a job is in its life: the `ActiveJob/state` constants plus the scheduled and ended states. */
export const jobStates = [
  'Scheduled',
  'Unknown',
  'New',
  'WaitingClient',
  'WaitingCoordinator',
  'Running',
  'Stopping',
  'Done',
] as const

export const jobSchema = z.object({
  /** `j|<companyId>|<name>|`. */
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
  submittedAt: z.string(),
  /** The parsed job element, ready to be echoed in ActiveJob/ScheduledJob. */
  params: z.record(z.string(), z.unknown()),
})

export const jobLogSchema = z.object({
  /** Handle of this run's log. */
  handle: z.string(),
  jobHandle: z.string(),
  companyHandle: z.string(),
  jobName: z.string(),
  originalJobName: z.string(),
  submitUserEmail: z.string(),
  logType: z.string(),
  startDate: z.string(),
  endDate: z.string().optional(),
  details: z.array(
    z.object({
      logMessage: z.string(),
      logType: z.string(),
      dateCreated: z.string(),
      assetName: z.string().optional(),
      assetType: z.string().optional(),
      assetHandle: z.string().optional(),
    }),
  ),
})

export type Company = z.infer<typeof companySchema>
export type Membership = z.infer<typeof membershipSchema>
export type User = z.infer<typeof userSchema>
export type JobState = (typeof jobStates)[number]
export type Job = z.infer<typeof jobSchema>
export type JobLog = z.infer<typeof jobLogSchema>
