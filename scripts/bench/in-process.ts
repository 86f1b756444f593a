import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { createIpsMock } from '../../src/index.js'
import { ipsHandlers } from '../../src/msw.js'
import { FIXED_RESPONSE } from './fixed-response.js'
import { submitBody } from './bodies.js'

const URL_ = 'https://s7sps1apissl.scene7.com/scene7/services/IpsApiService'

async function time(calls: number, body: () => string): Promise<number> {
  const started = performance.now()
  for (let index = 0; index < calls; index++) {
    const response = await fetch(URL_, {
      method: 'POST',
      body: body(),
      headers: { 'content-type': 'text/xml' },
    })
    await response.text()
  }
  return ((performance.now() - started) * 1000) / calls
}

/** µs per submitJob round trip through fetch under setupServer, against a static handler. */
export async function inProcess(calls = 5000, warmup = 1000) {
  const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z' })
  const mockServer = setupServer(...ipsHandlers(mock))
  mockServer.listen({ onUnhandledRequest: 'error' })
  await time(warmup, () => submitBody())
  const mockMicros = await time(calls, () => submitBody())
  mockServer.close()

  const staticServer = setupServer(
    http.post(URL_, async ({ request }) => {
      await request.text()
      return HttpResponse.xml(FIXED_RESPONSE)
    }),
  )
  staticServer.listen({ onUnhandledRequest: 'error' })
  await time(warmup, () => submitBody())
  const staticMicros = await time(calls, () => submitBody())
  staticServer.close()
  const result = { calls, warmup, mockMicros, staticMicros }
  console.log(JSON.stringify(result))
  return result
}
