import type { HeaderOptions } from '../auth/credentials.js'
import { fault } from '../faults/catalog.js'
import { type Company, type Job, JobParams, type User } from '../store/models.js'
import { detach } from '../utils/internal/detach.js'
import type { UploadServices } from './services.js'

/** The validated `uploadPostParam` document (assets reference §2.1). */
export interface UploadPostParams {
  companyHandle: string
  jobName?: string
  jobHandle?: string
  locale?: string
  description?: string
  destFolder?: string
  fileName?: string
  endJob?: boolean
  uploadParams?: Record<string, unknown>
}

function hash(text: string): number {
  let value = 2166136261
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index)
    value = Math.imul(value, 16777619)
  }
  return value >>> 0
}

/**
 * A servlet job's handle in the documented form `j|<company id>||<jobName>|<number>` (§2.2); the
 * number, an instance id at IPS, is drawn from the name here, so the same calls give the same
 * handle. The name is unique in the company, so the handle is too.
 */
function uploadJobHandle(companyHandle: string, name: string): string {
  const id = companyHandle.startsWith('c|') ? companyHandle.slice(2) : companyHandle
  return `j|${id}||${name}|${10_000 + (hash(name) % 90_000)}`
}

/** What a first POST brings. */
export interface FirstPost {
  user: User
  company: Company
  params: UploadPostParams
  namespace: string
  options: HeaderOptions
}

/**
 * The `UploadPostJob` of a first POST, stored and receiving files; its options are the POST's
 * `uploadParams` (later POSTs' are ignored, §2.1 rule 2).
 * @throws IpsFault 30002 when the POST names neither jobName nor jobHandle.
 */
export function newUploadJob(services: UploadServices, post: FirstPost): Job {
  const { store, engine } = services
  const { user, company, params } = post
  if (params.jobName === undefined) {
    throw fault(
      'missingParameter',
      'uploadPostParam: jobName (first POST) or jobHandle is required',
    )
  }
  const originalName = detach(params.jobName)
  const name = store.claimJobName(company.handle, originalName)
  const job: Job = {
    handle: uploadJobHandle(company.handle, name),
    companyHandle: company.handle,
    name,
    originalName,
    jobElement: 'uploadPostJob',
    type: 'UploadPost',
    state: 'New',
    runCount: 0,
    submitUserHandle: user.handle,
    submitUserEmail: user.email,
    notifyUserHandle: user.handle,
    namespace: detach(post.namespace),
    submittedAt: services.now().toISOString(),
    params: new JobParams(detach(params.uploadParams ?? {})),
  }
  if (post.options.appName !== undefined) job.appName = detach(post.options.appName)
  if (params.locale !== undefined) job.locale = detach(params.locale)
  if (params.description !== undefined) job.description = detach(params.description)
  try {
    engine.openUpload(job)
    store.addJob(job)
  } catch (error) {
    store.releaseJobName(company.handle, name)
    throw error
  }
  return job
}
