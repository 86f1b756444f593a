import { fault } from '../faults/catalog.js'
import { type Job, JobParams } from '../store/models.js'
import type { PostedFile } from './job-kinds.js'
import { type EngineCore, planFor } from './runs.js'

/** An UploadFile job with no POST for this long ends by itself (assets reference §2.1 rule 3). */
export const UPLOAD_IDLE_MS = 30 * 60 * 1000

const iso = (at: number) => new Date(at).toISOString()

/**
 * Opens the job of a first UploadFile POST: it is Running at once (it receives files) and held
 * there, with no files yet, until its last POST or its idle time ends it.
 */
export function openUpload(core: EngineCore, job: Job, now: number): void {
  const plan = planFor(core, job)
  plan.durationMs = 0
  plan.hold = true
  plan.runningSince = now
  job.state = 'Running'
  job.triggerTime = iso(now)
  job.startDate = iso(now)
  core.plans.set(job.handle, plan)
  core.timeline.push(job.handle, 'finish', now + UPLOAD_IDLE_MS)
}

/**
 * Adds the files of one POST to an open UploadFile job. The job ends `base` ms after a POST with
 * `endJob` (its files being ingested), else 30 minutes after this POST.
 * @throws IpsFault 30001 when the job is not an UploadFile job still receiving files.
 */
export function receiveFiles(
  core: EngineCore,
  job: Job,
  files: readonly PostedFile[],
  end: boolean,
  now: number,
): void {
  const plan = core.plans.get(job.handle)
  if (job.jobElement !== 'uploadPostJob' || job.state !== 'Running' || !plan?.hold) {
    throw fault('invalidParameter', `Job '${job.handle}' is not an upload job receiving files`)
  }
  if (files.length > 0) {
    const posted = (job.params.postedFiles as PostedFile[] | undefined) ?? []
    // A new parameter object, not a push: snapshots share the old one.
    job.params = new JobParams(Object.assign({}, job.params, { postedFiles: posted.concat(files) }))
    core.plans.set(job.handle, Object.assign({}, plan, { total: plan.total + files.length }))
  }
  core.timeline.push(
    job.handle,
    'finish',
    end ? now + core.options.durations.base : now + UPLOAD_IDLE_MS,
  )
}
