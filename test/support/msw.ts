import { setupServer } from 'msw/node'
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { createIpsMock, type IpsMock, type IpsMockOptions } from '../../src/index.js'
import { ipsHandlers } from '../../src/msw.js'

/** Starts a mock behind msw for the current test file; the store is reset before each test. */
export function useMswMock(options: IpsMockOptions = {}): IpsMock {
  const mock = createIpsMock(options)
  const server = setupServer(...ipsHandlers(mock))
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  beforeEach(() => mock.reset())
  afterAll(() => server.close())
  return mock
}
