import { expect, it } from 'vitest'
import { items, ok } from './support/calls.js'
import { assetOk } from './support/assets.js'
import { useMswMock } from './support/msw.js'
import { BASE_NS, DEMO_CO, logins, NS_2014, NS_2022, OTHER_CO } from './support/requests.js'
import {
  authDocument,
  postUpload,
  UPLOAD_URL,
  uploadForm,
  uploadJobOptions,
  uploadParamsDocument,
} from './support/upload.js'

const mock = useMswMock({ startTime: '2030-01-01T00:00:00Z', maxBodyBytes: 64 * 1024 })

const first = (jobName: string, more: Record<string, unknown> = {}) => ({
  companyHandle: DEMO_CO,
  jobName,
  ...more,
  uploadParams: uploadJobOptions,
})

const activeJobs = async () =>
  items((await ok('getActiveJobs', { companyHandle: DEMO_CO })).jobArray)

const search = async () =>
  items(
    (
      await assetOk('searchAssets', {
        companyHandle: DEMO_CO,
        includeSubfolders: true,
        sortBy: 'Name',
      })
    ).assetArray,
  )

it('one POST with endJob: a bare uploadPostReturn, then an UploadPostJob whose files are assets', async () => {
  const answer = await postUpload(
    uploadForm(first('servlet one', { destFolder: 'posted', endJob: true }), {
      'chair.jpg': 1200,
      'tour.mp4': 3400,
    }),
  )
  expect(answer.status).toBe(200)
  expect(answer.contentType).toBe('text/xml;charset=utf-8')
  expect(answer.body).toMatch(
    new RegExp(
      `^<\\?xml version="1.0" encoding="UTF-8"\\?><uploadPostReturn xmlns="${NS_2014}"><jobHandle>j\\|101\\|\\|servlet one\\|\\d{5}</jobHandle></uploadPostReturn>$`,
    ),
  )
  await mock.runUntilIdle()
  const assets = await search()
  expect(assets.map((asset) => [asset.name, asset.type, asset.folder, asset.fileName])).toEqual([
    ['chair', 'Image', 'demo-co/posted/', 'chair.jpg'],
    ['tour', 'Video', 'demo-co/posted/', 'tour.mp4'],
  ])
  const [log] = items(
    (await ok('getJobLogDetails', { companyHandle: DEMO_CO, jobHandle: answer.jobHandle ?? '' }))
      .jobLogArray,
  )
  expect(log).toMatchObject({ logType: 'BeginUpload', fileSuccessCount: '2', totalFileCount: '2' })
  const uploads = items(log?.detailArray).filter((line) => line.logType === 'UploadSuccess')
  expect(uploads.map((line) => [line.logMessage, line.assetName])).toEqual([
    ['demo-co/posted/chair.jpg processed successfully.', 'chair'],
    ['demo-co/posted/tour.mp4 processed successfully.', 'tour'],
  ])
})

it('several POSTs make one job: later POSTs name its jobHandle, their uploadParams are ignored', async () => {
  const opened = await postUpload(uploadForm(first('batch'), { 'a.jpg': 10 }))
  const handle = opened.jobHandle ?? ''
  const [active] = await activeJobs()
  expect(active).toMatchObject({ jobHandle: handle, type: 'UploadPost', state: 'Running' })
  expect(active?.uploadPostJob).toMatchObject({ overwrite: 'true', readyForPublish: 'false' })
  const later = await postUpload(
    uploadForm(
      {
        companyHandle: DEMO_CO,
        jobHandle: handle,
        endJob: true,
        uploadParams: { ...uploadJobOptions, readyForPublish: true },
      },
      { 'b.jpg': 10, 'c.jpg': 10 },
    ),
  )
  expect(later).toMatchObject({ status: 200, jobHandle: handle })
  await mock.runUntilIdle()
  expect(await activeJobs()).toEqual([])
  const assets = await search()
  expect(assets.map((asset) => [asset.name, asset.readyForPublish])).toEqual([
    ['a', 'false'],
    ['b', 'false'],
    ['c', 'false'],
  ])
  expect(mock.store.logsOf(handle)[0]).toMatchObject({ fileSuccessCount: 3, totalFileCount: 3 })
})

