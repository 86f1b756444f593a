import { request as httpRequest } from 'node:http'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { isWellFormed } from './support/independent.js'
import { type RunningServer, startServer } from '../src/server.js'
import { submitJobRequest } from './support/requests.js'
import { read } from './support/soap.js'
import { expectValidSoap } from './support/xsd.js'

const submit = (name = 'injected') =>
  submitJobRequest('optimizeImagesJob', 'minimal', { jobName: name })

let server: RunningServer
beforeAll(async () => {
  server = await startServer({ port: 0, logLevel: 'silent' })
})
afterEach(() => server.mock.reset())
afterAll(() => server.close())

function postServer(
  body: string,
  headers: Record<string, string> = {},
  timeoutMs = 5000,
): Promise<Response> {
  return fetch(server.serviceUrl, {
    method: 'POST',
    body,
    headers: { 'content-type': 'text/xml', ...headers },
    signal: AbortSignal.timeout(timeoutMs),
  })
}

/** A raw node:http POST, so a reset shows as the socket error it is. */
function rawPost(body: string, headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      server.serviceUrl,
      { method: 'POST', headers: { 'content-type': 'text/xml', ...headers } },
      (res) => {
        res.resume()
        res.on('end', () => resolve(`status ${res.statusCode}`))
      },
    )
    req.on('error', (error: NodeJS.ErrnoException) => reject(error))
    req.end(body)
  })
}

it('injects faults, statuses and delays by rule and by header', async () => {
  server.mock.faults.inject({ operation: 'submitJob', nth: 1, fault: 30000 })
  const faulted = await read(await postServer(submit()))
  expectValidSoap(faulted.xml)
  expect([faulted.status, faulted.fault?.code]).toEqual([500, 30000])

  const byHeader = await read(await postServer(submit(), { 'x-ips-mock-fault': 'fault=20003' }))
  expectValidSoap(byHeader.xml)
  expect(byHeader.fault?.code).toBe(20003)

  const page = await postServer(submit(), { 'X-Ips-Mock-Fault': 'status=504' })
  expect(page.status).toBe(504)
  expect(await page.text()).toContain('504 Gateway Timeout')

  const started = performance.now()
  const slow = await read(await postServer(submit('slow'), { 'x-ips-mock-fault': 'delay=100' }))
  expect(slow.fault).toBeUndefined()
  expect(performance.now() - started).toBeGreaterThanOrEqual(95)

  const bad = await postServer(submit(), { 'x-ips-mock-fault': 'explode' })
  expect(bad.status).toBe(400)
  expect(server.mock.journal.count({ injected: true })).toBe(4)
})

it('a reset destroys the socket', async () => {
  server.mock.faults.inject({ reset: true })
  await expect(rawPost(submit())).rejects.toMatchObject({ code: 'ECONNRESET' })
  await expect(rawPost(submit(), { 'x-ips-mock-fault': 'reset' })).rejects.toMatchObject({
    code: 'ECONNRESET',
  })
})

it('garbage comes with status 200 and a body that is not XML', async () => {
  const response = await postServer(submit(), { 'x-ips-mock-fault': 'garbage' })
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toMatch(/xml/)
  expect(isWellFormed(await response.text())).toBe(false)
})

it('a hang never answers, and close() does not wait for it', async () => {
  const own = await startServer({ port: 0, logLevel: 'silent' })
  own.mock.faults.inject({ hang: true })
  const started = performance.now()
  await expect(
    fetch(own.serviceUrl, {
      method: 'POST',
      body: submit(),
      headers: { 'content-type': 'text/xml' },
      signal: AbortSignal.timeout(200),
    }),
  ).rejects.toThrow(/timeout/i)
  expect(performance.now() - started).toBeGreaterThanOrEqual(190)
  // A second client still waiting when the server closes.
  const waiting = fetch(own.serviceUrl, {
    method: 'POST',
    body: submit(),
    headers: { 'content-type': 'text/xml' },
  }).catch((error: unknown) => error)
  await new Promise((resolve) => setTimeout(resolve, 50))
  // close() resolves although the hung call never would: it does not wait for hung clients (how
  // fast it closes is a benchmark's question, not a unit test's).
  await own.close()
  expect(await waiting).toBeInstanceOf(TypeError)
  expect(own.mock.journal.count({ injected: true })).toBeGreaterThan(0)
})
