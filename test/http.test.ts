// HTTP the standalone server cannot serve gets 400, never a silent close (RFC 9112 §3.2, §3.2.2).
import net from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../src/server.js'
import { submitJobRequest } from './support/requests.js'
import { read } from './support/soap.js'

let server: RunningServer
beforeAll(async () => {
  server = await startServer({ port: 0, logLevel: 'silent' })
})
afterAll(() => server.close())

/** Sends bytes as they are and reads the whole answer until the server closes. */
function exchange(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1', () => socket.write(request))
    let text = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk) => (text += chunk))
    socket.on('error', reject)
    socket.on('close', () => resolve(text))
  })
}

const statusOf = (answer: string) => answer.split('\r\n', 1)[0]

it.each(['127.0.0.1:99999', 'a b', '[::1', 'host:port', 'a/b', 'user@127.0.0.1'])(
  'answers Host %j with 400',
  async (host) => {
    for (const path of ['/__admin/clock', '/scene7/webservice/IpsApi.wsdl']) {
      const answer = await exchange(
        `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
      )
      expect(statusOf(answer)).toBe('HTTP/1.1 400 Bad Request')
      expect(answer).toContain('Host header is malformed')
    }
  },
)

it.each(['/__admin/jobs/%E0%A4', '/__admin/jobs/%', '/__admin/jobs/%zz'])(
  'answers the bad percent-escape in %s with JSON 400',
  async (path) => {
    const answer = await exchange(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
    )
    expect(statusOf(answer)).toBe('HTTP/1.1 400 Bad Request')
    expect(answer).toContain('application/json')
  },
)

it.each([
  ['an asterisk target', 'GET * HTTP/1.1\r\nHost: 127.0.0.1\r\n'],
  ['a target that is not a path', 'GET scene7 HTTP/1.1\r\nHost: 127.0.0.1\r\n'],
  ['HTTP/1.1 without Host', 'GET /scene7/webservice/IpsApi.wsdl HTTP/1.1\r\n'],
  ['a request line with spaces in the target', 'GET /a b c HTTP/1.1\r\nHost: 127.0.0.1\r\n'],
  ['no request line at all', 'GARBAGE\r\n'],
  ['an absolute URI that is not one', 'GET http://[::1/scene7 HTTP/1.1\r\nHost: 127.0.0.1\r\n'],
])('answers %s with 400', async (_name, head) => {
  const answer = await exchange(`${head}Connection: close\r\n\r\n`)
  expect(statusOf(answer)).toMatch(/^HTTP\/1\.1 400 /)
})

it('serves an absolute-URI request line, the authority standing in for Host', async () => {
  const authority = `127.0.0.1:${server.port}`
  const wsdl = await exchange(
    `GET http://${authority}/scene7/webservice/IpsApi.wsdl HTTP/1.1\r\nHost: ignored.example\r\nConnection: close\r\n\r\n`,
  )
  expect(statusOf(wsdl)).toBe('HTTP/1.1 200 OK')
  expect(wsdl).toContain('<wsdl:definitions')
  const clock = await exchange(
    `GET http://${authority}/__admin/clock HTTP/1.1\r\nHost: ${authority}\r\nConnection: close\r\n\r\n`,
  )
  expect(statusOf(clock)).toBe('HTTP/1.1 200 OK')
  const body = submitJobRequest('optimizeImagesJob', 'minimal', { jobName: 'absolute' })
  const soap = await exchange(
    `POST http://${authority}/scene7/services/IpsApiService HTTP/1.1\r\nHost: ${authority}\r\nContent-Type: text/xml\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  )
  expect(statusOf(soap)).toBe('HTTP/1.1 200 OK')
  const xml = soap.slice(soap.indexOf('\r\n\r\n') + 4)
  const answer = await read(new Response(xml, { headers: { 'content-type': 'text/xml' } }))
  expect(answer.body.submitJobReturn).toEqual({ jobHandle: 'j|101|absolute|' })
})

it('still answers HTTP/1.0 without Host', async () => {
  const answer = await exchange('GET /scene7/webservice/IpsApi.wsdl HTTP/1.0\r\n\r\n')
  expect(statusOf(answer)).toBe('HTTP/1.1 200 OK')
})
