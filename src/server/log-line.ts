/** How the standalone server writes its per-request log lines. */
export type LogFormat = 'text' | 'json'

/** What one log line says about a request. Never a password: fault reasons carry none. */
export interface RequestLog {
  /** When the answer was ready (system time). */
  time: Date
  method: string
  /** The path without its query. */
  path: string
  operation?: string
  /** None when an injected fault reset the connection or left it hanging. */
  status?: number
  faultCode?: number
  faultReason?: string
  durationMs: number
}

/**
 * One log line: text (`2030-01-01T00:00:00.000Z POST /scene7/services/IpsApiService submitJob
 * 500 fault=30000 reason="IPS is busy" 1.2ms`) or one JSON object for log tooling.
 */
export function formatLogLine(entry: RequestLog, format: LogFormat): string {
  const ms = Math.round(entry.durationMs * 10) / 10
  if (format === 'json') {
    const line: Record<string, unknown> = {
      time: entry.time.toISOString(),
      method: entry.method,
      path: entry.path,
    }
    if (entry.operation !== undefined) line.operation = entry.operation
    line.status = entry.status ?? null
    if (entry.faultCode !== undefined) line.faultCode = entry.faultCode
    if (entry.faultReason !== undefined) line.faultReason = entry.faultReason
    line.durationMs = ms
    return JSON.stringify(line)
  }
  const fault =
    entry.faultCode === undefined
      ? ''
      : ` fault=${entry.faultCode}${entry.faultReason === undefined ? '' : ` reason=${JSON.stringify(entry.faultReason)}`}`
  const status = entry.status ?? '-'
  return `${entry.time.toISOString()} ${entry.method} ${entry.path} ${entry.operation ?? '-'} ${status}${fault} ${ms.toFixed(1)}ms`
}
