import type { JobEngine } from '../engine/engine.js'
import { type MessageKey, message } from '../engine/messages.js'
import { formatInZone } from '../engine/time-zone.js'
import type { OutObject } from '../schema/write.js'
import { fault } from '../faults/catalog.js'
import type { Company, Job, JobLog, JobLogDetail, User } from '../store/models.js'
import type { IpsStore } from '../store/store.js'
import type { OperationContext } from './context.js'

/** An instant as IPS reports it: in the server's zone, with its offset. */
export function time(engine: JobEngine, iso: string | Date): string {
  return formatInZone(typeof iso === 'string' ? new Date(iso) : iso, engine.timeZone)
}

/** The locale a caller reads messages in: authHeader/locale, else the job's, else en-US. */
export function readerLocale(context: OperationContext, job?: { locale?: string }): string {
  return context.headerOptions.locale ?? job?.locale ?? 'en-US'
}

/**
 * Finds a job of the request's company.
 * @throws IpsFault 30001 (no such job), 20006 (the job belongs to another company).
 */
export function jobOf(context: OperationContext, handle: string): Job {
  const job = context.store.job(handle)
  if (!job) throw fault('invalidParameter', `Invalid job handle '${handle}'`)
  if (job.companyHandle !== context.company?.handle) {
    throw fault(
      'illegalCompany',
      `Job '${handle}' does not belong to company '${context.company?.handle}'`,
    )
  }
  return job
}

/** Companies whose jobs the caller may list when a request names none. */
export function visibleCompanies(store: IpsStore, user: User): string[] {
  if (user.role === 'IpsAdmin') return store.companies.all().map((company) => company.handle)
  return user.memberships.filter((m) => m.isActive).map((m) => m.companyHandle)
}

/** The companies a list operation covers: the one requested, or all the caller may see. */
export function companiesOf(context: OperationContext): string[] {
  return context.company ? [context.company.handle] : visibleCompanies(context.store, context.user)
}

/**
 * The job element echoed in ActiveJob/ScheduledJob (the writer only reads it, so the stored params
 * serve as they are); an UploadUrlsJob also reports numUrls.
 */
function echoed(job: Job): OutObject {
  const params = job.params as OutObject
  if (job.jobElement !== 'uploadUrlsJob') return params
  const urls = (params.urlArray as { items?: unknown[] } | undefined)?.items ?? []
  return Object.assign({}, params, { numUrls: urls.length })
}

const taskStates: Record<Job['state'], string> = {
  Scheduled: 'New',
  New: 'New',
  Running: 'Processing',
  WaitingClient: 'Processing',
  Stopping: 'Stopping',
  Done: 'Done',
}

const progressKeys: Partial<Record<Job['state'], MessageKey>> = {
  Scheduled: 'progressNew',
  New: 'progressNew',
  Running: 'progressRunning',
  WaitingClient: 'progressPaused',
  Stopping: 'progressStopping',
}

/** The leading elements ActiveJob and ScheduledJob share. */
function jobHead(job: Job): OutObject {
  return {
    companyHandle: job.companyHandle,
    jobHandle: job.handle,
    name: job.name,
    originalName: job.originalName,
    type: job.type,
  }
}

/** An `ActiveJob` for a run (a waiting execTime job shows as New). */
export function activeJob(context: OperationContext, job: Job): OutObject {
  const { engine } = context
  const progress = engine.progress(job)
  const state = job.state === 'Scheduled' ? 'New' : job.state
  const locale = readerLocale(context, job)
  const progressMessage = message(locale, progressKeys[job.state] ?? 'progressRunning', {
    done: progress.done,
    total: progress.total,
  })
  const triggerTime = job.triggerTime ?? job.nextFireTime ?? job.submittedAt
  const updated = time(engine, progress.updatedAt)
  const running = job.state === 'Running' && progress.done < progress.total ? 1 : 0
  return Object.assign(jobHead(job), {
    state,
    submitUserEmail: job.submitUserEmail,
    locale: job.locale,
    description: job.description,
    serverName: 'ips-mock',
    startDate: time(engine, job.startDate ?? triggerTime),
    triggerTime: time(engine, triggerTime),
    totalSize: progress.total,
    progress: progress.percent,
    progressMessage,
    lastProgressUpdate: updated,
    taskProgressArray: {
      items: [
        {
          taskType: job.type,
          taskState: taskStates[job.state],
          numProcessed: progress.done,
          numProcessing: running,
          numPending: progress.total - progress.done - running,
          progress: progress.fraction,
          progressMessage,
          lastProgressUpdate: updated,
          taskItemProgressArray: {},
        },
      ],
    },
    [job.jobElement]: echoed(job),
  })
}

/** A `ScheduledJob` for a job waiting for execTime or its execSchedule. */
export function scheduledJob(context: OperationContext, job: Job): OutObject {
  const { engine } = context
  return Object.assign(jobHead(job), {
    submitUserEmail: job.submitUserEmail,
    locale: job.locale,
    description: job.description,
    execSchedule: job.execSchedule,
    nextFireTime: job.nextFireTime ? time(engine, job.nextFireTime) : undefined,
    timeZone: engine.timeZone,
    triggerState: job.triggerState,
    [job.jobElement]: echoed(job),
  })
}

/** A `JobLogDetail`, its message in the reader's locale. */
export function logDetail(context: OperationContext, log: JobLog, detail: JobLogDetail): OutObject {
  return {
    logMessage: message(readerLocale(context, log), detail.key as MessageKey, detail.args),
    logType: detail.logType,
    dateCreated: time(context.engine, detail.dateCreated),
    assetName: detail.assetName,
    assetType: detail.assetType,
    assetHandle: detail.assetHandle,
  }
}

/** A `JobLog` summary; `details` adds detailTotalRows and a detailArray page. */
export function jobLog(
  context: OperationContext,
  log: JobLog,
  details?: { rows: JobLogDetail[]; total: number },
): OutObject {
  // The serializer writes only JobLog's elements, so the record's other fields stay out.
  return Object.assign({}, log as unknown as OutObject, {
    startDate: time(context.engine, log.startDate),
    endDate: time(context.engine, log.endDate),
    description: '',
    detailTotalRows: details?.total,
    detailArray: details && {
      items: details.rows.map((row) => logDetail(context, log, row)),
    },
  })
}

/** A `Company`. */
export function companyView(engine: JobEngine, company: Company): OutObject {
  return {
    companyHandle: company.handle,
    name: company.name,
    rootPath: company.rootPath,
    expires: company.expires ? time(engine, company.expires) : undefined,
    imsOrgId: company.imsOrgId,
  }
}
