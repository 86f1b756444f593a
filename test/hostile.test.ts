import { execFileSync } from 'node:child_process'
import { closeSync, constants, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import net from 'node:net'
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest'
import { createIpsMock } from '../src/index.js'
import { type RunningServer, startServer } from '../src/server.js'
import { envelope, NS_2014, SERVICE_URL, submitJobRequest, sendTo } from './support/requests.js'
import { read } from './support/soap.js'
import { expectValidSoap } from './support/xsd.js'

const mock = createIpsMock()
let server: RunningServer
const logged: string[] = []
beforeAll(async () => {
  server = await startServer({ port: 0, requestTimeoutMs: 1000, log: (line) => logged.push(line) })
})
afterAll(() => server.close())
afterEach(() => vi.restoreAllMocks())

async function send(body: string, headers: Record<string, string> = {}) {
  const jobsBefore = mock.store.jobs.count()
  const response = await sendTo(mock, body, headers)
  const answer = await read(response)
  expectValidSoap(answer.xml)
  expect(mock.store.jobs.count()).toBe(jobsBefore)
  return answer
}

const soap = (body: string) =>
  `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`

/**
 * Observers that see a read or a connection however the code makes it (named or default imports,
 * sync or async): a FIFO, whose writer end opens only while some reader holds it open, and a
 * listening socket that counts connections. Spies on `fs` would miss named imports.
 */
const traps = {
  dir: '',
  fifo: '',
  file: '',
  connections: 0,
  port: 0,
  listener: net.createServer(),
}
beforeAll(async () => {
  traps.dir = mkdtempSync(join(tmpdir(), 'ips-mock-xxe-'))
  traps.fifo = join(traps.dir, 'fifo')
  traps.file = join(traps.dir, 'secret.txt')
  execFileSync('mkfifo', [traps.fifo])
  writeFileSync(traps.file, 'XXE-MARKER-7f3a')
  traps.listener.on('connection', (socket) => {
    traps.connections++
    socket.destroy()
  })
  await new Promise<void>((resolve) => traps.listener.listen(0, '127.0.0.1', resolve))
  traps.port = (traps.listener.address() as net.AddressInfo).port
})
afterAll(() => {
  traps.listener.close()
  rmSync(traps.dir, { recursive: true, force: true })
})

/** Whether some process holds the FIFO open for reading right now. */
function fifoHasReader(): boolean {
  try {
    closeSync(openSync(traps.fifo, constants.O_WRONLY | constants.O_NONBLOCK))
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENXIO') return false
    throw error
  }
}

it.each([
  [
    'billion laughs',
    () =>
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>' +
      soap('<x>&lol2;</x>'),
  ],
  [
    'quadratic blow-up',
    () =>
      `<!DOCTYPE x [<!ENTITY a "${'a'.repeat(10_000)}">]>${soap(`<x>${'&a;'.repeat(1000)}</x>`)}`,
  ],
  [
    'an external file entity',
    () => `<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://${traps.file}">]>` + soap('<x>&xxe;</x>'),
  ],
  [
    'an external FIFO entity',
    () => `<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://${traps.fifo}">]>` + soap('<x>&xxe;</x>'),
  ],
  [
    'an external URL entity',
    () =>
      `<!DOCTYPE x [<!ENTITY xxe SYSTEM "http://127.0.0.1:${traps.port}/x">]>` +
      soap('<x>&xxe;</x>'),
  ],
  [
    'an external DTD',
    () => `<!DOCTYPE x SYSTEM "http://127.0.0.1:${traps.port}/evil.dtd">` + soap('<x/>'),
  ],
  [
    'a parameter entity',
    () => `<!DOCTYPE x [<!ENTITY % p SYSTEM "file://${traps.fifo}"> %p;]>` + soap('<x/>'),
  ],
])('refuses %s without reading a file or opening a connection', async (_name, build) => {
  const body = build()
  const answer = await send(body)
  expect(answer.fault).toEqual(
    expect.objectContaining({
      code: 30003,
      reason: `Malformed XML: a DOCTYPE is not allowed in a SOAP message at line 1, column ${body.indexOf('<!DOCTYPE') + 1}`,
    }),
  )
  expect(answer.xml).not.toContain('XXE-MARKER')
  // Give a read or a connection begun in the background the time to show.
  await new Promise((resolve) => setTimeout(resolve, 50))
  expect({ fifoRead: fifoHasReader(), connections: traps.connections }).toEqual({
    fifoRead: false,
    connections: 0,
  })
})

it('sees a read of the FIFO and a connection to the listener (the traps work)', async () => {
  const reading = open(traps.fifo, 'r')
  await new Promise((resolve) => setTimeout(resolve, 50))
  expect(fifoHasReader()).toBe(true)
  const writer = openSync(traps.fifo, constants.O_WRONLY | constants.O_NONBLOCK)
  closeSync(writer)
  await (await reading).close()
  const before = traps.connections
  await new Promise<void>((resolve) => {
    const socket = net.connect(traps.port, '127.0.0.1', () => {
      socket.end()
      resolve()
    })
  })
  await new Promise((resolve) => setTimeout(resolve, 50))
  expect(traps.connections).toBe(before + 1)
  traps.connections = before
})

it('refuses a 1 MB DOCTYPE attack body before parsing it', async () => {
  const body = `<!DOCTYPE x [<!ENTITY a "${'a'.repeat(1024 * 1024)}">]><x>&a;</x>`
  const answer = await send(body)
  expect(answer.fault?.reason).toBe(
    'Malformed XML: a DOCTYPE is not allowed in a SOAP message at line 1, column 1',
  )
})

it.each([
  [
    'nesting deeper than 64 levels',
    soap(`${'<a>'.repeat(70)}${'</a>'.repeat(70)}`),
    /^Malformed XML: elements nested deeper than 64 at line 1, column \d+$/,
  ],
  [
    'more than 100,000 elements',
    soap(`<submitJobParam xmlns="${NS_2014}">${'<a/>'.repeat(100_001)}</submitJobParam>`),
    /^Malformed XML: more than 100000 elements at line 1, column \d+$/,
  ],
  [
    'a text longer than 1 Mi characters',
    soap(`<x>${'a'.repeat(1024 * 1024 + 1)}</x>`),
    /^Malformed XML: text longer than 1048576 characters at line 1, column \d+$/,
  ],
  [
    'an attribute longer than 1 Mi characters',
    soap(`<x a="${'a'.repeat(1024 * 1024 + 1)}"/>`),
    /^Malformed XML: an attribute value longer than 1048576 characters at line 1, column \d+$/,
  ],
  [
    'a control character',
    soap('<x>\u0007</x>'),
    /^Malformed XML: a character XML does not allow at line 1, column \d+$/,
  ],
])('refuses %s', async (_name, body, reason) => {
  const answer = await send(body)
  expect(answer.fault?.code).toBe(30003)
  if (typeof reason === 'string') expect(answer.fault?.reason).toBe(reason)
  else expect(answer.fault?.reason).toMatch(reason)
})

it.each(['application/json', 'text/html', 'application/x-www-form-urlencoded'])(
  'refuses Content-Type %s',
  async (type) => {
    const answer = await send(submitJobRequest('optimizeImagesJob'), { 'content-type': type })
    expect(answer.fault).toMatchObject({
      code: 30003,
      reason: `Content-Type '${type}' is not XML; send text/xml (SOAP 1.1) or application/soap+xml (SOAP 1.2)`,
    })
  },
)

it.each(['__proto__', 'constructor', 'prototype', 'hasOwnProperty'])(
  'treats an element named %s as an unknown element, writing nothing onto shared prototypes',
  async (name) => {
    // What pollution would write: the child's name and text, onto Object.prototype (via
    // __proto__), onto Object (via constructor) or a prototype property.
    const probe = `polluted_${name.replace(/_/g, '')}`
    const nested = `<${name}><${probe}>yes</${probe}><prototype><${probe}>yes</${probe}></prototype></${name}>`
    for (const body of [
      submitJobRequest('optimizeImagesJob').replace('<jobName>', `${nested}<jobName>`),
      submitJobRequest('optimizeImagesJob').replace('<emailSetting>', `${nested}<emailSetting>`),
    ]) {
      const answer = await send(body)
      expect(answer.fault?.code).toBe(30003)
      expect(answer.fault?.reason).toMatch(new RegExp(`/${name}: unknown element`))
    }
    const shared: object[] = [Object.prototype, Object, Function.prototype, Array.prototype]
    for (const target of shared) expect(Object.hasOwn(target, probe), String(target)).toBe(false)
    expect(({} as Record<string, unknown>)[probe]).toBeUndefined()
    // And the mock still serves a normal request afterwards.
    const ok = await read(await sendTo(createIpsMock(), submitJobRequest('optimizeImagesJob')))
    expect(ok.fault).toBeUndefined()
  },
)

it('refuses huge numbers in xsd:int and xsd:long fields', async () => {
  const int = await send(
    submitJobRequest('uploadUrlsJob').replace(
      '<overwrite>',
      '<numUrls>99999999999999999999</numUrls><overwrite>',
    ),
  )
  expect(int.fault?.reason).toBe(
    "submitJobParam/uploadUrlsJob/numUrls: '99999999999999999999' is not a valid xsd:int",
  )
  const long = await send(
    submitJobRequest('uploadUrlsJob').replace(
      '</emailSetting>',
      '</emailSetting><mediaOptions><thumbnailOptions><thumbnailTime>9223372036854775808</thumbnailTime></thumbnailOptions></mediaOptions>',
    ),
  )
  expect(long.fault?.reason).toBe(
    "submitJobParam/uploadUrlsJob/mediaOptions/thumbnailOptions/thumbnailTime: '9223372036854775808' is not a valid xsd:long",
  )
})

it.each(['PUT', 'DELETE', 'PATCH'])(
  'answers %s on the service URL with a SOAP fault',
  async (method) => {
    const response = await mock.handle(new Request(SERVICE_URL, { method, body: 'x' }))
    const answer = await read(response)
    expect(answer.status).toBe(405)
    expect(answer.fault?.reason).toMatch(
      new RegExp(`^${method} is not supported on /scene7/services/IpsApiService`),
    )
  },
)

it('times out a slow body on the server without tying it up', async () => {
  const slow = new Promise<string>((resolve) => {
    const socket = net.connect(server.port, '127.0.0.1', () => {
      socket.write(
        `POST /scene7/services/IpsApiService HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nContent-Length: 1000\r\n\r\n<`,
      )
    })
    let received = ''
    socket.on('data', (chunk) => {
      received += chunk.toString()
    })
    socket.on('close', () => resolve(received))
  })
  // Meanwhile the server answers others.
  const response = await fetch(server.serviceUrl, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body: submitJobRequest('optimizeImagesJob'),
  })
  expect(response.status).toBe(200)
  const received = await slow
  expect(received).toMatch(/^HTTP\/1.1 408 Request Timeout\r\n/)
})

