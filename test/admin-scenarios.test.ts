// Scenarios, snapshots and journal entries over the admin API of the standalone server.
import { describe, expect, it } from 'vitest'
import { startServer } from '../src/server.js'
import { submitJobRequest } from './support/requests.js'
import { useAdminServer } from './support/admin-server.js'

const standalone = useAdminServer()
const { admin, soap } = standalone

async function submit(jobName: string, jobElement = 'uploadUrlsJob'): Promise<string> {
  const answer = await soap(submitJobRequest(jobElement, 'minimal', { jobName }))
  const handle = (answer.body.submitJobReturn as { jobHandle?: string } | undefined)?.jobHandle
  if (!handle) throw new Error(`submitJob failed: ${answer.xml}`)
  return handle
}

const jobPath = (handle: string) => `/jobs/${encodeURIComponent(handle)}`

interface LogDetail {
  logType: string
  assetName?: string
  args: Record<string, unknown>
}

async function logOf(handle: string) {
  const { body } = await admin('GET', jobPath(handle))
  return body.logs[0] as {
    fileErrorCount: number
    fileWarningCount: number
    fileSuccessCount: number
    fatalError: boolean
    details: LogDetail[]
  }
}

describe('/__admin/scenarios', () => {
  it('makes only the n-th job of a type fail on the given file', async () => {
    const added = await admin('POST', '/scenarios', {
      match: { jobType: 'UrlUpload' },
      nth: 2,
      errors: [{ file: 'uploads/source-1.jpg', message: 'Unsupported format' }],
    })
    expect(added).toMatchObject({ status: 201, body: { id: 's1', remaining: 1, seen: 0 } })

    const other = await submit('other type', 'optimizeImagesJob')
    const first = await submit('first')
    const second = await submit('second')
    const third = await submit('third')
    await admin('POST', '/jobs/run-until-idle')

    expect((await logOf(other)).fileErrorCount).toBe(0)
    expect((await logOf(first)).fileErrorCount).toBe(0)
    const failed = await logOf(second)
    expect(failed.fileErrorCount).toBe(1)
    expect(failed.details.find((line) => line.logType === 'UploadError')).toMatchObject({
      assetName: 'uploads/source-1.jpg',
    })
    expect((await logOf(third)).fileErrorCount).toBe(0)
    expect((await admin('GET', '/scenarios')).body).toEqual([])
  })

  it('matches by job name pattern: warnings by count, a fatal run', async () => {
    await admin('POST', '/scenarios', { match: { jobNamePattern: '^nightly' }, warnings: 2 })
    await admin('POST', '/scenarios', { match: { jobName: 'doomed' }, fatal: 'Disk full' })
    const nightly = await submit('nightly-1')
    const daily = await submit('daily')
    const doomed = await submit('doomed')
    await admin('POST', '/jobs/run-until-idle')
    expect((await logOf(nightly)).fileWarningCount).toBe(2)
    expect((await logOf(daily)).fileWarningCount).toBe(0)
    expect((await logOf(doomed)).fatalError).toBe(true)

    const { body: rules } = await admin('GET', '/scenarios')
    expect(rules).toEqual([
      {
        id: 's1',
        scenario: { match: { jobNamePattern: '^nightly' }, warnings: 2 },
        remaining: null,
        seen: 1,
      },
      {
        id: 's2',
        scenario: { match: { jobName: 'doomed' }, fatal: 'Disk full' },
        remaining: null,
        seen: 1,
      },
    ])
  })

  it('holds a run until POST /jobs/{handle}/release', async () => {
    await admin('POST', '/scenarios', { hold: true, times: 1 })
    const handle = await submit('held')
    await admin('POST', '/jobs/run-until-idle')
    await admin('POST', '/clock', { advance: '1h' })
    const { body: held } = await admin('GET', jobPath(handle))
    expect(held.state).toBe('Running')
    const { body: listed } = await admin('GET', '/jobs')
    expect(listed[0].progress).toEqual({ done: 1, total: 2, percent: 99 })

    expect(await admin('POST', `${jobPath(handle)}/release`)).toEqual({
      status: 200,
      body: { released: handle },
    })
    await admin('POST', '/jobs/run-until-idle')
    expect((await admin('GET', jobPath(handle))).body.state).toBe('Done')
    const again = await admin('POST', `${jobPath(handle)}/release`)
    expect(again).toEqual({
      status: 409,
      body: { error: `Job '${handle}' is not held by a scenario` },
    })
  })

  it('removes one rule or all', async () => {
    await admin('POST', '/scenarios', { warnings: 1 })
    await admin('POST', '/scenarios', { errors: 1 })
    expect(await admin('DELETE', '/scenarios/s1')).toEqual({ status: 200, body: { removed: 's1' } })
    expect((await admin('DELETE', '/scenarios/s1')).status).toBe(404)
    expect((await admin('GET', '/scenarios')).body.map((rule: { id: string }) => rule.id)).toEqual([
      's2',
    ])
    expect((await admin('DELETE', '/scenarios')).status).toBe(200)
    expect((await admin('GET', '/scenarios')).body).toEqual([])
  })

  it.each([
    [{ nth: 0 }, 'nth: Too small: expected number to be >=1'],
    [
      { match: { jobNamePattern: '(' } },
      'match.jobNamePattern: must be a valid regular expression',
    ],
    [
      { duration: 'soon' },
      "duration: must be milliseconds or a duration such as '500ms', '30s', '5m'",
    ],
    [{ hold: 'yes' }, 'hold: expected a boolean, got a string'],
    [{ match: { jobname: 'x' } }, 'match: unknown field "jobname" (did you mean "jobName"?)'],
  ])('refuses %j with a 400 naming the field, and adds nothing', async (scenario, reason) => {
    const { status, body } = await admin('POST', '/scenarios', scenario)
    expect(status).toBe(400)
    expect(body.error).toBe(`The body does not fit: ${reason}.`)
    expect((await admin('GET', '/scenarios')).body).toEqual([])
  })
})

