import { readFile } from 'node:fs/promises'
import net from 'node:net'
import { Agent, request as httpRequest } from 'node:http'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../src/server.js'
import { fixtureCases } from './support/fixture-cases.js'
import { BASE_NS, logins, NS_2014, submitJobRequest } from './support/requests.js'
import { read } from './support/soap.js'
import { expectValidSoap } from './support/xsd.js'

let server: RunningServer
const lines: string[] = []

beforeAll(async () => {
  server = await startServer({ port: 0, log: (line) => lines.push(line) })
})
beforeEach(() => server.mock.reset())
afterAll(() => server.close())

interface Raw {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
  reusedSocket: boolean
}

/** A request through node:http, so headers and bytes arrive exactly as sent. */
function raw(
  path: string,
  options: {
    method?: string
    body?: string | Buffer
    /** Written one by one, without a content-length, so the server must count while reading. */
    chunks?: string[]
    headers?: Record<string, string>
    agent?: Agent
    /** Another server's base URL. */
    base?: string
  } = {},
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, options.base ?? server.url)
    const req = httpRequest(
      url,
      {
        method: options.method ?? 'POST',
        headers: { 'content-type': 'text/xml; charset=UTF-8', ...options.headers },
        ...(options.agent ? { agent: options.agent } : {}),
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
            reusedSocket: req.reusedSocket,
          }),
        )
      },
    )
    req.on('error', reject)
    for (const chunk of options.chunks ?? []) req.write(chunk)
    req.end(options.body)
  })
}

it('listens on loopback on the port it was given', () => {
  expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/scene7$/)
  expect(server.serviceUrl).toBe(`${server.url}/services/IpsApiService`)
  expect(server.port).toBeGreaterThan(0)
})

it.each(fixtureCases)(
  '$name: the server answers exactly like the in-process mock',
  async (fixture) => {
    const recorded = (
      await readFile(
        new URL(`../fixtures/submitJob/${fixture.name}.response.xml`, import.meta.url),
        'utf8',
      )
    ).trimEnd()
    const response = await fetch(server.serviceUrl, {
      method: 'POST',
      body: fixture.request,
      headers: { 'content-type': 'text/xml; charset=UTF-8' },
    })
    const answer = await read(response)
    expect(answer.xml).toBe(recorded)
    expect(answer.status).toBe(fixture.code === 0 ? 200 : 500)
  },
)

it('answers the documented submitJob example sent by a raw fetch', async () => {
  const response = await fetch(server.serviceUrl, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=UTF-8', soapaction: 'submitJob' },
    body: submitJobRequest('imageServingPublishJob', 'minimal', { jobName: 'My Test Job' }),
  })
  const answer = await read(response)
  expectValidSoap(answer.xml)
  expect(answer.body.submitJobReturn).toEqual({ jobHandle: 'j|101|My Test Job|' })
  expect(answer.xml).toContain(`<ns1:submitJobReturn xmlns:ns1="${NS_2014}">`)
})

it('logs one line per request, without passwords', async () => {
  lines.length = 0
  await raw('/scene7/services/IpsApiService', { body: submitJobRequest('optimizeImagesJob') })
  await raw('/scene7/services/IpsApiService', {
    body: submitJobRequest(
      'optimizeImagesJob',
      'minimal',
      {},
      { auth: { user: logins.user.user, password: 'sekrit-wrong' } },
    ),
  })
  expect(lines).toHaveLength(2)
  const time = String.raw`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z`
  expect(lines[0]).toMatch(
    new RegExp(String.raw`^${time} POST /scene7/services/IpsApiService submitJob 200 \d+\.\dms$`),
  )
  expect(lines[1]).toMatch(
    new RegExp(
      String.raw`^${time} POST /scene7/services/IpsApiService submitJob 500 fault=10001 reason="Invalid username/password" \d+\.\dms$`,
    ),
  )
  expect(lines.join('\n')).not.toMatch(/demo-user-pass|sekrit-wrong/)
})

it('answers GET on the service URL with a SOAP fault, not a stack trace', async () => {
  const response = await raw('/scene7/services/IpsApiService', { method: 'GET' })
  expect(response.status).toBe(405)
  expect(response.headers.allow).toBe('POST')
  const answer = await read(new Response(response.body.toString()))
  expect(answer.fault).toMatchObject({
    code: 30003,
    reason:
      'GET is not supported on /scene7/services/IpsApiService: send SOAP requests by POST, or GET /scene7/services/IpsApiService?wsdl for the WSDL',
  })
})

