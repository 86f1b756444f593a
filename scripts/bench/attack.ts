import { createIpsMock } from '../../src/index.js'

/** Time to refuse a 1 MB DOCTYPE attack body in-process, and the heap before and after 200 of them. */
export async function attack() {
  const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z' })
  const body = `<!DOCTYPE x [<!ENTITY a "${'a'.repeat(1024 * 1024)}"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><x>&b;&b;&b;&b;</x>`
  const send = async () => {
    const response = await mock.handle(
      new Request('https://s7sps1apissl.scene7.com/scene7/services/IpsApiService', {
        method: 'POST',
        body,
        headers: { 'content-type': 'text/xml' },
      }),
    )
    await response.text()
  }
  await send()
  global.gc?.()
  const heapBefore = process.memoryUsage().heapUsed
  const times: number[] = []
  for (let run = 0; run < 200; run++) {
    const started = performance.now()
    await send()
    times.push(performance.now() - started)
  }
  global.gc?.()
  const heapAfter = process.memoryUsage().heapUsed
  times.sort((a, b) => a - b)
  const result = {
    bodyBytes: Buffer.byteLength(body),
    medianMs: times[100] as number,
    maxMs: times.at(-1) as number,
    heapBeforeMiB: heapBefore / 2 ** 20,
    heapAfterMiB: heapAfter / 2 ** 20,
  }
  console.log(JSON.stringify(result))
  return result
}
