import { createIpsMock } from '../../src/mock/create-ips-mock.js'
import { submitBody } from './bodies.js'
import { coreCaller, heapAfterCollection } from './core.js'

/**
 * Heap per job stored through submitJob (the core's raw entry, journal off so only the stored
 * jobs grow): the heap after a full collection, before and after `count` submits; and the CPU
 * time of a submit on the core alone, one after another.
 */
export async function submittedHeap(count = 20_000, warmup = 5000) {
  const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z', journalCapacity: 0 })
  await mock.ready
  const call = coreCaller(mock)
  const submit = () => call(submitBody())
  for (let index = 0; index < warmup; index++) await submit()
  const before = heapAfterCollection()
  const cpu = process.cpuUsage()
  for (let index = 0; index < count; index++) await submit()
  const used = process.cpuUsage(cpu)
  return {
    count,
    bytesPerJob: (heapAfterCollection() - before) / count,
    cpuMicrosPerSubmit: (used.user + used.system) / count,
  }
}
