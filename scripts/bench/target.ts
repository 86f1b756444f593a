/**
 * One benchmark target, run in its own process so the load generator does not share its event
 * loop (targets.ts bundles it first): `target.mjs <kind> [preloadJobs]`, where kind is
 * `baseline` (bare node:http, a fixed answer), `spin` (the same after 50 µs of busy CPU, its
 * answers written in batches as ips-mock's server writes them), `mock` (the ips-mock server),
 * `mock-unbatched` (the same with `batchWrites: false`), `server-fixed` (the ips-mock server with
 * its core replaced by the fixed answer), `msw` (the core through msw's getResponse) or `node-soap`
 * (node-soap's `soap.listen` on the mock's WSDL with a trivial submitJob handler: what a team
 * would hand-roll instead of a mock).
 * Prints `READY <port> <json>` once listening; on SIGUSR1 `CPU <µs used> <requests answered>
 * <µs in GC pauses> <µs used by threads other than the main one> <young-generation collections>
 * <µs in them>`,
 * on SIGUSR2 `HEAP <bytes after a full collection>`.
 */
import { createServer, type ServerResponse } from 'node:http'
import { readdirSync, readFileSync } from 'node:fs'
import { constants, PerformanceObserver } from 'node:perf_hooks'
import type { AddressInfo } from 'node:net'
import { getResponse } from 'msw'
import { listen } from 'soap'
import { operations } from '../../src/schema/table.js'
import { generateWsdl } from '../../src/wsdl/generate.js'
import { createIpsMock, exchanges, storeOf } from '../../src/mock/create-ips-mock.js'
import type { RawResponse } from '../../src/core/raw.js'
import type { IpsMock } from '../../src/index.js'
import { ipsHandlers } from '../../src/msw.js'
import { startServer } from '../../src/server.js'
import { finishedJob, heapAfterCollection } from './core.js'
import { FIXED_RESPONSE } from './fixed-response.js'

const [kind = 'mock', preloadArg = '0'] = process.argv.slice(2)
const preload = Number(preloadArg)

/** Stores `count` finished UploadUrlsJobs straight into the store, as a long-running mock holds. */
async function preloadJobs(mock: IpsMock, count: number): Promise<void> {
  await mock.ready
  for (let index = 0; index < count; index++) {
    const name = storeOf(mock).claimJobName('c|101', `preloaded job ${index}`)
    storeOf(mock).addJob(finishedJob(index, name))
  }
}

/** Requests answered, for CPU per request. */
let answered = 0
/** Time spent in garbage collection pauses so far, in µs, and in young-generation ones. */
let gcMicros = 0
let minorMicros = 0
let minorCount = 0
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gcMicros += entry.duration * 1000
    const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind
    if (kind === constants.NODE_PERFORMANCE_GC_MINOR) {
      minorMicros += entry.duration * 1000
      minorCount++
    }
  }
}).observe({ entryTypes: ['gc'] })

/** CPU time (µs) of the process's threads other than the main one: V8's collector helpers. */
function helperThreadsMicros(): number {
  let ticks = 0
  for (const task of readdirSync('/proc/self/task')) {
    if (Number(task) === process.pid) continue
    try {
      const fields = readFileSync(`/proc/self/task/${task}/stat`, 'utf8').split(') ')[1]?.split(' ')
      ticks += Number(fields?.[11]) + Number(fields?.[12])
    } catch {
      // The thread ended meanwhile.
    }
  }
  return (ticks * 1e6) / CLOCK_TICKS
}
/** Linux's USER_HZ, the unit of /proc's CPU times. */
const CLOCK_TICKS = 100

process.on('SIGUSR1', () => {
  const { user, system } = process.cpuUsage()
  const helpers = Math.round(helperThreadsMicros())
  console.log(
    `CPU ${user + system} ${answered} ${Math.round(gcMicros)} ${helpers} ${minorCount} ${Math.round(minorMicros)}`,
  )
})

/** Burns `micros` of CPU, as a handler doing that much work would. */
function spin(micros: number): void {
  const end = performance.now() + micros / 1000
  while (performance.now() < end);
}

