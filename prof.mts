import { createIpsMock } from './src/index.ts'
import { exchanges } from './src/core/create-ips-mock.ts'
import { submitBody } from './scripts/bench/bodies.ts'
const m = createIpsMock({ startTime: '2030-01-01T00:00:00Z' })
await m.ready
const ex = exchanges.get(m)!
const enc = new TextEncoder()
const mk = (body: string) => ({ method: 'POST', url: 'http://x/scene7/services/IpsApiService', headers: { get: (n: string) => n === 'content-type' ? 'text/xml' : null }, bytes: async () => enc.encode(body) })
async function bench(name: string, n: number, body: () => string) {
  for (let i = 0; i < 300; i++) await ex(mk(body()))
  const t = performance.now(); for (let i = 0; i < n; i++) await ex(mk(body())); console.log(name, ((performance.now() - t) * 1000 / n).toFixed(1), 'µs')
}
await bench('fault', 5000, () => submitBody('wrong'))
await bench('submit', 20000, () => submitBody())
