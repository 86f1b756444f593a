import { type MessageKey, message } from '../engine/messages.js'
import { fault } from '../faults/catalog.js'
import type { LogFilter } from '../store/log-index.js'
import type { JobLog, JobLogDetail } from '../store/models.js'
import { defineOperations, type Operation } from './context.js'
import { companiesOf, jobLog, jobOf, readerLocale, time } from './views.js'

type Direction = 'Ascending' | 'Descending'

const logSortKeys: Record<string, (log: JobLog) => string | number> = {
  JobName: (log) => log.jobName,
  LogType: (log) => log.logType,
  StartDate: (log) => log.startDate,
  UserId: (log) => log.submitUserHandle,
  Email: (log) => log.submitUserEmail,
  FileErrorCount: (log) => log.fileErrorCount,
  FileWarningCount: (log) => log.fileWarningCount,
  FileSuccessCount: (log) => log.fileSuccessCount,
}

function sortBy<T>(rows: T[], key: (row: T) => string | number, direction: Direction): T[] {
  const sign = direction === 'Descending' ? -1 : 1
  // Array.prototype.sort is stable, so equal keys keep their stored (chronological) order.
  return [...rows].sort((a, b) => {
    const x = key(a)
    const y = key(b)
    return x < y ? -sign : x > y ? sign : 0
  })
}

function positive(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || value < 1) {
    throw fault('invalidParameter', `${name}: '${String(value)}' must be 1 or more`)
  }
  return value
}

/**
 * `getJobLogs`: job log summaries of the request's company (or every company the caller
 * belongs to), filtered by submitting user and start date range, sorted (default StartDate,
 * Descending: newest first) and cut to numRows. The default order is O(numRows) in the stored
 * logs; any other sort field or direction sorts every log of the companies: O(n log n).
 */
export const getJobLogs: Operation = (context) => {
  const { params, store } = context
  const from = params.startDate === undefined ? undefined : Date.parse(String(params.startDate))
  const to = params.endDate === undefined ? undefined : Date.parse(String(params.endDate))
  const rows = positive('getJobLogsParam/numRows', params.numRows, Number.POSITIVE_INFINITY)
  const sortKey = String(params.sortBy ?? 'StartDate')
  if (
    (sortKey === 'StartDate' ||
      (logSortKeys[sortKey] === undefined && sortKey !== 'CompanyName')) &&
    (params.sortDirection ?? 'Descending') === 'Descending' &&
    !Number.isNaN(from) &&
    !Number.isNaN(to)
  ) {
    // The default order (StartDate, Descending; equal start dates: company order, then the last
    // written first), cut to numRows: O(numRows) from the companies' newest logs.
    const filter: LogFilter = {}
    if (typeof params.userHandle === 'string') filter.userHandle = params.userHandle
    if (from !== undefined) filter.from = from
    if (to !== undefined) filter.to = to
    const logs = store.newestLogs(companiesOf(context), rows, filter)
    return { jobLogArray: { items: logs.map((log) => jobLog(context, log)) } }
  }
  let logs = companiesOf(context)
    .flatMap((company) => store.companyLogs(company))
    .filter((log) => {
      const start = Date.parse(log.startDate)
      return (
        (params.userHandle === undefined || log.submitUserHandle === params.userHandle) &&
        (from === undefined || start >= from) &&
        (to === undefined || start <= to)
      )
    })
  const sortField = String(params.sortBy ?? 'StartDate')
  // CompanyName sorts by the company's name, which the log does not carry.
  const key =
    sortField === 'CompanyName'
      ? (log: JobLog) => store.company(log.companyHandle)?.name ?? log.companyHandle
      : (logSortKeys[sortField] ?? logSortKeys.StartDate)
  logs = sortBy(
    logs,
    key as (log: JobLog) => string | number,
    (params.sortDirection as Direction) ?? 'Descending',
  )
  return { jobLogArray: { items: logs.slice(0, rows).map((log) => jobLog(context, log)) } }
}

const MAX_RECORDS_PER_PAGE = 1000

/**
 * `getJobLogDetails`: the logs of one job (by jobHandle: a run, or every run of a scheduled job;
 * or by originalName), each with one page of detail lines, filtered by log type and sorted by
 * Date (default) or LogType, Ascending by default. recordsPerPage: at most and by default 1000.
 */
export const getJobLogDetails: Operation = (context) => {
  const { params, store } = context
  let logs: JobLog[]
  if (typeof params.jobHandle === 'string') {
    const job = store.job(params.jobHandle)
    logs = store.logsOf(params.jobHandle)
    if (job) jobOf(context, params.jobHandle)
    else if (logs.length === 0)
      throw fault('invalidParameter', `Invalid job handle '${params.jobHandle}'`)
    else if (logs.some((log) => log.companyHandle !== context.company?.handle))
      jobOf(context, params.jobHandle)
  } else if (typeof params.originalName === 'string') {
    logs = store
      .companyLogs(context.company?.handle ?? '')
      .filter((log) => log.originalJobName === params.originalName)
  } else {
    throw fault('missingParameter', 'getJobLogDetailsParam: jobHandle or originalName is required')
  }
  const perPage = Math.min(
    positive('getJobLogDetailsParam/recordsPerPage', params.recordsPerPage, MAX_RECORDS_PER_PAGE),
    MAX_RECORDS_PER_PAGE,
  )
  const page = positive('getJobLogDetailsParam/resultsPage', params.resultsPage, 1)
  const types = (params.logTypeArray as { items?: string[] } | undefined)?.items
  const byLogType = params.sortBy === 'LogType'
  const direction = (params.sortDirection as Direction) ?? 'Ascending'
  const items = logs.map((log) => {
    let rows: JobLogDetail[] = types
      ? log.details.filter((row) => types.includes(row.logType))
      : log.details
    rows = sortBy(rows, byLogType ? (row) => row.logType : (row) => row.dateCreated, direction)
    return jobLog(context, log, {
      rows: rows.slice((page - 1) * perPage, page * perPage),
      total: rows.length,
    })
  })
  return { jobLogArray: { items } }
}

/** `getAssetJobLogs`: every job log line that names the asset, in the request's company. */
export const getAssetJobLogs: Operation = (context) => {
  const { params, store } = context
  const company = context.company?.handle ?? ''
  const logs = store
    .assetLogs(String(params.assetHandle))
    .filter((log) => log.companyHandle === company)
  const items = logs.flatMap((log) =>
    log.details
      .filter((detail) => detail.assetHandle === params.assetHandle)
      .map((detail) => ({
        jobHandle: log.jobHandle,
        jobName: log.jobName,
        logMessage: message(readerLocale(context, log), detail.key as MessageKey, detail.args),
        logType: detail.logType,
        submitUserEmail: log.submitUserEmail,
        logDate: time(context.engine, detail.dateCreated),
      })),
  )
  return { jobLogArray: { items } }
}

/** The job logs (reference §9). */
export const operations = defineOperations({
  getJobLogs: {
    summary:
      'summaries, filtered by `userHandle` and `startDate`/`endDate`, sorted by any documented `sortBy` (default `StartDate`, `Descending`), cut to `numRows`',
    run: getJobLogs,
  },
  getJobLogDetails: {
    summary:
      "one job's logs (a run, or every run of a scheduled job; or by `originalName`), detail lines filtered by `logTypeArray`, sorted by `Date`/`LogType`, paged by `recordsPerPage` (max 1000) and `resultsPage`",
    run: getJobLogDetails,
  },
  getAssetJobLogs: { summary: 'the log lines naming an asset handle', run: getAssetJobLogs },
})
