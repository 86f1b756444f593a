import type { Job } from '../store/models.js'
import type { IpsStore } from '../store/store.js'
import { message } from './messages.js'

/** An e-mail IPS would have sent about a job. Nothing is sent: it lands in `mock.outbox`. */
export interface Email {
  to: string
  subject: string
  text: string
  jobHandle: string
  jobName: string
  kind: 'started' | 'completed'
  locale: string
  sentAt: string
}

/** Outcome counts of an ended run. */
export interface RunCounts {
  success: number
  warnings: number
  errors: number
  total: number
}

/**
 * Whether `emailSetting` asks for a mail (reference §8): All → start and end, JobCompletion →
 * end, Error → end when something failed, ErrorAndWarning → end when something failed or warned,
 * None (or no emailSetting, as metadataPublishJob and createVideoSitemapJob have) → nothing.
 */
export function wantsMail(
  setting: string | undefined,
  kind: Email['kind'],
  counts?: RunCounts,
): boolean {
  switch (setting) {
    case 'All':
      return true
    case 'JobCompletion':
      return kind === 'completed'
    case 'Error':
      return kind === 'completed' && (counts?.errors ?? 0) > 0
    case 'ErrorAndWarning':
      return kind === 'completed' && ((counts?.errors ?? 0) > 0 || (counts?.warnings ?? 0) > 0)
    default:
      return false
  }
}

/** Records the mail IPS would send for a run event, to `userHandle` or else the submitter. */
export function notify(
  sink: { outbox: Email[] },
  store: IpsStore,
  job: Job,
  kind: Email['kind'],
  counts?: RunCounts,
): void {
  const setting = (job.params as { emailSetting?: string }).emailSetting
  if (!wantsMail(setting, kind, counts)) return
  const to = store.userByHandle(job.notifyUserHandle)?.email ?? job.submitUserEmail
  const locale = job.locale ?? 'en-US'
  const args = {
    name: job.name,
    company: store.company(job.companyHandle)?.name ?? job.companyHandle,
    start: job.startDate ?? '',
    end: job.endDate ?? '',
    success: counts?.success ?? 0,
    warnings: counts?.warnings ?? 0,
    errors: counts?.errors ?? 0,
    total: counts?.total ?? 0,
  }
  sink.outbox.push({
    to,
    subject: message(
      locale,
      kind === 'started' ? 'mailStartedSubject' : 'mailCompletedSubject',
      args,
    ),
    text: message(locale, 'mailBody', args),
    jobHandle: job.handle,
    jobName: job.name,
    kind,
    locale,
    sentAt: (kind === 'started' ? job.startDate : job.endDate) ?? job.submittedAt,
  })
}
