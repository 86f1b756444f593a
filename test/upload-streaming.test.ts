import { subscribe } from 'node:diagnostics_channel'
import { request as httpRequest } from 'node:http'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createIpsMock } from '../src/index.js'
import { type RunningServer, startServer } from '../src/server.js'
import type { OutObject } from '../src/schema/write.js'
import { DEMO_CO, logins } from './support/requests.js'
import {
  authDocument,
  readUpload,
  uploadJobOptions,
  uploadParamsDocument,
} from './support/upload.js'

// The servlet publishes each chunk it reads on a diagnostics channel: a test can wait until the
// servlet has read part of a body the client has not finished sending.
const fed = { bytes: 0, waiters: [] as Array<[number, () => void]> }
subscribe('ips-mock:upload-body', (message) => {
  fed.bytes += (message as { bytes: number }).bytes
  for (const [size, resolve] of fed.waiters) if (fed.bytes >= size) resolve()
})

/** Resolves once the servlet has been fed at least `size` bytes of the current body. */
const servletHasRead = (size: number) =>
  new Promise<void>((resolve) => {
    if (fed.bytes >= size) resolve()
    else fed.waiters.push([size, resolve])
  })

const LIMIT = 256 * 1024
const BOUNDARY = 'ips-mock-streaming-boundary'
const CONTENT_TYPE = `multipart/form-data; boundary=${BOUNDARY}`

const textPart = (name: string, value: string) =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`
const fileHead = (field: string, filename: string) =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`

/** A body in two pieces: the documents and a whole first file, then a second file and the end. */
function twoPieces(params: OutObject, firstSize: number, secondSize: number) {
  const first = Buffer.concat([
    Buffer.from(textPart('auth', authDocument(logins.user))),
    Buffer.from(textPart('uploadParams', uploadParamsDocument(params))),
    Buffer.from(fileHead('file1', 'first.jpg')),
    Buffer.alloc(firstSize, 65),
    Buffer.from('\r\n'),
  ])
  const rest = Buffer.concat([
    Buffer.from(fileHead('file2', 'second.jpg')),
    Buffer.alloc(secondSize, 66),
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ])
  return { first, rest }
}

const params = (jobName: string, more: OutObject = {}): OutObject => ({
  companyHandle: DEMO_CO,
  jobName,
  ...more,
  uploadParams: uploadJobOptions,
})

afterEach(() => {
  fed.bytes = 0
  fed.waiters = []
})

describe('the standalone server', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer({
      port: 0,
      logLevel: 'silent',
      startTime: '2030-01-01T00:00:00Z',
      maxBodyBytes: LIMIT,
    })
  })
  afterEach(() => server.mock.reset())
  afterAll(() => server.close())

  /** POSTs `first`, waits for the servlet to read it all, then sends `rest` (chunked: no length). */
  function postInPieces(first: Buffer, rest: Buffer, readBeforeRest = first.length) {
    return new Promise<{ status: number; body: string; connection?: string }>((resolve, reject) => {
      const outgoing = httpRequest(
        `${server.url}/UploadFile`,
        { method: 'POST', headers: { 'content-type': CONTENT_TYPE } },
        (response) => {
          const parts: Buffer[] = []
          response.on('data', (chunk: Buffer) => parts.push(chunk))
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              body: Buffer.concat(parts).toString('utf8'),
              ...(response.headers.connection ? { connection: response.headers.connection } : {}),
            }),
          )
        },
      )
      outgoing.on('error', reject)
      outgoing.write(first)
      void servletHasRead(readBeforeRest).then(() => {
        // Until now the client has sent only the first piece: a servlet fed from a buffered
        // whole body would never have got here.
        expect(fed.bytes).toBeLessThan(first.length + rest.length)
        outgoing.end(rest)
      })
    })
  }

  it('feeds the servlet from the socket: it reads the first file part before the rest is sent', async () => {
    const { first, rest } = twoPieces(params('streamed', { endJob: true }), 100_000, 50_000)
    const answer = await postInPieces(first, rest)
    expect(answer.status).toBe(200)
    expect(answer.body).toMatch(/<jobHandle>/)
    await server.mock.runUntilIdle()
    const files = server.mock.store.assets.all().map((asset) => [asset.fileName, asset.fileSize])
    expect(files).toEqual([
      ['first.jpg', 100_000],
      ['second.jpg', 50_000],
    ])
  })

  it('counts a body with no length as it streams: past the limit, a fault and nothing ingested', async () => {
    // The first POST opens the job with one file; the second goes over the limit part-way.
    const opened = await readUpload(
      await fetch(`${server.url}/UploadFile`, {
        method: 'POST',
        headers: { 'content-type': CONTENT_TYPE },
        body: Buffer.concat([
          Buffer.from(textPart('auth', authDocument(logins.user))),
          Buffer.from(textPart('uploadParams', uploadParamsDocument(params('two posts')))),
          Buffer.from(fileHead('file1', 'kept.jpg')),
          Buffer.alloc(10, 67),
          Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
        ]),
      }),
    )
    expect(opened.jobHandle).toBeDefined()
    const later = { companyHandle: DEMO_CO, jobHandle: opened.jobHandle, endJob: true }
    const { first, rest } = twoPieces(later, 1_000, LIMIT)
    fed.bytes = 0
    const answer = await postInPieces(first, rest)
    expect(answer.status).toBe(500)
    expect(answer.body).toMatch(/<code[^>]*>30003<\/code>/)
    expect(answer.body).toContain(`The request body exceeds the limit of ${LIMIT} bytes`)
    // The body was not read to its end: the connection is not reused.
    expect(answer.connection).toBe('close')
    server.mock.clock.advance('31m')
    await server.mock.runUntilIdle()
    // The job holds the first POST's file only: nothing of the refused POST, not even its whole first file.
    expect(server.mock.store.assets.all().map((asset) => asset.fileName)).toEqual(['kept.jpg'])
  })
})

describe('in process (a Fetch Request whose body is a stream)', () => {
  it('feeds the servlet from the Request body stream as it arrives', async () => {
    const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z', maxBodyBytes: LIMIT })
    const { first, rest } = twoPieces(params('in process', { endJob: true }), 20_000, 30_000)
    let send!: ReadableStreamDefaultController<Uint8Array>
    const body = new ReadableStream<Uint8Array>({ start: (controller) => void (send = controller) })
    send.enqueue(first)
    const answered = mock.handle(
      new Request('https://s7sps1ssl.scene7.com/scene7/UploadFile', {
        method: 'POST',
        headers: { 'content-type': CONTENT_TYPE },
        body,
        duplex: 'half',
      } as RequestInit),
    )
    await servletHasRead(first.length)
    expect(fed.bytes).toBe(first.length)
    send.enqueue(rest)
    send.close()
    const answer = await readUpload(await answered)
    expect(answer.status).toBe(200)
    await mock.runUntilIdle()
    expect(mock.store.assets.all().map((asset) => [asset.fileName, asset.fileSize])).toEqual([
      ['first.jpg', 20_000],
      ['second.jpg', 30_000],
    ])
  })
})
