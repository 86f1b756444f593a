// The admin API checks who calls it and what they send before anything changes.
import net from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../src/server.js'
import { submitJobRequest } from './support/requests.js'

let server: RunningServer
let origin: string

beforeAll(async () => {
  server = await startServer({
    port: 0,
    logLevel: 'silent',
    startTime: '2030-01-01T00:00:00Z',
    adminHosts: ['mock.ci.internal'],
  })
  origin = new URL(server.url).origin
})
afterAll(() => server.close())
beforeEach(() => server.mock.reset())

/** One raw HTTP/1.1 exchange, so Host and the request line are exactly as given. */
function rawHttp(request: string): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1', () => socket.write(request))
    let text = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk) => (text += chunk))
    socket.on('error', reject)
    socket.on('close', () => {
      const [head = '', body = ''] = text.split('\r\n\r\n')
      resolve({ status: Number(head.split(' ')[1] ?? 0), headers: head, body })
    })
  })
}

function call(method: string, path: string, headers: Record<string, string>, body = '') {
  const lines = Object.entries({
    connection: 'close',
    'content-length': String(body.length),
    ...headers,
  })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')
  return rawHttp(`${method} /__admin${path} HTTP/1.1\r\n${lines}\r\n${body}`)
}

const host = () => `127.0.0.1:${server.port}`
const json = { 'content-type': 'application/json' }

async function submitJob() {
  await fetch(server.serviceUrl, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body: submitJobRequest('optimizeImagesJob'),
  })
}

describe('Host', () => {
  it.each(['attacker.example', 'attacker.example:80', '10.9.9.9'])(
    'refuses Host %s (DNS rebinding) with 403 and changes nothing',
    async (name) => {
      await submitJob()
      const answer = await call('POST', '/reset', { host: name, ...json })
      expect(answer.status).toBe(403)
      expect(JSON.parse(answer.body).error).toContain('does not answer to Host')
      expect(server.mock.store.jobs.count()).toBe(1)
      expect((await call('GET', '/clock', { host: name })).status).toBe(403)
    },
  )

  it.each(['127.0.0.1', 'localhost', 'LOCALHOST:9', '[::1]:8080', 'mock.ci.internal:1234'])(
    'answers Host %s',
    async (name) => {
      expect((await call('GET', '/clock', { host: name })).status).toBe(200)
    },
  )

  it('refuses an Origin of another site', async () => {
    await submitJob()
    const answer = await call('POST', '/reset', {
      host: host(),
      origin: 'http://evil.example',
      ...json,
    })
    expect(answer.status).toBe(403)
    expect(server.mock.store.jobs.count()).toBe(1)
    const same = await call('GET', '/clock', { host: host(), origin: `http://${host()}` })
    expect(same.status).toBe(200)
  })
})

describe('state-changing calls', () => {
  it.each([
    ['text/plain', '{}'],
    ['application/x-www-form-urlencoded', 'a=b'],
    ['multipart/form-data; boundary=x', '--x--'],
  ])('refuses a cross-site-style POST /reset sent as %s', async (type, body) => {
    await submitJob()
    const answer = await call('POST', '/reset', { host: host(), 'content-type': type }, body)
    expect(answer.status).toBe(400)
    expect(JSON.parse(answer.body).error).toContain('Content-Type: application/json')
    expect(server.mock.store.jobs.count()).toBe(1)
  })

  it('refuses a POST without Content-Type, and takes it with application/json', async () => {
    await submitJob()
    expect((await call('POST', '/reset', { host: host() })).status).toBe(400)
    expect(server.mock.store.jobs.count()).toBe(1)
    const answer = await call('POST', '/reset', {
      host: host(),
      'content-type': 'application/json; charset=utf-8',
    })
    expect(answer.status).toBe(200)
    expect(server.mock.store.jobs.count()).toBe(0)
  })

  it('takes the bearer token instead of the Content-Type', async () => {
    const guarded = await startServer({ port: 0, logLevel: 'silent', adminToken: 't0ken' })
    try {
      const url = `${new URL(guarded.url).origin}/__admin/reset`
      const plain = { 'content-type': 'text/plain' }
      expect((await fetch(url, { method: 'POST', headers: plain })).status).toBe(401)
      const ok = await fetch(url, {
        method: 'POST',
        headers: { ...plain, authorization: 'Bearer t0ken' },
      })
      expect(ok.status).toBe(200)
    } finally {
      await guarded.close()
    }
  })
})

