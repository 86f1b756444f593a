/**
 * A separate client beside a load run: `probe.ts <port> [submits per second]`. It sends a GET of
 * the admin clock (the cheapest answer the server has) one after another, 20 ms apart, and keeps
 * the longest wait: how long the server's event loop kept a client waiting. With a rate it also
 * submits jobs at that pace, so that jobs keep running under the rows that submit none.
 * On each stdin line it prints `PROBE <longest wait ms> <probes> <submits answered>` and starts over.
 */
import { createInterface } from 'node:readline'
import { submitBody } from './bodies.js'

const [portArg = '8080', rateArg = '0'] = process.argv.slice(2)
const base = `http://127.0.0.1:${portArg}`
const rate = Number(rateArg)
let longest = 0
let probes = 0
let submitted = 0
let running = true

async function probe(): Promise<void> {
  while (running) {
    const started = performance.now()
    try {
      await (await fetch(`${base}/__admin/clock`)).text()
    } catch {
      // A refused connection counts as the wait it took.
    }
    longest = Math.max(longest, performance.now() - started)
    probes++
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

function feed(): void {
  if (rate <= 0) return
  const perTick = rate / 20
  let owed = 0
  setInterval(() => {
    for (owed += perTick; owed >= 1; owed--) {
      fetch(`${base}/scene7/services/IpsApiService`, {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        body: submitBody(),
      }).then(
        async (response) => {
          await response.text()
          if (response.ok) submitted++
        },
        () => undefined,
      )
    }
  }, 50).unref()
}

createInterface({ input: process.stdin }).on('line', () => {
  console.log(`PROBE ${longest.toFixed(1)} ${probes} ${submitted}`)
  longest = 0
  probes = 0
})
process.stdin.on('end', () => {
  running = false
  process.exit(0)
})
feed()
void probe()
