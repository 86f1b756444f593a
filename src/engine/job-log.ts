import type { Job, JobLog, JobLogDetail } from '../store/models.js'
import { jobKinds, type WorkItem } from './job-kinds.js'
import type { MessageKey } from './messages.js'
import {
  fatalMessage,
  type IngestEffect,
  type ItemResult,
  resultCounts,
  runItems,
  type RunPlan,
} from './run-plan.js'
import type { Outcome } from './scenarios.js'

/** How a run ended: what a job log is built from. */
export interface RunEnd {
  job: Job
  outcome: Outcome
  seed: number
  /** Work items in the run. */
  total: number
  /** Items processed before the end (all of them unless stopped). */
  processed: number
  start: number
  end: number
  /** Whether stopJob ended it, and who stopped it. */
  stopped: boolean
  stoppedBy?: string
}

/** `ImageServingPublishJob/publishType` → the job log's jobSubType (reference §6.1). */
const subTypes: Record<string, string> = {
  Full: 'full',
  Incremental: 'increment',
  FullWithSearch: 'fullwithsearch',
}

/** The log types of files an upload replaced or skipped (assets reference §6.5). */
const effectLogTypes: Partial<Record<IngestEffect, string>> = {
  updated: 'FileUpdated',
  skipped: 'DuplicateSkipped',
}

/** Counts of stored results: replaced and skipped files are updates and duplicates, not successes. */
function storedCounts(results: readonly ItemResult[]) {
  const counts = { success: 0, warning: 0, error: 0, duplicate: 0, update: 0 }
  for (const entry of results) {
    if (entry.effect === 'updated') counts.update++
    else if (entry.effect === 'skipped') counts.duplicate++
    else {
      counts[entry.result]++
      // A file stored under a `-1` name is a success and a duplicate.
      if (entry.effect === 'renamed') counts.duplicate++
    }
  }
  return counts
}

/**
 * The detail lines of a run's log: begin, original name, client, file count, one line per
 * processed item, fatal or cancel, end. Pure: the same run end gives the same lines.
 */
export function logDetails(run: RunEnd, results: readonly ItemResult[]): JobLogDetail[] {
  const { job, start, end } = run
  const kind = jobKinds[job.jobElement]
  const { stopped } = run
  const details: JobLogDetail[] = []
  const line = (
    logType: string,
    key: MessageKey,
    args: Record<string, string | number>,
    at: number,
    item?: WorkItem,
  ) => {
    const detail: JobLogDetail = { logType, key, args, dateCreated: new Date(at).toISOString() }
    if (item) {
      detail.assetName = item.assetName ?? item.name
      detail.assetType = item.assetType
      if (item.assetHandle) detail.assetHandle = item.assetHandle
    }
    details.push(detail)
  }
  line(kind?.begin ?? 'JobType', 'begin', { job: job.name }, start)
  line('OriginalJobName', 'originalJobName', { name: job.originalName }, start)
  line('JobClient', 'jobClient', { user: job.submitUserEmail }, start)
  line('TotalFileCount', 'totalFileCount', { count: run.total }, start)
  const step = results.length > 0 ? (end - start) / (results.length + 1) : 0
  results.forEach((entry, index) => {
    const at = Math.round(start + step * (index + 1))
    const logType =
      entry.result === 'success'
        ? kind?.success
        : entry.result === 'warning'
          ? kind?.warning
          : kind?.error
    const effectType = entry.effect ? effectLogTypes[entry.effect] : undefined
    const key: MessageKey =
      entry.effect === undefined || entry.effect === 'created' ? entry.result : entry.effect
    const args = { file: entry.item.name, message: entry.message ?? '' }
    line(effectType ?? logType ?? 'FileProgress', key, args, at, entry.item)
  })
  const fatal = fatalMessage(run.outcome)
  if (fatal !== undefined && !stopped) line('FatalError', 'fatal', { message: fatal }, end)
  if (stopped) line('FileCancel', 'stopped', { user: run.stoppedBy ?? job.submitUserEmail }, end)
  line(kind?.end ?? 'JobType', 'end', { job: job.name }, end)
  return details
}