it.each(['/nothing/here', '/scene7/services/Other'])(
  'answers an unknown path %s with a clear 404',
  async (path) => {
    const response = await raw(path, { method: 'GET' })
    expect(response.status).toBe(404)
    expect(response.body.toString()).toMatch(/^ips-mock: n/)
  },
)

it('serves the plain-XML variant with bare return documents and bare faults', async () => {
  const param = `<submitJobParam><companyHandle>c|101</companyHandle><jobName>plain</jobName><optimizeImagesJob><emailSetting>All</emailSetting></optimizeImagesJob></submitJobParam>`
  const auth = (password: string) =>
    `<authHeader><user>${logins.user.user}</user><password>${password}</password><appName>a</appName><appVersion>1</appVersion><faultHttpStatusCode>200</faultHttpStatusCode></authHeader>`
  const ok = await raw('/scene7/api/IpsApiService', {
    body: `<Request xmlns="http://www.scene7.com/IpsApi/xsd/2017-10-29-beta">${auth(logins.user.password)}${param}</Request>`,
  })
  expect(ok.status).toBe(200)
  expect(ok.body.toString()).toBe(
    '<?xml version="1.0" encoding="UTF-8"?><submitJobReturn xmlns="http://www.scene7.com/IpsApi/xsd/2017-10-29-beta"><jobHandle>j|101|plain|</jobHandle></submitJobReturn>',
  )
  const bad = await raw('/scene7/api/IpsApiService', {
    body: `<Request xmlns="http://www.scene7.com/IpsApi/xsd/2017-10-29-beta">${auth('wrong')}${param}</Request>`,
  })
  expect(bad.status).toBe(200)
  expect(bad.body.toString()).toBe(
    `<?xml version="1.0" encoding="UTF-8"?><ns1:authenticationFault xmlns:ns1="${BASE_NS}"><code xmlns="${BASE_NS}">10001</code><reason xmlns="${BASE_NS}">Invalid username/password</reason></ns1:authenticationFault>`,
  )
})

it('refuses a body over the limit with a fault and closes the connection', async () => {
  const small = await startServer({ port: 0, maxBodyBytes: 2048, logLevel: 'silent' })
  try {
    const response = await raw('/scene7/services/IpsApiService', {
      base: small.url,
      chunks: ['<a>'.padEnd(1500, ' '), ''.padEnd(1500, ' ')],
      body: '</a>',
    })
    expect(response.status).toBe(500)
    expect(response.headers.connection).toBe('close')
    const answer = await read(new Response(response.body.toString()))
    expect(answer.fault).toMatchObject({
      code: 30003,
      reason: 'The request body exceeds the limit of 2048 bytes',
    })
  } finally {
    await small.close()
  }
})

it('gzips when the client accepts it, and as authHeader/gzipResponse says', async () => {
  const accepted = await raw('/scene7/services/IpsApiService', {
    body: submitJobRequest('optimizeImagesJob'),
    headers: { 'accept-encoding': 'gzip, deflate' },
  })
  expect(accepted.headers['content-encoding']).toBe('gzip')
  expect(gunzipSync(accepted.body).toString()).toContain(
    '<ns1:jobHandle>j|101|optimizeImagesJob job|</ns1:jobHandle>',
  )

  const header = (gzip: boolean, name: string) =>
    submitJobRequest('optimizeImagesJob', 'minimal', { jobName: name }).replace(
      '<appName>',
      `<gzipResponse>${gzip}</gzipResponse><appName>`,
    )
  const refused = await raw('/scene7/services/IpsApiService', {
    body: header(false, 'no-gzip'),
    headers: { 'accept-encoding': 'gzip' },
  })
  expect(refused.headers['content-encoding']).toBeUndefined()
  expect(refused.body.toString()).toContain('no-gzip')

  const forced = await raw('/scene7/services/IpsApiService', { body: header(true, 'forced') })
  expect(forced.headers['content-encoding']).toBe('gzip')
  expect(gunzipSync(forced.body).toString()).toContain('forced')

  const plain = await raw('/scene7/services/IpsApiService', {
    body: submitJobRequest('optimizeImagesJob', 'minimal', { jobName: 'plain' }),
  })
  expect(plain.headers['content-encoding']).toBeUndefined()
})

