import { createIpsMock, exchanges } from '../../src/core/create-ips-mock.js'
import { submitBody } from './bodies.js'

/**
 * Heap per job stored through submitJob (the core's raw entry, journal off so only the stored
 * jobs grow): the heap after a full collection, before and after `count` submits; and the CPU
 * time of a submit on the core alone, one after another.
 */
export async function submittedHeap(count = 20_000, warmup = 5000) {
  const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z', journalCapacity: 0 })
  await mock.ready
  const exchange = exchanges.get(mock)
  if (!exchange) throw new Error('the mock has no core')
  const headers = { get: (name: string) => (name === 'content-type' ? 'text/xml' : null) }
  const submit = () => {
    const bytes = new TextEncoder().encode(submitBody())
    return exchange({
      method: 'POST',
      url: 'http://127.0.0.1/scene7/services/IpsApiService',
      headers,
      bytes: async () => bytes,
    })
  }
  const heap = () => {
    global.gc?.()
    global.gc?.()
    return process.memoryUsage().heapUsed
  }
  for (let index = 0; index < warmup; index++) await submit()
  const before = heap()
  const cpu = process.cpuUsage()
  for (let index = 0; index < count; index++) await submit()
  const used = process.cpuUsage(cpu)
  return {
    count,
    bytesPerJob: (heap() - before) / count,
    cpuMicrosPerSubmit: (used.user + used.system) / count,
  }
}