const fixedAnswer = (): RawResponse => ({
  status: 200,
  headers: { 'content-type': 'text/xml;charset=UTF-8' },
  body: FIXED_RESPONSE,
  meta: {},
})

function answer(response: ServerResponse): void {
  response.writeHead(200, {
    'content-type': 'text/xml;charset=UTF-8',
    'content-length': Buffer.byteLength(FIXED_RESPONSE),
  })
  response.end(FIXED_RESPONSE)
}

async function main(): Promise<void> {
  if (kind === 'baseline' || kind === 'spin') {
    const batch: ServerResponse[] = []
    const flush = () => {
      for (const response of batch.splice(0)) answer(response)
    }
    const server = createServer((request, response) => {
      request.resume()
      request.on('end', () => {
        answered++
        if (kind === 'baseline') return answer(response)
        spin(50)
        if (batch.length === 0) setImmediate(flush)
        batch.push(response)
      })
    })
    server.listen(0, '127.0.0.1', () => {
      console.log(`READY ${(server.address() as AddressInfo).port} {}`)
    })
    return
  }
  if (kind === 'node-soap') {
    // soap.listen takes over the server's request listeners: the handler counts the answers.
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port
      const path = '/scene7/services/IpsApiService'
      const wsdl = generateWsdl({
        version: '2014-04-03',
        serviceUrl: `http://127.0.0.1:${port}${path}`,
        operations: [...operations.keys()],
      })
      let next = 0
      const service = {
        IpsApiService: {
          IpsApiSoapPort: {
            submitJob: () => {
              answered++
              return { jobHandle: `j|101|job ${next++}|` }
            },
          },
        },
      }
      listen(server, path, service, wsdl, () => console.log(`READY ${port} {}`))
    })
    return
  }
  // Load runs use a controlled clock (the request path alone); the soak lets jobs run for real.
  const mock = createIpsMock(kind === 'soak' ? {} : { startTime: '2030-01-01T00:00:00Z' })
  await mock.ready
  const before = heapAfterCollection()
  const started = performance.now()
  await preloadJobs(mock, preload)
  const preloadMs = performance.now() - started
  const heapPerJob = preload > 0 ? (heapAfterCollection() - before) / preload : 0
  if (kind === 'msw') {
    let handlers: ReturnType<typeof ipsHandlers> = []
    const server = createServer(async (request, response) => {
      const chunks: Buffer[] = []
      for await (const chunk of request) chunks.push(chunk as Buffer)
      const port = (server.address() as AddressInfo).port
      const fetchRequest = new Request(`http://127.0.0.1:${port}${request.url}`, {
        method: request.method ?? 'POST',
        headers: request.headers as Record<string, string>,
        body: Buffer.concat(chunks),
      })
      const answer =
        (await getResponse(handlers, fetchRequest)) ?? new Response('no handler', { status: 404 })
      answered++
      const body = Buffer.from(await answer.arrayBuffer())
      response.writeHead(answer.status, {
        'content-type': answer.headers.get('content-type') ?? 'text/xml',
        'content-length': body.length,
      })
      response.end(body)
    })
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port
      handlers = ipsHandlers(mock, { baseUrl: `http://127.0.0.1:${port}/scene7` })
      console.log(`READY ${port} {}`)
    })
    return
  }
  // The soak asks for the heap after a full collection between its minutes.
  process.on('SIGUSR2', () => console.log(`HEAP ${heapAfterCollection()}`))
  const core = exchanges.get(mock)
  if (!core) throw new Error('the mock has no core')
  exchanges.set(mock, (request) => {
    answered++
    return kind === 'server-fixed' ? Promise.resolve(fixedAnswer()) : core(request)
  })
  const server = await startServer({
    mock,
    port: 0,
    logLevel: 'silent',
    batchWrites: kind !== 'mock-unbatched',
  })
  console.log(`READY ${server.port} ${JSON.stringify({ preload, preloadMs, heapPerJob })}`)
}

await main()
