import { expect, it } from 'vitest'
import { createIpsMock } from '../src/index.js'
import { call, items, ok, submit } from './support/calls.js'
import { eachRuntimeOf } from './support/matrix.js'
import {
  DEMO_CO,
  envelope,
  jobElements,
  logins,
  operationParam,
  submitJobRequest,
  sendTo,
} from './support/requests.js'
import { read } from './support/soap.js'

const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z' })

eachRuntimeOf(mock, () => {
  const co = { companyHandle: DEMO_CO }

  const active = async (fields = {}) =>
    items((await ok('getActiveJobs', { ...co, ...fields })).jobArray)
  const scheduled = async () => items((await ok('getScheduledJobs', co)).jobArray)
  const details = async (jobHandle: string, fields = {}, locale?: string) =>
    items(
      (await ok('getJobLogDetails', { ...co, jobHandle, ...fields }, logins.user, locale))
        .jobLogArray,
    )

  it('reports the number of URLs an UploadUrlsJob carries, not a numUrls it was sent', async () => {
    const handle = await submit('uploadUrlsJob', {
      uploadUrlsJob: {
        urlArray: {
          items: [{ sourceUrl: 'https://img.example.test/a.jpg', destPath: 'in/a.jpg' }],
        },
        numUrls: 7,
        overwrite: true,
        readyForPublish: false,
        createMask: false,
        emailSetting: 'None',
      },
    })
    const [job] = await active({ jobHandle: handle })
    expect(job?.uploadUrlsJob).toMatchObject({ numUrls: '1', overwrite: 'true' })
  })

  it('moves an immediate job New → Running → Done, then logs it', async () => {
    const handle = await submit('uploadUrlsJob')
    let [job] = await active()
    expect(job).toMatchObject({
      jobHandle: handle,
      state: 'New',
      progress: '0',
      type: 'UrlUpload',
      totalSize: '2',
    })
    expect(job?.triggerTime).toBe('2030-01-01T00:00:00.000+00:00')
    expect(job?.uploadUrlsJob.numUrls).toBe('2')

    mock.clock.advance('1s')
    ;[job] = await active()
    expect(job).toMatchObject({
      state: 'Running',
      progress: '0',
      startDate: '2030-01-01T00:00:01.000+00:00',
    })
    expect(job?.taskProgressArray.items[0]).toMatchObject({
      taskState: 'Processing',
      numProcessed: '0',
      numPending: '1',
      numProcessing: '1',
    })

    mock.clock.advance('1500ms')
    ;[job] = await active()
    expect(job).toMatchObject({
      state: 'Running',
      progress: '50',
      progressMessage: 'Processed 1 of 2',
    })

    mock.clock.advance('1500ms')
    expect(await active()).toEqual([])
    const [log] = await details(handle)
    expect(log).toMatchObject({
      jobHandle: handle,
      logType: 'BeginUploadUrls',
      startDate: '2030-01-01T00:00:01.000+00:00',
      endDate: '2030-01-01T00:00:04.000+00:00',
      fileSuccessCount: '2',
      fileErrorCount: '0',
      totalFileCount: '2',
      fatalError: 'false',
      detailTotalRows: '7',
    })
    expect(items(log?.detailArray).map((d) => d.logType)).toEqual([
      'BeginUploadUrls',
      'OriginalJobName',
      'JobClient',
      'TotalFileCount',
      'UploadSuccess',
      'UploadSuccess',
      'EndUploadUrls',
    ])
    expect(items(log?.detailArray)[4]).toMatchObject({
      logMessage: 'demo-co/uploads/source-1.jpg processed successfully.',
      assetName: 'source-1',
      assetType: 'MasterImage',
      assetHandle: mock.store.assetByName('c|101', 'source-1')?.handle,
    })
    expect(mock.store.job(handle)?.state).toBe('Done')
  })

  it('runs every job type to a consistent log', async () => {
    // All thirteen job elements of submitJobParam (reference §5), listed here, not read from the mock.
    const jobs = [
      'imageServingPublishJob',
      'imageRenderingPublishJob',
      'videoPublishJob',
      'serverDirectoryPublishJob',
      'metadataPublishJob',
      'uploadDirectoryJob',
      'uploadUrlsJob',
      'optimizeImagesJob',
      'ripPdfsJob',
      'reprocessAssetsJob',
      'createVideoSitemapJob',
      'exportJob',
      'automatedSetGenerationJob',
    ]
    expect([...jobElements].sort()).toEqual([...jobs].sort())
    const handles = new Map<string, string>()
    for (const job of jobs) handles.set(job, await submit(job))
    await mock.runUntilIdle()
    for (const [job, handle] of handles) {
      const [log] = await details(handle)
      expect(log, `${job} has a job log`).toBeDefined()
      const rows = items(log?.detailArray)
      const count = (suffix: RegExp) => rows.filter((row) => suffix.test(row.logType)).length
      expect(Number(log?.fileSuccessCount), job).toBe(count(/Success$|Pubilsh/))
      expect(Number(log?.totalFileCount), job).toBe(Number(log?.fileSuccessCount))
      expect(Number(log?.detailTotalRows), job).toBe(rows.length)
      // A log opens with its Begin… line and closes with the matching End… line (the reference
      // spells one of them `endReoptimize`, §8: compared without case).
      const first = rows[0]?.logType ?? ''
      expect(first, job).toMatch(/^Begin/)
      expect(rows.at(-1)?.logType.toLowerCase(), job).toBe(
        first.replace(/^Begin/, 'End').toLowerCase(),
      )
      expect(log?.logType, job).toBe(first)
      expect(mock.store.job(handle)?.state, job).toBe('Done')
    }
    const [exported] = await details(handles.get('exportJob') as string)
    expect(items(exported?.detailArray)[4]?.assetName).toMatch(
      /^https:\/\/export\.ips-mock\.test\/[a-z0-9]{12}\.zip$/,
    )
    const [published] = await details(handles.get('imageServingPublishJob') as string)
    expect(published?.jobSubType).toBe('full')
  })

  it('holds an execTime job in getScheduledJobs until its time, honouring its offset', async () => {
    const handle = await submit('optimizeImagesJob', { execTime: '2030-01-01T09:30:00+01:00' })
    expect(await active()).toEqual([])
    const [waiting] = await scheduled()
    expect(waiting).toMatchObject({
      jobHandle: handle,
      triggerState: 'Normal',
      nextFireTime: '2030-01-01T08:30:00.000+00:00',
      timeZone: 'UTC',
      type: 'ImageOptimization',
    })
    expect(
      items((await ok('getActiveJobs', { ...co, includeWaitingJobs: true })).jobArray)[0],
    ).toMatchObject({
      jobHandle: handle,
      state: 'New',
      triggerTime: '2030-01-01T08:30:00.000+00:00',
    })
    mock.clock.set('2030-01-01T08:29:59Z')
    expect(await active()).toEqual([])
    mock.clock.advance('1s')
    expect((await active())[0]).toMatchObject({ jobHandle: handle, state: 'New' })
    expect(await scheduled()).toEqual([])
  })

  it('fires an execSchedule job every day over several simulated days', async () => {
    const handle = await submit('uploadDirectoryJob', {
      execSchedule: '0 0 3 * * ?',
      jobName: 'nightly',
    })
    expect((await scheduled())[0]).toMatchObject({
      jobHandle: handle,
      execSchedule: '0 0 3 * * ?',
      nextFireTime: '2030-01-01T03:00:00.000+00:00',
      triggerState: 'Normal',
    })
    for (let day = 1; day <= 3; day++) {
      mock.clock.advance('1d')
      await mock.runUntilIdle()
    }
    const logs = await details(handle)
    expect(logs.map((log) => log.jobHandle)).toEqual([`${handle}1`, `${handle}2`, `${handle}3`])
    expect(logs.map((log) => log.startDate)).toEqual([
      '2030-01-01T03:00:01.000+00:00',
      '2030-01-02T03:00:01.000+00:00',
      '2030-01-03T03:00:01.000+00:00',
    ])
    expect(logs.map((log) => log.originalJobName)).toEqual(['nightly', 'nightly', 'nightly'])
    expect((await scheduled())[0]?.nextFireTime).toBe('2030-01-04T03:00:00.000+00:00')
  })

  it('reads execSchedule and offset-less execTime in the server time zone', async () => {
    const la = createIpsMock({ startTime: '2030-01-01T00:00:00Z', timeZone: 'America/Los_Angeles' })
    const send = async (body: string) => read(await sendTo(la, body))
    await send(
      submitJobRequest('optimizeImagesJob', 'minimal', {
        execSchedule: '0 0 3 * * ?',
        jobName: 'la',
      }),
    )
    await send(
      submitJobRequest('optimizeImagesJob', 'minimal', {
        execTime: '2030-01-01T00:00:00',
        jobName: 'local',
      }),
    )
    expect(la.store.job('j|101|la|')?.nextFireTime).toBe('2030-01-01T11:00:00.000Z')
    expect(la.store.job('j|101|local|')?.nextFireTime).toBe('2030-01-01T08:00:00.000Z')
    const listed = await send(
      envelope(
        operationParam('getScheduledJobs', { companyHandle: DEMO_CO, jobHandle: 'j|101|la|' }),
      ),
    )
    expect(
      items((listed.body.getScheduledJobsReturn as { jobArray: unknown }).jobArray)[0],
    ).toMatchObject({
      nextFireTime: '2030-01-01T03:00:00.000-08:00',
      timeZone: 'America/Los_Angeles',
    })
  })

  it('refuses a garbage execSchedule with a fault', async () => {
    const answer = await call('submitJob', {
      ...co,
      jobName: 'bad',
      execSchedule: 'every day at noon',
      optimizeImagesJob: { emailSetting: 'None' },
    })
    expect(answer.fault).toMatchObject({
      code: 30001,
      reason:
        "submitJobParam/execSchedule: 'every day at noon' is not a valid schedule: expected 6 or 7 fields (sec min hour day-of-month month day-of-week [year]), found 4",
    })
    expect(mock.store.jobs.count()).toBe(0)
    // The refused job's name was given back.
    expect(await submit('optimizeImagesJob', { jobName: 'bad' })).toBe('j|101|bad|')
  })

  it('stops a running job: Stopping, then Done with a log of what it did', async () => {
    const handle = await submit('uploadUrlsJob')
    mock.clock.advance('2500ms')
    await ok('stopJob', { ...co, jobHandle: handle })
    expect((await active())[0]).toMatchObject({ state: 'Stopping', progressMessage: 'Stopping' })
    mock.clock.advance('1s')
    expect(await active()).toEqual([])
    const [log] = await details(handle)
    const types = items(log?.detailArray).map((d) => d.logType)
    expect(types).toEqual([
      'BeginUploadUrls',
      'OriginalJobName',
      'JobClient',
      'TotalFileCount',
      'UploadSuccess',
      'FileCancel',
      'EndUploadUrls',
    ])
    expect(log).toMatchObject({
      fileSuccessCount: '1',
      totalFileCount: '2',
      endDate: '2030-01-01T00:00:03.500+00:00',
    })
    const again = await call('stopJob', { ...co, jobHandle: handle })
    expect(again.fault).toMatchObject({
      code: 30001,
      reason: `Job '${handle}' cannot be stopped (state Done): only a job that is running can be stopped`,
    })
  })

  it('pauses and resumes a scheduled job: no run while paused', async () => {
    const handle = await submit('optimizeImagesJob', { execSchedule: '0 0 * * * ?' })
    await ok('pauseJob', { ...co, jobHandle: handle })
    expect((await scheduled())[0]?.triggerState).toBe('Paused')
    expect((await call('pauseJob', { ...co, jobHandle: handle })).fault?.reason).toBe(
      `Job '${handle}' cannot be paused (state Scheduled, trigger Paused): it is already paused`,
    )
    mock.clock.advance('3h')
    expect(await active()).toEqual([])
    await ok('resumeJob', { ...co, jobHandle: handle })
    expect((await scheduled())[0]).toMatchObject({
      triggerState: 'Normal',
      nextFireTime: '2030-01-01T04:00:00.000+00:00',
    })
    expect((await call('resumeJob', { ...co, jobHandle: handle })).fault?.code).toBe(30001)
    mock.clock.advance('1h')
    expect((await active())[0]?.jobHandle).toBe(`${handle}1`)
  })

  it('pauses a running job (WaitingClient, progress frozen) and resumes it where it was', async () => {
    const handle = await submit('uploadUrlsJob')
    mock.clock.advance('2500ms')
    await ok('pauseJob', { ...co, jobHandle: handle })
    expect((await active())[0]).toMatchObject({
      state: 'WaitingClient',
      progress: '50',
      progressMessage: 'Paused after 1 of 2',
    })
    mock.clock.advance('1h')
    expect((await active())[0]).toMatchObject({ state: 'WaitingClient', progress: '50' })
    await ok('resumeJob', { ...co, jobHandle: handle })
    expect((await active())[0]?.state).toBe('Running')
    mock.clock.advance('1499ms')
    expect((await active())[0]?.state).toBe('Running')
    mock.clock.advance('1ms')
    expect(await active()).toEqual([])
  })

  it('deletes scheduled jobs, refuses running and ended ones', async () => {
    const later = await submit('optimizeImagesJob', { execTime: '2030-06-01T00:00:00Z' })
    await ok('deleteJob', { ...co, jobHandle: later })
    expect(await scheduled()).toEqual([])
    expect(mock.store.job(later)).toBeUndefined()
    // The name of a deleted job that never ran is free again.
    expect(await submit('optimizeImagesJob', { execTime: '2030-06-01T00:00:00Z' })).toBe(later)
    await ok('deleteJob', { ...co, jobHandle: later })

    const running = await submit('optimizeImagesJob', { jobName: 'running' })
    mock.clock.advance('1s')
    expect((await call('deleteJob', { ...co, jobHandle: running })).fault).toMatchObject({
      code: 30001,
      reason: `Job '${running}' cannot be deleted (state Running): it is running; stop it first`,
    })
    await mock.runUntilIdle()
    expect((await call('deleteJob', { ...co, jobHandle: running })).fault?.reason).toBe(
      `Job '${running}' cannot be deleted (state Done): it has already ended`,
    )
    expect((await call('deleteJob', { ...co, jobHandle: 'j|101|nope|' })).fault).toMatchObject({
      code: 30001,
      reason: "Invalid job handle 'j|101|nope|'",
    })
  })

  it('executes a scheduled job now, and refuses to execute one that is not scheduled', async () => {
    const handle = await submit('optimizeImagesJob', { execSchedule: '0 0 0 1 1 ?' })
    await ok('executeJob', { ...co, jobHandle: handle })
    expect((await active())[0]).toMatchObject({ jobHandle: `${handle}1`, state: 'New' })
    expect((await scheduled())[0]?.nextFireTime).toBe('2031-01-01T00:00:00.000+00:00')
    const immediate = await submit('optimizeImagesJob', { jobName: 'now' })
    expect((await call('executeJob', { ...co, jobHandle: immediate })).fault?.reason).toBe(
      `Job '${immediate}' cannot be executed (state New): only a scheduled job can be executed`,
    )
  })

  it('keeps each company to its own jobs', async () => {
    const handle = await submit('optimizeImagesJob')
    const other = logins.other
    expect((await call('getActiveJobs', { companyHandle: DEMO_CO }, other)).fault?.code).toBe(20006)
    expect(items((await ok('getActiveJobs', {}, other)).jobArray)).toEqual([])
    expect(items((await ok('getActiveJobs', { companyHandle: 'c|102' }, other)).jobArray)).toEqual(
      [],
    )
    for (const operation of ['stopJob', 'pauseJob', 'deleteJob', 'getJobLogDetails']) {
      const answer = await call(operation, { companyHandle: 'c|102', jobHandle: handle }, other)
      expect(answer.fault, operation).toMatchObject({
        element: 'authorizationFault',
        code: 20006,
        reason: `Job '${handle}' does not belong to company 'c|102'`,
      })
    }
    await mock.runUntilIdle()
    expect(items((await ok('getJobLogs', {}, other)).jobLogArray)).toEqual([])
    expect(items((await ok('getJobLogs', {})).jobLogArray)).toHaveLength(1)
  })

  it('applies the role table to the life-cycle operations', async () => {
    expect((await call('getActiveJobs', co, logins.portal)).fault?.code).toBe(20003)
    expect((await call('executeJob', { ...co, jobHandle: 'x' }, logins.portal)).fault?.code).toBe(
      20003,
    )
    expect((await call('getJobLogs', co, logins.portal)).fault).toBeUndefined()
    expect((await call('getAllCompanies', { includeExpired: false })).fault).toMatchObject({
      code: 20003,
      reason: "User does not have permission to access operation 'getAllCompanies'",
    })
  })
})
