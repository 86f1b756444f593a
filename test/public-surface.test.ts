// What users may call on the mock: the clock and scenarios without their internal state.
import { expect, it } from 'vitest'
import { createIpsMock } from '../src/index.js'

it('shows the clock and scenarios without snapshot, restore or the engine hooks', () => {
  const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z' })
  // @ts-expect-error the clock's state is saved by mock.snapshot(), not by the clock
  expect(typeof mock.clock.snapshot).toBe('function')
  // @ts-expect-error restored by mock.restore()
  expect(typeof mock.clock.restore).toBe('function')
  // @ts-expect-error saved by mock.snapshot()
  expect(typeof mock.scenarios.snapshot).toBe('function')
  // @ts-expect-error restored by mock.restore()
  expect(typeof mock.scenarios.restore).toBe('function')
  // @ts-expect-error the engine's own hook, consulted when a run is triggered
  expect(typeof mock.scenarios.take).toBe('function')
  // What users call stays typed and works.
  mock.clock.advance('30s')
  expect(mock.clock.now().toISOString()).toBe('2030-01-01T00:00:30.000Z')
  const remove = mock.scenarios.next({ fatal: 'Disk full' })
  expect(mock.scenarios.list()).toHaveLength(1)
  remove()
  expect(mock.scenarios.list()).toHaveLength(0)
})