describe('bodies and queries', () => {
  const send = (method: string, path: string, body?: string) =>
    fetch(`${origin}/__admin${path}`, { method, headers: json, body }).then(async (response) => ({
      status: response.status,
      type: response.headers.get('content-type'),
      body: await response.json(),
    }))

  it('refuses a clock advance it cannot represent, and leaves the clock where it was', async () => {
    const refused = await send('POST', '/clock', JSON.stringify({ advance: '99999999999d' }))
    expect(refused.status).toBe(400)
    expect(refused.body.error).toMatch(/^advance: the clock would stand outside/)
    expect(server.mock.clock.now().toISOString()).toBe('2030-01-01T00:00:00.000Z')
    const soap = await fetch(server.serviceUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: submitJobRequest('optimizeImagesJob'),
    })
    expect(soap.status).toBe(200)
    for (const set of ['10000-01-01T00:00:00Z', '+010000-01-01T00:00:00Z', -62200000000000]) {
      expect((await send('POST', '/clock', JSON.stringify({ set }))).status).toBe(400)
    }
    expect(server.mock.clock.now().toISOString()).toBe('2030-01-01T00:00:00.000Z')
  })

  it('answers a body over the limit with JSON 413', async () => {
    const small = await startServer({ port: 0, logLevel: 'silent', maxBodyBytes: 1024 })
    try {
      const response = await fetch(`${new URL(small.url).origin}/__admin/seed`, {
        method: 'PUT',
        headers: json,
        body: JSON.stringify({ companies: [], users: [], pad: 'x'.repeat(4096) }),
      })
      expect(response.status).toBe(413)
      expect(response.headers.get('content-type')).toBe('application/json')
      expect(await response.json()).toEqual({
        error: 'The body exceeds the limit of 1024 bytes.',
      })
    } finally {
      await small.close()
    }
  })

  it('answers a 50 MB JSON body on the default server with JSON 413', async () => {
    const answer = await send(
      'PUT',
      '/seed',
      `{"companies":[],"users":[],"x":"${'x'.repeat(50 * 1024 * 1024)}"}`,
    )
    expect(answer.status).toBe(413)
    expect(answer.type).toBe('application/json')
    expect(server.mock.store.userByEmail('user@demo-co.test')).toBeDefined()
  })

  it.each([
    ['bad JSON', 'POST', '/faults', '{"fault":', /^Bad JSON/],
    [
      'JSON nested deeper than 64 levels',
      'PUT',
      '/seed',
      `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`,
      /^Bad JSON: nested deeper than 64 levels/,
    ],
    [
      'a JSON array',
      'POST',
      '/faults',
      '[]',
      /^The body does not fit: body: expected an object, got an array/,
    ],
    [
      'an unknown field',
      'POST',
      '/faults',
      '{"faults":30000}',
      /body: unknown field "faults" \(did you mean "fault"\?\)/,
    ],
    [
      'a body where none is taken',
      'POST',
      '/reset',
      '{"all":true}',
      /^This endpoint takes no body/,
    ],
    [
      'a clock change of two kinds',
      'POST',
      '/clock',
      '{"set":"2031-01-01T00:00:00Z","advance":"1s"}',
      /exactly one of/,
    ],
    [
      'an unknown query parameter',
      'GET',
      '/journal?operaton=submitJob',
      undefined,
      /query: unknown field "operaton" \(did you mean "operation"\?\)/,
    ],
    [
      'a query parameter given twice',
      'GET',
      '/journal?limit=1&limit=2',
      undefined,
      /more than once/,
    ],
  ])('answers %s with JSON 400 naming the problem', async (_name, method, path, body, error) => {
    const answer = await send(method, path, body)
    expect(answer.status).toBe(400)
    expect(answer.type).toBe('application/json')
    expect(answer.body.error).toMatch(error)
    expect(server.mock.faults.list()).toEqual([])
  })

  it('answers a path parameter that is not percent-encoded UTF-8 with JSON 400', async () => {
    const answer = await call('GET', '/jobs/%E0%A4', { host: host() })
    expect(answer.status).toBe(400)
    expect(JSON.parse(answer.body).error).toContain('percent-encoded')
  })
})