it('keeps connections alive', async () => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  try {
    const first = await raw('/scene7/services/IpsApiService', {
      body: submitJobRequest('optimizeImagesJob'),
      agent,
    })
    const second = await raw('/scene7/services/IpsApiService', {
      body: submitJobRequest('optimizeImagesJob'),
      agent,
    })
    expect(first.status).toBe(200)
    expect(second.reusedSocket).toBe(true)
  } finally {
    agent.destroy()
  }
})

it.each([
  ['/scene7/webservice/IpsApi-2014-04-03.wsdl', 'http://www.scene7.com/IpsApi/xsd/2014-04-03'],
  [
    '/scene7/webservice/IpsApi-2022-11-01-beta.wsdl',
    'http://www.scene7.com/IpsApi/xsd/2022-11-01-beta',
  ],
  ['/scene7/webservice/IpsApi.wsdl', 'http://www.scene7.com/IpsApi/xsd'],
  ['/scene7/services/IpsApiService?wsdl', 'http://www.scene7.com/IpsApi/xsd/2014-04-03'],
])('serves %s for its namespace, addressed at the server', async (path, ns) => {
  const response = await raw(path, { method: 'GET' })
  expect(response.status).toBe(200)
  const wsdl = response.body.toString()
  expect(wsdl).toContain(`targetNamespace="${ns}"`)
  expect(wsdl).toContain(`location="${server.serviceUrl}"`)
  for (const operation of ['submitJob', 'getActiveJobs', 'getJobLogDetails', 'getAllCompanies']) {
    expect(wsdl).toContain(`<wsdl:operation name="${operation}">`)
  }
})

it('rewrites the WSDL address with ?serviceUrl= and refuses one that cannot be written', async () => {
  const proxied = await raw(
    '/scene7/webservice/IpsApi-2014-04-03.wsdl?serviceUrl=https://proxy.test/ips',
    { method: 'GET' },
  )
  expect(proxied.body.toString()).toContain('location="https://proxy.test/ips"')
  const bad = await raw('/scene7/webservice/IpsApi-2014-04-03.wsdl?serviceUrl=%00', {
    method: 'GET',
  })
  expect(bad.status).toBe(400)
  expect(bad.body.toString()).toMatch(/^\[ips-mock\] Failed to write "\\u0000"/)
})

it.each([true, false])(
  'answers pipelined requests on one connection in order, each with its own answer (batchWrites: %s)',
  async (batchWrites) => {
    const target = batchWrites
      ? server
      : await startServer({ port: 0, logLevel: 'silent', batchWrites })
    const http = (body: string) =>
      `POST /scene7/services/IpsApiService HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
    const requests = [
      submitJobRequest('optimizeImagesJob', 'minimal', { jobName: 'first' }),
      submitJobRequest(
        'optimizeImagesJob',
        'minimal',
        {},
        { auth: { user: logins.user.user, password: 'not-the-password' } },
      ),
      submitJobRequest('optimizeImagesJob', 'minimal', { jobName: 'third' }),
    ]
    const received = await new Promise<string>((resolve, reject) => {
      let text = ''
      const socket = net.connect(target.port, '127.0.0.1', () =>
        socket.write(requests.map(http).join('')),
      )
      socket.setEncoding('utf8')
      socket.on('data', (chunk: string) => {
        text += chunk
        if ((text.match(/<\/soapenv:Envelope>/g) ?? []).length === requests.length) {
          socket.end()
          resolve(text)
        }
      })
      socket.on('error', reject)
    })
    const answers = received.split(/(?=HTTP\/1\.1 )/)
    expect(answers.map((answer) => answer.slice(0, 12))).toEqual([
      'HTTP/1.1 200',
      'HTTP/1.1 500',
      'HTTP/1.1 200',
    ])
    expect(answers[0]).toContain('<ns1:jobHandle>j|101|first|</ns1:jobHandle>')
    expect(answers[1]).toContain('<code xmlns="http://www.scene7.com/IpsApi/xsd">10001</code>')
    expect(answers[2]).toContain('<ns1:jobHandle>j|101|third|</ns1:jobHandle>')
    if (target !== server) await target.close()
  },
)
