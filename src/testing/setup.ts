import { type SetupServer, setupServer } from 'msw/node'
import { createIpsMock, type IpsMock, type IpsMockOptions } from '../mock/create-ips-mock.js'
import type { IpsMockSnapshot } from '../mock/snapshot.js'
import { type IpsHandlersOptions, ipsHandlers } from '../adapters/msw.js'
import { IpsMockError } from '../errors/ips-mock-error.js'

type Hook = (fn: () => unknown) => unknown

/**
 * The test framework's lifecycle hooks: vitest's and jest's have this shape.
 * @example
 * const hooks: TestHooks = { beforeAll, afterEach, afterAll }
 * const { mock } = setupIpsMock({ hooks })
 */
export interface TestHooks {
  beforeAll: Hook
  afterEach: Hook
  afterAll: Hook
  /** Needed only with `resetTo: 'beforeAll'`. */
  beforeEach?: Hook
}

/**
 * Options of `setupIpsMock`: the mock's, the handlers', and how tests are kept apart.
 * @example
 * const options: SetupIpsMockOptions = { hooks: { beforeAll, afterEach, afterAll }, seed: demoSeed }
 * const { mock } = setupIpsMock(options)
 */
export interface SetupIpsMockOptions extends IpsMockOptions, IpsHandlersOptions {
  /** Serve this mock instead of creating one from the other options. */
  mock?: IpsMock
  /**
   * The hooks to register with. Default: the globals `beforeAll`, `afterEach`, `afterAll` (and
   * `beforeEach`) that jest and vitest with `globals: true` define. In vitest without globals:
   * `setupIpsMock({ hooks: { beforeAll, afterEach, afterAll } })`.
   */
  hooks?: TestHooks
  /** What msw does with a request no handler matches (default `'error'`: the test fails). */
  onUnhandledRequest?: 'error' | 'warn' | 'bypass'
  /**
   * What each test starts from: `'seed'` (default) resets the mock to its seed after every test;
   * `'beforeAll'` restores the state the first test started with, so data your `beforeAll`
   * hooks created through the mock is there in every test.
   */
  resetTo?: 'seed' | 'beforeAll'
}

/**
 * What `setupIpsMock` gives a test file.
 * @example
 * import { http, HttpResponse } from 'msw'
 * const { mock, server }: IpsTestSetup = setupIpsMock({ hooks: { beforeAll, afterEach, afterAll } })
 * server.use(http.get('https://cdn.example.test/*', () => HttpResponse.text('ok')))
 */
export interface IpsTestSetup {
  /** The mock: `mock.journal`, `mock.faults`, `mock.store`, `mock.clock` … */
  mock: IpsMock
  /** The msw server, e.g. to `server.use(...)` handlers of other services. */
  server: SetupServer
}

function globalHooks(): TestHooks | undefined {
  const scope = globalThis as Partial<TestHooks>
  const { beforeAll, afterEach, afterAll, beforeEach } = scope
  if (!beforeAll || !afterEach || !afterAll) return undefined
  return { beforeAll, afterEach, afterAll, ...(beforeEach ? { beforeEach } : {}) }
}

/**
 * Sets an IPS mock up for one test file: msw intercepts IPS from the first test to the last,
 * unmatched requests fail the test, and after every test msw's runtime handlers are dropped and
 * the mock goes back to its seed (journal, faults and clock included), with no restart.
 * @example
 * import { setupIpsMock } from 'ips-mock/testing'
 * import { readFile } from 'node:fs/promises'
 * const { mock } = setupIpsMock()
 * it('submits', async () => {
 *   await fetch('https://s7sps1apissl.scene7.com/scene7/services/IpsApiService', {
 *     method: 'POST',
 *     headers: { 'content-type': 'text/xml' },
 *     body: await readFile('submit-job.xml', 'utf8'),
 *   })
 *   expect(mock.journal.count({ operation: 'submitJob' })).toBe(1)
 * })
 */
export function setupIpsMock(options: SetupIpsMockOptions = {}): IpsTestSetup {
  const hooks = options.hooks ?? globalHooks()
  if (!hooks) {
    throw new IpsMockError({
      code: 'INVALID_ARGUMENT',
      action: 'set up the mock',
      reason: 'there are no global beforeAll/afterEach/afterAll',
      remedy:
        'Pass them: setupIpsMock({ hooks: { beforeAll, afterEach, afterAll } }), or turn on globals in vitest.',
    })
  }
  const resetTo = options.resetTo ?? 'seed'
  if (resetTo === 'beforeAll' && !hooks.beforeEach) {
    throw new IpsMockError({
      code: 'INVALID_ARGUMENT',
      action: 'set up the mock',
      reason: "resetTo 'beforeAll' needs a beforeEach hook",
      remedy: 'Add it to hooks: { beforeAll, beforeEach, afterEach, afterAll }.',
    })
  }
  const mock = options.mock ?? createIpsMock(options)
  const server = setupServer(...ipsHandlers(mock, options))
  let start: IpsMockSnapshot | undefined
  const strategy = options.onUnhandledRequest ?? 'error'
  // msw 2 reads onUnhandledRequest, msw 3 onUnhandledFrame; each ignores the other.
  const listenOptions = { onUnhandledRequest: strategy, onUnhandledFrame: strategy } as Parameters<
    SetupServer['listen']
  >[0]
  hooks.beforeAll(() => server.listen(listenOptions))
  if (resetTo === 'beforeAll') {
    hooks.beforeEach?.(async () => {
      start ??= await mock.snapshot()
    })
  }
  hooks.afterEach(async () => {
    server.resetHandlers()
    if (start) await mock.restore(start)
    else await mock.reset()
  })
  hooks.afterAll(() => server.close())
  return { mock, server }
}