it('never writes a password to the log, a fault or the outbox', async () => {
  const secret = 'Sup3r-Secret-Passw0rd'
  const bodies = [
    submitJobRequest(
      'optimizeImagesJob',
      'minimal',
      {},
      { auth: { user: 'user@demo-co.test', password: secret } },
    ),
    submitJobRequest(
      'optimizeImagesJob',
      'minimal',
      {},
      { auth: { user: 'ghost@demo-co.test', password: secret } },
    ),
    envelope(
      `<checkLoginParam xmlns="${NS_2014}"><email>user@demo-co.test</email><password>${secret}</password></checkLoginParam>`,
    ),
    envelope(
      `<checkLoginParam xmlns="${NS_2014}"><email>user@demo-co.test</email><password>${secret}</password><bogus/></checkLoginParam>`,
    ),
    submitJobRequest('optimizeImagesJob').replace('demo-user-pass', `${secret}<`),
    submitJobRequest('optimizeImagesJob').replace('demo-user-pass', `x&${secret};`),
    submitJobRequest('optimizeImagesJob').replace('demo-user-pass', `x<${secret}`),
    submitJobRequest('optimizeImagesJob').replace('demo-user-pass', `x</${secret}>`),
  ]
  const answers: string[] = []
  for (const body of bodies) {
    const response = await fetch(server.serviceUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body,
    })
    answers.push(await response.text())
  }
  // Each body reached the stage it was written for: authentication, checkLogin's own password
  // check, schema validation, and the parser meeting broken XML around the password.
  expect(
    answers.map(
      (xml) => /<code[^>]*>(\d+)</.exec(xml)?.[1] ?? /<(?:\w+:)?status>(\w+)</.exec(xml)?.[1],
    ),
  ).toEqual(['10001', '10002', 'InvalidLogin', '30003', '30003', '30003', '30003', '30003'])
  const stored = [server.mock.store.jobs.all(), server.mock.store.jobLogs.all()]
  const everything = [
    ...answers,
    ...logged,
    JSON.stringify(server.mock.outbox),
    JSON.stringify(stored),
  ].join('\n')
  // Not whole, and not in part: no five characters of it in a row.
  const parts = Array.from({ length: secret.length - 4 }, (_, at) => secret.slice(at, at + 5))
  expect(parts.filter((part) => everything.includes(part))).toEqual([])
  expect(logged.join('\n')).not.toMatch(/demo-user-pass|demo-admin-pass/)
})

it('takes other XML limits as options', async () => {
  const strict = createIpsMock({ xmlLimits: { maxDepth: 5 } })
  const response = await strict.handle(
    new Request(SERVICE_URL, {
      method: 'POST',
      body: submitJobRequest('uploadUrlsJob'),
      headers: { 'content-type': 'text/xml' },
    }),
  )
  expect((await read(response)).fault?.reason).toMatch(
    /^Malformed XML: elements nested deeper than 5 at line 1, column \d+$/,
  )
})

it('binds to loopback by default', () => {
  expect(server.url.startsWith('http://127.0.0.1:')).toBe(true)
})
