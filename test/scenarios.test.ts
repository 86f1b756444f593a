import { expect, it } from 'vitest'
import { createIpsMock } from '../src/index.js'
import { call, items, ok, submit } from './support/calls.js'
import { useMswMock } from './support/msw.js'
import { DEMO_CO, logins, submitJobRequest, sendTo } from './support/requests.js'

const mock = useMswMock({ startTime: '2030-01-01T00:00:00Z' })
const co = { companyHandle: DEMO_CO }

const logOf = async (jobHandle: string, locale?: string) =>
  items((await ok('getJobLogDetails', { ...co, jobHandle }, logins.user, locale)).jobLogArray)[0]

it('makes the next job fail with chosen errors, counted and logged by file', async () => {
  mock.scenarios.next({ errors: [{ file: 'uploads/source-2.jpg', message: 'Unsupported format' }] })
  const failing = await submit('uploadUrlsJob')
  const fine = await submit('uploadUrlsJob', { jobName: 'second' })
  await mock.runUntilIdle()
  const log = await logOf(failing)
  expect(log).toMatchObject({
    fileSuccessCount: '1',
    fileErrorCount: '1',
    transferErrorCount: '1',
    totalFileCount: '2',
  })
  expect(items(log?.detailArray).find((row) => row.logType === 'UploadError')).toMatchObject({
    assetName: 'uploads/source-2.jpg',
    logMessage: 'uploads/source-2.jpg failed: Unsupported format',
  })
  expect((await logOf(fine))?.fileErrorCount).toBe('0')
})

it('fails a whole run with a FatalError entry', async () => {
  mock.scenarios.next({ fatal: 'Disk full' })
  const handle = await submit('optimizeImagesJob')
  await mock.runUntilIdle()
  const log = await logOf(handle)
  expect(log?.fatalError).toBe('true')
  expect(items(log?.detailArray).find((row) => row.logType === 'FatalError')?.logMessage).toBe(
    'The job failed: Disk full',
  )
})

it('adds warnings by count and matches jobs by name pattern and type', async () => {
  mock.scenarios.add({ match: { jobName: /^nightly/, jobType: 'UrlUpload' }, warnings: 1 })
  const matched = await submit('uploadUrlsJob', { jobName: 'nightly-1' })
  const otherType = await submit('optimizeImagesJob', { jobName: 'nightly-2' })
  const otherName = await submit('uploadUrlsJob', { jobName: 'daily' })
  await mock.runUntilIdle()
  expect((await logOf(matched))?.fileWarningCount).toBe('1')
  expect((await logOf(otherType))?.fileWarningCount).toBe('0')
  expect((await logOf(otherName))?.fileWarningCount).toBe('0')
  expect(mock.scenarios.list()).toHaveLength(1)
})

it('makes a job take a given time', async () => {
  mock.scenarios.next({ duration: '1m' })
  const handle = await submit('optimizeImagesJob')
  mock.clock.advance('1s')
  mock.clock.advance('59s')
  expect(items((await ok('getActiveJobs', co)).jobArray)[0]?.state).toBe('Running')
  mock.clock.advance('1s')
  expect(items((await ok('getActiveJobs', co)).jobArray)).toEqual([])
  expect((await logOf(handle))?.endDate).toBe('2030-01-01T00:01:01.000+00:00')
})

it('holds a job until released', async () => {
  mock.scenarios.next({ hold: true })
  const handle = await submit('uploadUrlsJob')
  await mock.runUntilIdle()
  mock.clock.advance('1h')
  const [held] = items((await ok('getActiveJobs', co)).jobArray)
  expect(held).toMatchObject({ jobHandle: handle, state: 'Running', progress: '99' })
  await mock.release(handle)
  await mock.runUntilIdle()
  expect(items((await ok('getActiveJobs', co)).jobArray)).toEqual([])
  expect((await logOf(handle))?.fileSuccessCount).toBe('2')
  await expect(mock.release(handle)).rejects.toThrow(`Job '${handle}' is not held by a scenario`)
})

