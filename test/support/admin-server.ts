import { afterAll, beforeAll, beforeEach } from 'vitest'
import { type RunningServer, type ServerOptions, startServer } from '../../src/server.js'
import { type Answer, read } from './soap.js'

/** A standalone server for one test file, and how its tests talk to it. */
export interface AdminServer {
  /** The running server (set once the file's beforeAll has run). */
  readonly server: RunningServer
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string
  /** Calls the admin API; non-GET calls say they are JSON, as the admin API requires. */
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>
  /** Posts a SOAP body to the service URL and reads the answer. */
  soap(body: string): Promise<Answer>
}

/**
 * Starts one server for the test file on a free port and a controlled clock, stops it after the
 * file, and (unless `resetEach` is false) resets the mock before each test.
 */
export function useAdminServer(
  options: Partial<ServerOptions> = {},
  { resetEach = true } = {},
): AdminServer {
  let server: RunningServer | undefined
  const running = () => {
    if (!server) throw new Error('the server starts in beforeAll; use it inside a test or hook')
    return server
  }
  beforeAll(async () => {
    server = await startServer({
      port: 0,
      logLevel: 'silent',
      startTime: '2030-01-01T00:00:00Z',
      ...options,
    })
  })
  afterAll(() => running().close())
  if (resetEach) beforeEach(() => running().mock.reset())
  return {
    get server() {
      return running()
    },
    get origin() {
      return new URL(running().url).origin
    },
    async admin(method, path, body) {
      const response = await fetch(`${new URL(running().url).origin}/__admin${path}`, {
        method,
        // The admin API acts on state-changing calls only when they say they are JSON.
        headers: method === 'GET' ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const text = await response.text()
      return { status: response.status, body: text ? JSON.parse(text) : undefined }
    },
    soap: (body) =>
      fetch(running().serviceUrl, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8' },
        body,
      }).then(read),
  }
}