/** The assets a run's processed items name, for the log index. */
export function namedAssets(run: RunEnd): string[] {
  if (!jobKinds[run.job.jobElement]?.namesAssets) return []
  return runItems(run.job, run.outcome, run.seed)
    .slice(0, run.processed)
    .flatMap((entry) => (entry.item.assetHandle ? [entry.item.assetHandle] : []))
}

/**
 * A job log as the mock stores it: its summary fields, and what determines its detail lines
 * (the run's job, outcome, faker seed and end), from which `details` builds them when read.
 * A run that acted on assets keeps its item results instead (`stored`): what happened to each
 * asset depended on the library at the time. A log never changes once written.
 */
export class JobLogRecord implements JobLog {
  jobHandle: string
  submittedHandle: string
  companyHandle: string
  jobName: string
  originalJobName: string
  submitUserHandle: string
  submitUserEmail: string
  logType: string
  jobSubType: string
  locale?: string
  startDate: string
  endDate: string
  fileSuccessCount: number
  fileErrorCount: number
  fileWarningCount: number
  fileDuplicateCount = 0
  fileUpdateCount = 0
  totalFileCount: number
  transferSuccessCount: number
  transferErrorCount: number
  transferWarningCount: number
  fatalError: boolean
  readonly #run: RunEnd
  readonly #stored: readonly ItemResult[] | undefined

  constructor(run: RunEnd, startDate: string, endDate: string, stored?: readonly ItemResult[]) {
    const { job } = run
    const counts = stored
      ? storedCounts(stored)
      : resultCounts(job, run.outcome, run.seed, run.processed)
    this.#stored = stored
    const isUpload = job.jobElement === 'uploadUrlsJob' || job.jobElement === 'uploadDirectoryJob'
    const publishType = String((job.params as { publishType?: string }).publishType ?? '')
    this.#run = run
    this.jobHandle = job.handle
    this.submittedHandle = job.parentHandle ?? job.handle
    this.companyHandle = job.companyHandle
    this.jobName = job.name
    this.originalJobName = job.originalName
    this.submitUserHandle = job.submitUserHandle
    this.submitUserEmail = job.submitUserEmail
    this.logType = jobKinds[job.jobElement]?.begin ?? 'JobType'
    this.jobSubType =
      job.jobElement === 'imageServingPublishJob' ? (subTypes[publishType] ?? '') : ''
    if (job.locale) this.locale = job.locale
    this.startDate = startDate
    this.endDate = endDate
    this.fileSuccessCount = counts.success
    this.fileErrorCount = counts.error
    this.fileWarningCount = counts.warning
    if (stored) {
      this.fileDuplicateCount = storedCounts(stored).duplicate
      this.fileUpdateCount = storedCounts(stored).update
    }
    this.totalFileCount = run.total
    this.transferSuccessCount = isUpload ? counts.success + counts.warning : 0
    this.transferErrorCount = isUpload ? counts.error : 0
    this.transferWarningCount = isUpload ? counts.warning : 0
    this.fatalError = fatalMessage(run.outcome) !== undefined && !run.stopped
  }

  /** The detail lines, built from the run (O(lines)). */
  get details(): JobLogDetail[] {
    const run = this.#run
    return logDetails(
      run,
      this.#stored ?? runItems(run.job, run.outcome, run.seed).slice(0, run.processed),
    )
  }

  /** The assets the detail lines name. */
  get assetHandles(): string[] {
    if (!this.#stored) return namedAssets(this.#run)
    return this.#stored.flatMap((entry) => (entry.item.assetHandle ? [entry.item.assetHandle] : []))
  }

  toJSON(): JobLog {
    return Object.assign({}, this, { details: this.details })
  }
}

/** The run end of a plan whose run ended at `end`. */
export function runEnd(
  job: Job,
  plan: RunPlan,
  stopped: boolean,
  processed: number,
  start: number,
  end: number,
): RunEnd {
  const run: RunEnd = {
    stopped,
    job,
    outcome: plan.outcome,
    seed: plan.seed,
    total: plan.total,
    processed,
    start,
    end,
  }
  if (plan.stoppedBy !== undefined) run.stoppedBy = plan.stoppedBy
  return run
}
