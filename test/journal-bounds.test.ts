// The journal is bounded in memory: a prefix of each body, a byte budget for all of it.
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createIpsMock,
  DEFAULT_JOURNAL_BODY_BYTES,
  DEFAULT_JOURNAL_BYTES,
  type IpsMock,
} from '../src/index.js'
import { type RunningServer, startServer } from '../src/server.js'
import { DEMO_CO, envelope, sendTo, submitJobParam, uploadUrlsRequest } from './support/requests.js'

/** A submitJob without credentials (refused with 10000) padded to `bytes` by a comment. */
function paddedRequest(bytes: number): Uint8Array<ArrayBuffer> {
  const param = submitJobParam({
    companyHandle: DEMO_CO,
    jobName: 'padded',
    optimizeImagesJob: { emailSetting: 'None' },
  })
  const bare = envelope(param, { auth: null })
  const filler = `<!--${'x'.repeat(bytes - bare.length - 7)}-->`
  return new TextEncoder().encode(
    envelope(param.replace('<jobName>', `${filler}<jobName>`), { auth: null }),
  )
}

// The collector, reachable from a fresh context once the flag is set.
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as (() => void) | undefined

function heapAfterGc(): number {
  ;(gc as () => void)()
  ;(gc as () => void)()
  return process.memoryUsage().heapUsed
}

describe('in-process', () => {
  it('keeps a prefix of a body over journalBodyBytes, with its size, and reads no params from it', async () => {
    const mock = createIpsMock({ journalBodyBytes: 1024 })
    const big = paddedRequest(5000)
    await sendTo(mock, big)
    const entry = mock.journal.last()
    expect(entry?.fault?.code).toBe(10000)
    expect(entry?.requestBody).toEqual({ bytes: big.byteLength, truncated: true })
    expect(entry?.params).toBeUndefined()
    expect(entry?.operation).toBe('submitJob')

    await sendTo(mock, uploadUrlsRequest('small'))
    const small = mock.journal.last()
    expect(small?.requestBody).toEqual({
      bytes: new TextEncoder().encode(uploadUrlsRequest('small')).byteLength,
      truncated: false,
    })
    expect(small?.params).toMatchObject({ jobName: 'small' })
    expect(small?.responseBody?.truncated).toBe(false)
    expect(small?.response).toBeDefined()
  })

  it('drops the oldest entries once the journal holds more than journalBytes', async () => {
    const mock = createIpsMock({ journalBytes: 20_000 })
    for (let call = 1; call <= 40; call++) await sendTo(mock, uploadUrlsRequest(`job ${call}`))
    const kept = mock.journal.all()
    expect(kept.length).toBeLessThan(40)
    expect(kept.length).toBeGreaterThan(1)
    expect(kept.at(-1)?.params?.jobName).toBe('job 40')
    expect(kept.map((entry) => entry.id)).toEqual(
      Array.from({ length: kept.length }, (_, index) => 41 - kept.length + index),
    )
    expect(mock.journal.bytes).toBeLessThanOrEqual(20_000)
    mock.journal.clear()
    expect(mock.journal.bytes).toBe(0)
  })

  it('has documented defaults and refuses limits that are not whole numbers', () => {
    const mock = createIpsMock()
    expect(mock.journal.bodyBytes).toBe(DEFAULT_JOURNAL_BODY_BYTES)
    expect(mock.journal.byteBudget).toBe(DEFAULT_JOURNAL_BYTES)
    expect(DEFAULT_JOURNAL_BODY_BYTES).toBe(64 * 1024)
    expect(() => createIpsMock({ journalBodyBytes: -1 })).toThrow(
      '[ips-mock] Failed to create the journal: bodyBytes -1 is not a whole number of bytes ≥ 0.',
    )
    expect(() => createIpsMock({ journalBytes: 1.5 })).toThrow(
      '[ips-mock] Failed to create the journal: bytes 1.5 is not a whole number of bytes ≥ 0.',
    )
  })

  it('holds the heap within 50 MB over 500 bodies of 9 MB', async () => {
    expect(gc).toBeTypeOf('function')
    const mock: IpsMock = createIpsMock()
    const body = paddedRequest(9 * 1024 * 1024)
    // Warm up: code compiled, lazy tables built, before the starting figure is taken.
    for (let call = 0; call < 3; call++) await (await sendTo(mock, body)).text()
    const start = heapAfterGc()
    for (let call = 0; call < 500; call++) await (await sendTo(mock, body)).text()
    const growth = heapAfterGc() - start
    expect(mock.journal.size).toBe(503)
    expect(mock.journal.last()?.requestBody).toEqual({ bytes: body.byteLength, truncated: true })
    // 500 prefixes of 64 KiB are 32 MiB; whole bodies would be 4.5 GB.
    expect(growth).toBeLessThan(50 * 1024 * 1024)
    console.log(`heap growth over 500 bodies of 9 MB: ${(growth / 1024 / 1024).toFixed(1)} MiB`)
  }, 600_000)
})

describe('standalone server', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer({ port: 0, logLevel: 'silent', journalBodyBytes: 4096 })
  })
  afterAll(() => server.close())

  it('journals a prefix of a large body and its size', async () => {
    const body = paddedRequest(2 * 1024 * 1024)
    const response = await fetch(server.serviceUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body,
    })
    expect(response.status).toBe(500)
    const entries = await (await fetch(`${new URL(server.url).origin}/__admin/journal`)).json()
    expect(entries.at(-1)).toMatchObject({
      fault: { code: 10000 },
      requestBody: { bytes: body.byteLength, truncated: true },
    })
    expect(entries.at(-1).params).toBeUndefined()
  })
})