it('sends the e-mails each emailSetting asks for, to userHandle or the submitter', async () => {
  const settings = ['All', 'JobCompletion', 'Error', 'ErrorAndWarning', 'None'] as const
  for (const setting of settings) {
    await submit('optimizeImagesJob', {
      jobName: setting,
      optimizeImagesJob: { emailSetting: setting },
    })
  }
  mock.scenarios.next({ warnings: 1 })
  await submit('optimizeImagesJob', {
    jobName: 'warned',
    optimizeImagesJob: { emailSetting: 'ErrorAndWarning' },
  })
  mock.scenarios.next({ errors: 1 })
  await submit('optimizeImagesJob', {
    jobName: 'failed',
    userHandle: 'u|1001|admin@demo-co.test',
    optimizeImagesJob: { emailSetting: 'Error' },
  })
  await mock.runUntilIdle()
  expect(mock.outbox.map((mail) => `${mail.jobName}:${mail.kind}:${mail.to}`).sort()).toEqual([
    'All:completed:user@demo-co.test',
    'All:started:user@demo-co.test',
    'JobCompletion:completed:user@demo-co.test',
    'failed:completed:admin@demo-co.test',
    'warned:completed:user@demo-co.test',
  ])
  expect(mock.outbox.find((mail) => mail.jobName === 'failed')?.subject).toMatch(
    /^Job "failed" completed: \d+ succeeded, 0 warnings, 1 errors$/,
  )
})

it('localises job log messages by authHeader/locale and e-mails by the job locale', async () => {
  const handle = await submit('uploadUrlsJob', { locale: 'de-DE' })
  await mock.runUntilIdle()
  const german = items((await logOf(handle, 'de-DE'))?.detailArray)
  const english = items((await logOf(handle, 'en-US'))?.detailArray)
  expect(german[0]?.logMessage).toBe(`${mock.store.job(handle)?.name} wurde gestartet!`)
  expect(english[0]?.logMessage).toBe(`${mock.store.job(handle)?.name} has begun!`)
  expect(german[4]?.logMessage).toBe('demo-co/uploads/source-1.jpg wurde erfolgreich verarbeitet.')
  const mail = mock.outbox.find((entry) => entry.jobHandle === handle && entry.kind === 'completed')
  expect(mail).toMatchObject({ locale: 'de-DE' })
  expect(mail?.subject).toMatch(/^Job „uploadUrlsJob job“ abgeschlossen/)
})

it('pages, filters and sorts job log details', async () => {
  const handle = await submit('uploadUrlsJob')
  await mock.runUntilIdle()
  const page = async (fields: Record<string, unknown>) => {
    const [log] = items(
      (await ok('getJobLogDetails', { ...co, jobHandle: handle, ...fields })).jobLogArray,
    )
    return { total: log?.detailTotalRows, types: items(log?.detailArray).map((row) => row.logType) }
  }
  expect(await page({ recordsPerPage: 3, resultsPage: 2 })).toEqual({
    total: '7',
    types: ['TotalFileCount', 'UploadSuccess', 'UploadSuccess'],
  })
  expect(await page({ logTypeArray: { items: ['UploadSuccess'] } })).toEqual({
    total: '2',
    types: ['UploadSuccess', 'UploadSuccess'],
  })
  expect(
    (await page({ sortBy: 'LogType', sortDirection: 'Descending', recordsPerPage: 2 })).types,
  ).toEqual(['UploadSuccess', 'UploadSuccess'])
  expect((await page({ sortDirection: 'Descending', recordsPerPage: 1 })).types).toEqual([
    'EndUploadUrls',
  ])
  expect(
    (await call('getJobLogDetails', { ...co, jobHandle: handle, resultsPage: 0 })).fault,
  ).toMatchObject({
    code: 30001,
    reason: "getJobLogDetailsParam/resultsPage: '0' must be 1 or more",
  })
  expect((await call('getJobLogDetails', co)).fault).toMatchObject({
    code: 30002,
    reason: 'getJobLogDetailsParam: jobHandle or originalName is required',
  })
  const byName = items(
    (await ok('getJobLogDetails', { ...co, originalName: 'uploadUrlsJob job' })).jobLogArray,
  )
  expect(byName.map((log) => log.jobHandle)).toEqual([handle])
})

