import { setupServer } from 'msw/node'
import { afterAll, beforeAll, beforeEach, describe } from 'vitest'
import { createIpsMock, type IpsMock, type IpsMockOptions } from '../../src/index.js'
import { ipsHandlers } from '../../src/msw.js'
import { type RunningServer, startServer } from '../../src/server.js'
import { sendRequestsTo } from './requests.js'

/** Where a suite's requests go: the mock's own `handle`, or a standalone server on port 0. */
export interface Runtime {
  readonly name: 'in-process' | 'standalone server'
  /** The mock that answers, for reading its state. */
  readonly mock: IpsMock
  /** The IPS web app's base URL, up to and including `/scene7`. */
  readonly baseUrl: string
  /** The SOAP service URL. */
  readonly serviceUrl: string
  /** Sends a request to a URL below `baseUrl` (or absolute), as a client of this runtime would. */
  fetch(url: string, init?: RequestInit): Promise<Response>
  /** POSTs a body to the SOAP service URL, as `text/xml` unless `headers` say otherwise. */
  post(body: BodyInit, headers?: Record<string, string>): Promise<Response>
}

const IN_PROCESS_BASE = 'https://s7sps1apissl.scene7.com/scene7'

function runtimeOf(
  name: Runtime['name'],
  mock: IpsMock,
  baseUrl: string,
  send: (request: Request) => Promise<Response>,
): Runtime {
  const serviceUrl = `${baseUrl}/services/IpsApiService`
  const fetchIt = (url: string, init?: RequestInit) =>
    send(new Request(/^https?:/.test(url) ? url : `${baseUrl}${url}`, init))
  return {
    name,
    mock,
    baseUrl,
    serviceUrl,
    fetch: fetchIt,
    post: (body, headers = {}) =>
      fetchIt(serviceUrl, {
        method: 'POST',
        body,
        headers: { 'content-type': 'text/xml; charset=UTF-8', ...headers },
      }),
  }
}

/**
 * Makes `post` (test/support/requests.ts, and so `call`, `ok` and `submit`) send to a runtime
 * while its suite runs: URLs below the in-process base URL move to the runtime's base URL.
 */
function routeRequests(current: () => Runtime | undefined): void {
  beforeAll(() => {
    const runtime = current() as Runtime
    sendRequestsTo((url, init) =>
      runtime.fetch(
        url.startsWith(IN_PROCESS_BASE)
          ? `${runtime.baseUrl}${url.slice(IN_PROCESS_BASE.length)}`
          : url,
        init,
      ),
    )
  })
  afterAll(() => sendRequestsTo(undefined))
}

/**
 * Runs one behaviour suite twice: against `mock.handle` in-process and against the standalone
 * server on port 0, each with a fresh mock made from `options`. The suite reads the runtime
 * through the getter it is given, inside its tests and hooks.
 * @example
 * eachRuntime({}, (runtime) => {
 *   it('answers', async () => expect((await runtime().post(body)).status).toBe(200))
 * })
 */
export function eachRuntime(
  options: IpsMockOptions,
  suite: (runtime: () => Runtime) => void,
): void {
  describe('in-process', () => {
    let current: Runtime | undefined
    beforeAll(() => {
      const mock = createIpsMock(options)
      current = runtimeOf('in-process', mock, IN_PROCESS_BASE, (request) => mock.handle(request))
    })
    routeRequests(() => current)
    suite(() => current as Runtime)
  })
  describe('standalone server', () => {
    let server: RunningServer | undefined
    let current: Runtime | undefined
    beforeAll(async () => {
      server = await startServer({ ...options, port: 0, logLevel: 'silent' })
      current = runtimeOf('standalone server', server.mock, server.url, (request) => fetch(request))
    })
    afterAll(() => server?.close())
    routeRequests(() => current)
    suite(() => current as Runtime)
  })
}

/**
 * Runs a file's behaviour suite twice over one mock, reset to its seed before each test (unless
 * `resetEach` is false, for a suite that reads state its file set up once): first
 * through msw (`setupServer(...ipsHandlers(mock))`, as users' test suites call it), then through
 * a standalone server on port 0 that serves the same mock. The suite's `post`, `call`, `ok` and
 * `submit` go to the runtime in use; it reads state from `mock` as before.
 * @example
 * const mock = createIpsMock()
 * eachRuntimeOf(mock, () => {
 *   it('lists no active jobs', async () => expect(items((await ok('getActiveJobs', { companyHandle: DEMO_CO })).jobArray)).toEqual([]))
 * })
 */
export function eachRuntimeOf(
  mock: IpsMock,
  suite: (runtime: () => Runtime) => void,
  { resetEach = true }: { resetEach?: boolean } = {},
): void {
  if (resetEach) beforeEach(() => mock.reset())
  describe('in-process (msw)', () => {
    const server = setupServer(...ipsHandlers(mock))
    const current = runtimeOf('in-process', mock, IN_PROCESS_BASE, (request) => fetch(request))
    beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
    afterAll(() => server.close())
    routeRequests(() => current)
    suite(() => current)
  })
  describe('standalone server', () => {
    let server: RunningServer | undefined
    let current: Runtime | undefined
    beforeAll(async () => {
      server = await startServer({ mock, port: 0, logLevel: 'silent' })
      current = runtimeOf('standalone server', mock, server.url, (request) => fetch(request))
    })
    afterAll(() => server?.close())
    routeRequests(() => current)
    suite(() => current as Runtime)
  })
}