it('a job without endJob ends 30 minutes (mock clock) after its last POST', async () => {
  const handle = (await postUpload(uploadForm(first('idle'), { 'x.jpg': 5 }))).jobHandle ?? ''
  mock.clock.advance('29m')
  expect((await activeJobs()).map((job) => job.jobHandle)).toEqual([handle])
  const again = await postUpload(
    uploadForm({ companyHandle: DEMO_CO, jobHandle: handle }, { 'y.jpg': 5 }),
  )
  expect(again.jobHandle).toBe(handle)
  mock.clock.advance('29m')
  expect((await activeJobs()).map((job) => job.jobHandle)).toEqual([handle])
  mock.clock.advance('1m')
  expect(await activeJobs()).toEqual([])
  expect(mock.store.logsOf(handle)[0]?.endDate).toBe('2030-01-01T00:59:00.000Z')
  expect((await search()).map((asset) => asset.name)).toEqual(['x', 'y'])
  const late = await postUpload(
    uploadForm({ companyHandle: DEMO_CO, jobHandle: handle }, { 'z.jpg': 5 }),
  )
  expect(late.fault).toEqual({
    element: 'ipsApiFault',
    code: 30001,
    reason: `Job '${handle}' is not an upload job receiving files`,
  })
})

it('the target path: destFolder + fileName, else the part filename with its own path', async () => {
  await postUpload(
    uploadForm(first('paths', { destFolder: 'set', fileName: 'renamed.png', endJob: true }), {
      'original.jpg': 5,
    }),
  )
  // The documented example's filename carries the company root and a doubled slash.
  await postUpload(
    uploadForm(first('example', { endJob: true }), {
      'demo-co/UploadFileServlet1376682217351//1376682217351-1.jpg': 5,
    }),
  )
  await mock.runUntilIdle()
  expect((await search()).map((asset) => `${asset.folder}${asset.fileName}`)).toEqual([
    'demo-co/UploadFileServlet1376682217351/1376682217351-1.jpg',
    'demo-co/set/renamed.png',
  ])
})

it('answers in the request namespace and mints handles of its form', async () => {
  const answer = await postUpload(
    uploadForm(first('newer', { endJob: true }), { 'n.jpg': 5 }, { ns: NS_2022 }),
  )
  expect(answer.body).toContain(`<uploadPostReturn xmlns="${NS_2022}">`)
  await mock.runUntilIdle()
  expect(mock.store.assetByName(DEMO_CO, 'n')?.handle).toMatch(/^a\|\d+$/)
})

it('refuses bad credentials with a bare fault element, HTTP 500 or faultHttpStatusCode', async () => {
  const wrong = { user: logins.user.user, password: 'not it' }
  const refused = await postUpload(uploadForm(first('x'), {}, { auth: authDocument(wrong) }))
  expect(refused.status).toBe(500)
  expect(refused.fault).toEqual({
    element: 'authenticationFault',
    code: 10001,
    reason: 'Invalid username/password',
  })
  expect(refused.body).not.toContain('not it')
  expect(refused.body).not.toContain('Envelope')
  const asked = await postUpload(
    uploadForm(first('x'), {}, { auth: authDocument(wrong, { faultHttpStatusCode: '200' }) }),
  )
  expect(asked.status).toBe(200)
  expect(asked.fault?.code).toBe(10001)
  expect(mock.store.jobCount).toBe(0)
})

it.each([
  ['a role submitJob does not allow', { auth: authDocument(logins.portal) }, first('x'), 20003],
  ['another company', {}, { ...first('x'), companyHandle: OTHER_CO }, 20006],
  ['no jobName and no jobHandle', {}, { companyHandle: DEMO_CO }, 30002],
  ['an unknown jobHandle', {}, { companyHandle: DEMO_CO, jobHandle: 'j|101||none|1' }, 30001],
  ['no companyHandle', {}, { jobName: 'x' }, 30002],
])('refuses %s', async (_, options, params, code) => {
  const answer = await postUpload(uploadForm(params, { 'f.jpg': 3 }, options))
  expect(answer.fault?.code).toBe(code)
  expect(answer.status).toBe(500)
  expect(mock.store.jobCount).toBe(0)
  expect(mock.store.assets.count()).toBe(0)
})

