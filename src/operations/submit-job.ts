import { jobTypeNames, submitJobElements } from '../schema/table.js'
import { fault } from '../faults/catalog.js'
import { apiVersion, storedNamespace } from '../soap/namespaces.js'
import { type Job, JobParams } from '../store/models.js'
import { detach } from '../utils/internal/detach.js'
import { defineOperations, type Operation } from './context.js'
import { IpsMockError } from '../errors/ips-mock-error.js'

/**
 * A submitted job's handle, in the form of its company's handle: `c|101` → `j|101|<name>|`; a
 * legacy numeric company `47` → `47|<name>|`, as the documented example answers (reference §5).
 */
function jobHandle(companyHandle: string, name: string): string {
  return companyHandle.startsWith('c|')
    ? `j|${companyHandle.slice(2)}|${name}|`
    : `${companyHandle}|${name}|`
}

function jobElementOf(params: Record<string, unknown>): string {
  const present = submitJobElements.filter((name) => params[name] !== undefined)
  if (present.length === 0) {
    throw fault(
      'missingParameter',
      `submitJobParam: a job element is required, one of ${submitJobElements.join(', ')}`,
    )
  }
  if (present.length > 1) {
    throw fault(
      'invalidParameter',
      `submitJobParam: only one job element is allowed, found ${present.join(' and ')}`,
    )
  }
  return present[0] as string
}

const cropOptions = ['manualCropOptions', 'autoColorCropOptions', 'autoTransparentCropOptions']
const postPublishJobs = [
  'postImageServingPublishJob',
  'postImageRenderingPublishJob',
  'postVideoPublishJob',
]

/** "Choose at most one" groups the job type pages document (reference §6.3, §6.4). */
const exclusiveGroups: Readonly<Record<string, readonly string[][]>> = {
  uploadDirectoryJob: [cropOptions, postPublishJobs],
  uploadUrlsJob: [cropOptions, postPublishJobs],
}

function checkExclusive(jobElement: string, job: Record<string, unknown>): void {
  for (const group of exclusiveGroups[jobElement] ?? []) {
    const present = group.filter((name) => job[name] !== undefined)
    if (present.length > 1) {
      throw fault(
        'invalidParameter',
        `submitJobParam/${jobElement}: choose at most one of ${group.join(', ')}; found ${present.join(' and ')}`,
      )
    }
  }
}

/** IPS 4.5 (2010-01-31) made `urlArray` required in practice; older namespaces keep it optional. */
function requiresUrlArray(namespace: string): boolean {
  const version = apiVersion(namespace)
  return version !== undefined && version >= '2010-01-31'
}

/**
 * `submitJob`: stores the job under a company-unique name and returns its handle (reference §5).
 * Exactly one job element; at most one of execTime and execSchedule; neither means run now.
 */
export const submitJob: Operation = async (context) => {
  const { store, engine, user, params, namespace, company, targetUser, now } = context
  const jobElement = jobElementOf(params)
  if (params.execTime !== undefined && params.execSchedule !== undefined) {
    throw fault(
      'invalidParameter',
      'submitJobParam: execTime and execSchedule are mutually exclusive; send at most one',
    )
  }
  const job = params[jobElement] as Record<string, unknown>
  if (jobElement === 'uploadUrlsJob' && job.urlArray === undefined && requiresUrlArray(namespace)) {
    throw fault(
      'missingParameter',
      'submitJobParam/uploadUrlsJob/urlArray: required element is missing',
    )
  }
  checkExclusive(jobElement, job)
  if (!company) {
    throw new IpsMockError({
      code: 'INTERNAL',
      action: 'run submitJob',
      reason: 'it ran without a resolved company',
    })
  }
  const originalName = detach(params.jobName as string)
  const name = store.claimJobName(company.handle, originalName)
  const { appName } = context.headerOptions
  const optional = (value: unknown) => (value === undefined ? undefined : detach(String(value)))
  // Every key a job record can hold is present from the start, unset ones as undefined: one
  // object shape for all jobs, with no properties stored out of the object as they are added.
  const record: Job = {
    handle: jobHandle(company.handle, name),
    companyHandle: company.handle,
    name,
    originalName,
    jobElement,
    type: jobTypeNames[jobElement] ?? jobElement,
    state: 'New',
    triggerState: undefined,
    nextFireTime: undefined,
    parentHandle: undefined,
    runCount: 0,
    submitUserHandle: user.handle,
    submitUserEmail: user.email,
    notifyUserHandle: (targetUser ?? user).handle,
    locale: optional(params.locale),
    description: optional(params.description),
    execTime: optional(params.execTime),
    execSchedule: optional(params.execSchedule),
    namespace: storedNamespace(namespace),
    appName: optional(appName),
    submittedAt: now().toISOString(),
    triggerTime: undefined,
    startDate: undefined,
    endDate: undefined,
    params: new JobParams(detach(job)),
  }
  try {
    // admit refuses a bad execSchedule (30001) before anything is stored.
    engine.admit(record)
    await store.addJob(record)
  } catch (error) {
    store.releaseJobName(company.handle, name)
    throw error
  }
  return { jobHandle: record.handle }
}

/** Job submission (reference §5–§8). */
export const operations = defineOperations({
  submitJob: {
    summary:
      'validates the job element against its type, stores the job under a unique name and returns its handle; immediate, `execTime` and `execSchedule` jobs run on the mock clock',
    run: submitJob,
  },
})
