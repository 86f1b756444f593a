/**
 * Young-generation collections beside a million stored records, in-process, without HTTP or
 * journal: `node --expose-gc --max-old-space-size=8192 --import tsx scripts/bench/scavenge.ts
 * <collection|bare-collection|array> [count]`. It stores `count` finished jobs (1,000,000 by
 * default) in the mock's store (`store.addJob`: its @msw/data collection and indexes), in a bare
 * @msw/data Collection whose schema accepts its input unchanged, or in a plain array, then times 60,000 getActiveJobs calls, 50 at
 * a time, and the young-generation collections they cause. The pause follows the size of the
 * heap, whatever holds it: on Node 20 every young-generation collection visits each page of the
 * old generation, so the three stores differ only by how many bytes a job takes in each.
 */
import { constants, PerformanceObserver } from 'node:perf_hooks'
import { Collection } from '@msw/data'
import { createIpsMock } from '../../src/mock/create-ips-mock.js'
import type { Job } from '../../src/store/models.js'
import { activeJobsBody, submitBody } from './bodies.js'
import { coreCaller, finishedJob, heapAfterCollection } from './core.js'

const [mode = 'collection', countArg = '1000000'] = process.argv.slice(2)
const count = Number(countArg)
const modes: Record<string, string> = {
  collection: "the mock's store",
  'bare-collection': 'a bare @msw/data Collection',
  array: 'a plain array',
}
if (!(mode in modes)) throw new Error(`unknown mode "${mode}"`)
/** A Standard Schema that takes any value as it is. */
const anything = {
  '~standard': {
    version: 1 as const,
    vendor: 'ips-mock-bench',
    validate: (value: unknown) => ({ value: value as Job }),
  },
}
const bare = new Collection({ schema: anything })

const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z', journalCapacity: 0 })
await mock.ready
const kept: Job[] = []
for (let index = 0; index < count; index++) {
  const job = finishedJob(index)
  if (mode === 'collection') {
    mock.store.claimJobName('c|101', job.name)
    await mock.store.addJob(job)
  } else if (mode === 'bare-collection') await bare.create(job)
  else kept.push(job)
}
const heapBytes = heapAfterCollection()

let collections = 0
let paused = 0
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind
    if (kind !== constants.NODE_PERFORMANCE_GC_MINOR) continue
    collections++
    paused += entry.duration
  }
}).observe({ entryTypes: ['gc'] })

const call = coreCaller(mock)
const submitted = await call(submitBody())
const handle = /jobHandle>([^<]+)</.exec(String(submitted.body))?.[1] ?? ''
const calls = 60_000
const started = performance.now()
for (let done = 0; done < calls; done += 50) {
  await Promise.all(Array.from({ length: 50 }, () => call(activeJobsBody(handle))))
}
const micros = ((performance.now() - started) * 1000) / calls
await new Promise((resolve) => setTimeout(resolve, 50))
console.log(
  `${count} jobs in ${modes[mode]} (${kept.length + bare.all().length + mock.store.jobs.all().length - 1} held, and the submitted one): ${micros.toFixed(1)} µs per getActiveJobs, ${collections} young-generation collections, ${(paused / Math.max(1, collections)).toFixed(2)} ms each, heap ${(heapBytes / 1e6).toFixed(0)} MB`,
)