it('filters, sorts and limits job logs', async () => {
  const first = await submit('optimizeImagesJob', { jobName: 'b-first' })
  mock.clock.advance('1h')
  const second = await submit('optimizeImagesJob', { jobName: 'a-second' }, logins.admin)
  await mock.runUntilIdle()
  const logs = async (fields: Record<string, unknown>) =>
    items((await ok('getJobLogs', { ...co, ...fields })).jobLogArray).map((log) => log.jobHandle)
  expect(await logs({})).toEqual([second, first])
  expect(await logs({ sortBy: 'JobName', sortDirection: 'Ascending' })).toEqual([second, first])
  expect(await logs({ userHandle: 'u|1002|user@demo-co.test' })).toEqual([first])
  expect(await logs({ startDate: '2030-01-01T00:30:00Z' })).toEqual([second])
  expect(await logs({ endDate: '2030-01-01T00:30:00Z' })).toEqual([first])
  expect(await logs({ numRows: 1, sortDirection: 'Ascending' })).toEqual([first])
})

it('finds the job log lines of one asset: its upload, then its reprocessing', async () => {
  const upload = await submit('uploadUrlsJob')
  await mock.runUntilIdle()
  const asset = mock.store.assetByName('c|101', 'source-1')
  expect(asset).toBeDefined()
  const handle = await submit('reprocessAssetsJob', {
    reprocessAssetsJob: {
      assetHandleArray: { items: [asset?.handle ?? ''] },
      createMask: false,
      emailSetting: 'None',
    },
  })
  await mock.runUntilIdle()
  const lines = items(
    (await ok('getAssetJobLogs', { ...co, assetHandle: asset?.handle ?? '' })).jobLogArray,
  )
  expect(lines.map((line) => [line.jobHandle, line.logType])).toEqual([
    [upload, 'UploadSuccess'],
    [handle, 'ReoptimizeSuccess'],
  ])
  expect(lines[1]).toMatchObject({
    logMessage: 'demo-co/uploads/source-1.jpg processed successfully.',
    submitUserEmail: 'user@demo-co.test',
  })
})

it('a reprocess of a handle that names no asset of the company logs an error line', async () => {
  const handle = await submit('reprocessAssetsJob', {
    reprocessAssetsJob: {
      assetHandleArray: { items: ['a|424242'] },
      createMask: false,
      emailSetting: 'None',
    },
  })
  await mock.runUntilIdle()
  const [log] = mock.store.logsOf(handle)
  expect(log?.fileErrorCount).toBe(1)
  expect(log?.details.find((detail) => detail.logType === 'ReoptimizeFailure')?.args).toEqual({
    file: 'a|424242',
    message: "Invalid asset handle 'a|424242'",
  })
})

it('gives the same handles, logs and timings for the same seed and calls', async () => {
  const run = async () => {
    const fresh = createIpsMock({ startTime: '2030-01-01T00:00:00Z' })
    const send = async (body: string) => (await sendTo(fresh, body)).text()
    await send(submitJobRequest('uploadDirectoryJob', 'minimal', { execSchedule: '0 0 */6 * * ?' }))
    await send(submitJobRequest('imageServingPublishJob'))
    fresh.clock.advance('1d')
    await fresh.runUntilIdle()
    return fresh.store.jobLogs.all()
  }
  const [a, b] = [await run(), await run()]
  expect(a.length).toBe(5)
  expect(b).toEqual(a)
})

it('applies an nth rule to that matching run only, the earlier ones going to later rules', async () => {
  const { rule } = mock.scenarios.addRule({
    match: { jobType: 'optimizeImagesJob' },
    nth: 2,
    fatal: true,
  })
  mock.scenarios.add({ match: { jobNamePattern: '^w' }, warnings: 1 })
  expect(rule).toEqual({ id: 's1', scenario: expect.any(Object), remaining: 1, seen: 0 })
  const first = await submit('optimizeImagesJob', { jobName: 'w1' })
  const second = await submit('optimizeImagesJob', { jobName: 'w2' })
  await mock.runUntilIdle()
  expect(await logOf(first)).toMatchObject({ fatalError: 'false', fileWarningCount: '1' })
  expect((await logOf(second))?.fatalError).toBe('true')
  expect(mock.scenarios.rules().map((each) => each.id)).toEqual(['s2'])
  expect(mock.scenarios.remove('s2')).toBe(true)
  expect(mock.scenarios.remove('s2')).toBe(false)
})
