import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../src/server.js'
import { DEMO_CO } from './support/requests.js'
import { postUpload, uploadForm, uploadJobOptions } from './support/upload.js'

// The standalone server hands UploadFile bodies to the servlet as a stream.
let server: RunningServer
beforeAll(async () => {
  server = await startServer({
    port: 0,
    logLevel: 'silent',
    startTime: '2030-01-01T00:00:00Z',
    maxBodyBytes: 256 * 1024,
  })
})
afterEach(() => server.mock.reset())
afterAll(() => server.close())

const first = (jobName: string) => ({
  companyHandle: DEMO_CO,
  jobName,
  endJob: true,
  uploadParams: uploadJobOptions,
})

it('takes a streamed multipart body: files of any size within the limit become assets', async () => {
  const answer = await postUpload(
    uploadForm(first('streamed'), { 'one.jpg': 200_000, 'two.pdf': 40_000 }),
    `${server.url}/UploadFile`,
  )
  expect(answer.status).toBe(200)
  await server.mock.runUntilIdle()
  const sizes = server.mock.store.assets
    .all()
    .map((asset) => [asset.fileName, asset.type, asset.fileSize])
  expect(sizes).toEqual([
    ['one.jpg', 'Image', 200_000],
    ['two.pdf', 'Pdf', 40_000],
  ])
})

it('refuses a streamed body past the limit part-way, keeps serving, stores nothing', async () => {
  const answer = await postUpload(
    uploadForm(first('too big'), { 'huge.jpg': 1_000_000 }),
    `${server.url}/UploadFile`,
  )
  expect(answer.fault).toEqual({
    element: 'ipsApiFault',
    code: 30003,
    reason: 'The request body exceeds the limit of 262144 bytes',
  })
  expect(server.mock.store.jobCount).toBe(0)
  const next = await postUpload(
    uploadForm(first('after'), { 'small.jpg': 10 }),
    `${server.url}/UploadFile`,
  )
  expect(next.status).toBe(200)
})