it('refuses a POST whose job belongs to another company', async () => {
  const handle = (await postUpload(uploadForm(first('mine')))).jobHandle ?? ''
  const form = uploadForm(
    { companyHandle: OTHER_CO, jobHandle: handle },
    {},
    { auth: authDocument(logins.other) },
  )
  expect((await postUpload(form)).fault).toMatchObject({
    code: 30001,
    reason: `Invalid job handle '${handle}'`,
  })
})

it('refuses what is not a servlet request: 30003 for the body, 30002 for missing parts', async () => {
  const reasonOf = async (init: RequestInit) => {
    const text = await (await mock.handle(new Request(UPLOAD_URL, init))).text()
    return /<reason[^>]*>([^<]*)</.exec(text)?.[1]
  }
  expect(
    await reasonOf({ method: 'POST', body: '<x/>', headers: { 'content-type': 'text/xml' } }),
  ).toBe(
    "Content-Type 'text/xml' is not multipart/form-data; UploadFile takes form parts auth, uploadParams and files",
  )
  expect(await reasonOf({ method: 'GET' })).toBe(
    'GET is not supported on UploadFile: POST multipart/form-data',
  )
  expect(
    await reasonOf({
      method: 'POST',
      body: '--b\r\nContent-Disposition: form-data; name="auth"\r\n\r\nx',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
    }),
  ).toBe('Malformed multipart/form-data body: Unexpected end of form')
  const noAuth = new FormData()
  noAuth.append('uploadParams', uploadParamsDocument(first('x')))
  expect((await postUpload(noAuth)).fault).toEqual({
    element: 'ipsApiFault',
    code: 30002,
    reason: "UploadFile: the form part 'auth' (authHeader) is required",
  })
  const noParams = new FormData()
  noParams.append('auth', authDocument())
  expect((await postUpload(noParams)).fault?.reason).toBe(
    "UploadFile: the form part 'uploadParams' (uploadPostParam) is required",
  )
  const wrongRoot = new FormData()
  wrongRoot.append('auth', authDocument())
  wrongRoot.append('uploadParams', `<submitJobParam xmlns="${BASE_NS}"/>`)
  expect((await postUpload(wrongRoot)).fault?.code).toBe(30003)
  const broken = new FormData()
  broken.append('auth', '<authHeader><user>u</user><password>s3cret</passw')
  broken.append('uploadParams', uploadParamsDocument(first('x')))
  const malformed = await postUpload(broken)
  expect(malformed.fault?.code).toBe(30003)
  expect(malformed.fault?.reason).toMatch(/^Malformed XML: .* at line 1, column \d+$/)
  expect(malformed.body).not.toContain('s3cret')
})

it('refuses a body beyond the limit, whatever part holds the bytes, and stores nothing', async () => {
  const answer = await postUpload(uploadForm(first('big', { endJob: true }), { 'big.jpg': 70_000 }))
  expect(answer.fault).toEqual({
    element: 'ipsApiFault',
    code: 30003,
    reason: 'The request body exceeds the limit of 65536 bytes',
  })
  expect(mock.store.jobCount).toBe(0)
})

it('reads auth and uploadParams sent as file parts too', async () => {
  const form = new FormData()
  form.append('auth', new Blob([authDocument()]), 'auth.xml')
  form.append(
    'uploadParams',
    new Blob([uploadParamsDocument(first('as files', { endJob: true }))]),
    'p.xml',
  )
  form.append('file1', new Blob(['x']), 'asfile.jpg')
  expect((await postUpload(form)).status).toBe(200)
  await mock.runUntilIdle()
  expect((await search()).map((asset) => asset.name)).toEqual(['asfile'])
})
