import { createIpsMock } from 'ips-mock'
import { ipsHandlers } from 'ips-mock/msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'

const mock = createIpsMock()
// Intercepts https://*.scene7.com/scene7/…; pass { baseUrl } for another host.
const server = setupServer(...ipsHandlers(mock))
beforeAll(() => server.listen({ onUnhandledRequest: 'error' })) // msw 3: onUnhandledFrame
beforeEach(() => mock.reset()) // back to the seed
afterAll(() => server.close())

it('answers IPS from the mock', async () => {
  await mock.ready // the seed is in the store (mock.handle waits for it by itself)
  expect(mock.store.userByEmail('user@demo-co.test')?.role).toBe('IpsUser')

  const wsdl = await fetch(
    'https://s7sps1apissl.scene7.com/scene7/webservice/IpsApi-2014-04-03.wsdl',
  )
  expect(wsdl.status).toBe(200)
})
