import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createIpsMock, type IpsMock } from '../src/index.js'
import { type RunningServer, startServer } from '../src/server.js'
import { envelope, NS_2014, SERVICE_URL, SOAP11, submitJobRequest } from './support/requests.js'
import { read } from './support/soap.js'
import { expectValidSoap } from './support/xsd.js'

/** Broken requests, each answered with a well-formed SOAP fault 30003 and no stored job. */
const broken: Array<[string, BodyInit, Record<string, string>?]> = [
  ['an empty body', ''],
  ['text that is not XML', 'hello'],
  ['truncated XML', submitJobRequest('optimizeImagesJob').slice(0, 200)],
  [
    'invalid UTF-8',
    new Uint8Array([
      ...new TextEncoder().encode('<a>'),
      0xc3,
      0x28,
      ...new TextEncoder().encode('</a>'),
    ]),
  ],
  ['a non-UTF-8 encoding declaration', '<?xml version="1.0" encoding="UTF-16"?><a/>'],
  ['XML that is not SOAP', '<submitJobParam/>'],
  ['two Body children', `<e:Envelope xmlns:e="${SOAP11}"><e:Body><a/><b/></e:Body></e:Envelope>`],
  ['a Body with text only', `<e:Envelope xmlns:e="${SOAP11}"><e:Body>text</e:Body></e:Envelope>`],
  [
    'a wrong content type',
    submitJobRequest('optimizeImagesJob'),
    { 'content-type': 'application/json' },
  ],
  [
    'an element named __proto__',
    envelope(`<submitJobParam xmlns="${NS_2014}"><__proto__/></submitJobParam>`),
  ],
  [
    'a huge number in an xsd:int field',
    submitJobRequest('uploadUrlsJob').replace(
      '<overwrite>',
      '<numUrls>99999999999999999999</numUrls><overwrite>',
    ),
  ],
  [
    'a date out of range',
    submitJobRequest('optimizeImagesJob', 'minimal', { execTime: '2030-13-01T00:00:00Z' }),
  ],
  ['a DOCTYPE', '<!DOCTYPE a><a/>'],
]

interface Runtime {
  send(body: BodyInit, headers: Record<string, string>): Promise<Response>
  /** The mock behind it, to see its state. */
  mock: IpsMock
}

/** The same cases against the in-process core and the standalone server. */
const runtimes: Array<[string, () => Runtime]> = [
  [
    'in-process',
    () => {
      const mock = createIpsMock()
      return {
        mock,
        send: (body, headers) =>
          mock.handle(new Request(SERVICE_URL, { method: 'POST', body, headers })),
      }
    },
  ],
  [
    'standalone server',
    () => ({
      mock: server.mock,
      send: (body, headers) => fetch(server.serviceUrl, { method: 'POST', body, headers }),
    }),
  ],
]

let server: RunningServer
beforeAll(async () => {
  server = await startServer({ port: 0, logLevel: 'silent' })
})
afterAll(() => server.close())

describe.each(runtimes)('%s', (_runtime, connect) => {
  let runtime: Runtime
  let kept: string
  beforeAll(async () => {
    runtime = connect()
    // One job stored before any broken request: it must survive each of them unchanged.
    const answer = await read(
      await runtime.send(submitJobRequest('optimizeImagesJob', 'minimal', { jobName: 'kept' }), {
        'content-type': 'text/xml',
      }),
    )
    kept = (answer.body.submitJobReturn as { jobHandle: string }).jobHandle
  })

  /** The store's jobs as plain data, to compare before and after a request. */
  const state = () => JSON.stringify(runtime.mock.store.jobs.all())

  it.each(broken)(
    'answers %s with a SOAP fault and leaves the state as it was',
    async (_name, body, headers) => {
      const before = state()
      expect(runtime.mock.store.job(kept)?.name).toBe('kept')
      const answer = await read(await runtime.send(body, headers ?? { 'content-type': 'text/xml' }))
      expect(answer.status).toBe(500)
      expect(answer.fault).toMatchObject({
        element: 'ipsApiFault',
        code: 30003,
        faultcode: 'soapenv:Client',
      })
      expect(answer.xml).not.toMatch(/\n\s+at /)
      expectValidSoap(answer.xml)
      expect(runtime.mock.store.jobs.count()).toBe(1)
      expect(state()).toBe(before)
    },
  )

  it.each(['GET', 'PUT'])('answers %s on the service URL with a SOAP fault', async (method) => {
    const before = state()
    const response =
      _runtime === 'in-process'
        ? await runtime.mock.handle(
            new Request(SERVICE_URL, { method, ...(method === 'PUT' ? { body: 'x' } : {}) }),
          )
        : await fetch(server.serviceUrl, { method, ...(method === 'PUT' ? { body: 'x' } : {}) })
    const answer = await read(response)
    expect(answer.status).toBe(405)
    expect(answer.fault?.code).toBe(30003)
    expectValidSoap(answer.xml)
    expect(state()).toBe(before)
  })
})