describe('/__admin/snapshots', () => {
  it('saves the state and goes back to it, after a reset too', async () => {
    const kept = await submit('kept')
    const taken = await admin('POST', '/snapshots', { label: 'one job' })
    expect(taken).toMatchObject({
      status: 201,
      body: { id: 'snap-1', label: 'one job', mockTime: '2030-01-01T00:00:00.000Z' },
    })
    await submit('dropped')
    await admin('POST', '/clock', { advance: '1h' })
    await admin('POST', '/reset')

    expect(await admin('POST', '/snapshots/snap-1/restore')).toEqual({
      status: 200,
      body: { restored: 'snap-1', now: '2030-01-01T00:00:00.000Z' },
    })
    const { body: jobs } = await admin('GET', '/jobs')
    expect(jobs.map((job: { handle: string }) => job.handle)).toEqual([kept])
    expect((await admin('GET', '/snapshots')).body).toEqual([taken.body])
  })

  it('forgets a snapshot, and answers 404 for one it does not have', async () => {
    await admin('POST', '/snapshots')
    expect(await admin('DELETE', '/snapshots/snap-1')).toEqual({
      status: 200,
      body: { removed: 'snap-1' },
    })
    expect((await admin('POST', '/snapshots/snap-1/restore')).status).toBe(404)
    expect((await admin('DELETE', '/snapshots/snap-9')).status).toBe(404)
    expect((await admin('POST', '/snapshots', { name: 'x' })).status).toBe(400)
  })
})

describe('GET /__admin/journal/{id}', () => {
  it('answers the request and response XML, passwords redacted', async () => {
    const handle = await submit('journaled')
    const { body: entries } = await admin('GET', '/journal')
    const { status, body } = await admin('GET', `/journal/${entries[0].id}`)
    expect(status).toBe(200)
    expect(body.operation).toBe('submitJob')
    expect(body.requestXml).toContain('<jobName>journaled</jobName>')
    expect(body.requestXml).toContain('[redacted]')
    expect(body.requestXml).not.toContain('demo-user-pass')
    expect(body.responseXml).toContain(`<ns1:jobHandle>${handle}</ns1:jobHandle>`)
    expect((await admin('GET', '/journal/999')).status).toBe(404)
  })
})

describe('GET /__admin/ (the dashboard)', () => {
  it('serves one HTML page whose only script is its own, by hash', async () => {
    const response = await fetch(`${standalone.origin}/__admin/`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const html = await response.text()
    const script = /<script>([\s\S]*)<\/script>/.exec(html)?.[1] as string
    const { createHash } = await import('node:crypto')
    const hash = createHash('sha256').update(script).digest('base64')
    expect(response.headers.get('content-security-policy')).toContain(`script-src 'sha256-${hash}'`)
    expect(response.headers.get('x-frame-options')).toBe('DENY')
    // It reads and changes state only through the documented endpoints.
    for (const path of [
      '/jobs',
      '/journal',
      '/outbox',
      '/faults',
      '/scenarios',
      '/snapshots',
      '/clock',
      '/reset',
      '/seed',
    ]) {
      expect(script).toMatch(new RegExp(`["'\`]${path}["'\`$?/]`))
    }
  })

  it('loads without the token on a server that has one; the API still needs it', async () => {
    const guarded = await startServer({ port: 0, logLevel: 'silent', adminToken: 'tok-9' })
    try {
      const base = new URL(guarded.url).origin
      expect((await fetch(`${base}/__admin/`)).status).toBe(200)
      expect((await fetch(`${base}/__admin/jobs`)).status).toBe(401)
    } finally {
      await guarded.close()
    }
  })
})
