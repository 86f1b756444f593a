import { setupServer } from 'msw/node'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createIpsMock } from '../src/index.js'
import { DEFAULT_BASE_URL, ipsHandlers } from '../src/msw.js'
import { submitJobRequest } from './support/requests.js'
import { read } from './support/soap.js'

const mock = createIpsMock()
const server = setupServer(
  ...ipsHandlers(mock, {
    baseUrl: ['https://ips.internal.test/dam/', 'http://localhost:9999/scene7'],
  }),
)
// Requests no handler matches fail: `onUnhandledRequest` on msw 2, `onUnhandledFrame` on msw 3
// (each ignores the other's option).
const strict = { onUnhandledRequest: 'error', onUnhandledFrame: 'error' } as Parameters<
  typeof server.listen
>[0]
beforeAll(() => server.listen(strict))
afterAll(() => server.close())

const submit = (url: string) =>
  fetch(url, {
    method: 'POST',
    body: submitJobRequest('optimizeImagesJob'),
    headers: { 'content-type': 'text/xml' },
  })

it('intercepts the configured base URLs', async () => {
  for (const url of [
    'https://ips.internal.test/dam/services/IpsApiService',
    'http://localhost:9999/scene7/services/IpsApiService',
  ]) {
    const answer = await read(await submit(url))
    expect(answer.fault).toBeUndefined()
  }
  expect(mock.store.jobs.count()).toBe(2)
})

it('leaves other hosts alone', async () => {
  const stored = mock.store.jobs.count()
  const failure = await submit(
    'https://s7sps1apissl.scene7.com/scene7/services/IpsApiService',
  ).then(
    () => undefined,
    (error: unknown) => error,
  )
  // msw's own refusal of a request no handler took, not any network error a handler could cause.
  expect(failure).toBeInstanceOf(Error)
  expect((failure as Error).message).toMatch(
    /^\[MSW\] Cannot bypass a request when using the "error" strategy/,
  )
  expect(mock.store.jobs.count()).toBe(stored)
  expect(mock.journal.size).toBe(2)
})

it('defaults to every Scene7 host', async () => {
  expect(DEFAULT_BASE_URL).toBe('https://*.scene7.com/scene7')
  const defaults = setupServer(...ipsHandlers(mock))
  server.close()
  defaults.listen(strict)
  try {
    for (const host of ['s7sps1apissl.scene7.com', 's7sps3apissl-staging.scene7.com']) {
      const answer = await read(await submit(`https://${host}/scene7/services/IpsApiService`))
      expect(answer.fault, host).toBeUndefined()
    }
  } finally {
    defaults.close()
    server.listen(strict)
  }
})
