import { createRequire } from 'node:module'
import { setTimeout as sleep } from 'node:timers/promises'

/** Tells whether Pact's mock server on a port has recorded every request it expects. */
export type MatchedProbe = (port: number) => boolean

/** How long a consumer test waits for the mock server to record a request it has answered. */
export const RECORD_WAIT_MS = 2_000
const POLL_MS = 2

/**
 * Pact's mock server answers a request before it records the match: the record travels on a
 * channel to another task (pact-foundation/pact-core-mock-server#13). A test that checks the
 * server the moment its last answer arrives can find "expected but not received" for a request
 * that was matched and answered. This waits until the server says every expected request was
 * matched, or until `waitMs` has passed, when Pact's own check reports what is really missing.
 * @example
 * await pact.addInteraction()…executeTest(async (server) => {
 *   await fetch(`${server.url}/scene7/services/IpsApiService`, { method: 'POST', body })
 *   await untilRecorded(server.port)
 * })
 */
export async function untilRecorded(
  port: number,
  matched: MatchedProbe = pactMockServerMatched(),
  waitMs = RECORD_WAIT_MS,
): Promise<boolean> {
  const deadline = performance.now() + waitMs
  for (;;) {
    if (matched(port)) return true
    if (performance.now() >= deadline) return false
    await sleep(POLL_MS)
  }
}

let probe: MatchedProbe | undefined

/** pact-core's mock-server check, loaded through the pact-js the consumer installed. */
function pactMockServerMatched(): MatchedProbe {
  if (probe) return probe
  const pactJs = createRequire(import.meta.url).resolve('@pact-foundation/pact')
  const core = createRequire(pactJs)('@pact-foundation/pact-core') as {
    getFfiLib(): { pactffiMockServerMatched(port: number): boolean }
  }
  const ffi = core.getFfiLib()
  probe = (port) => ffi.pactffiMockServerMatched(port)
  return probe
}
