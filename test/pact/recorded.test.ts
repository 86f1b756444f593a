// Pact's mock server records a match after it has answered: untilRecorded waits for the record,
// and addInteraction's executeTest waits with it, so a consumer test is judged on what the
// server received, not on how soon its bookkeeping ran.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PactV4 } from '@pact-foundation/pact'
import { afterAll, expect, it, vi } from 'vitest'
import { addInteraction, ipsInteraction } from '../../src/pact.js'
import { untilRecorded } from '../../src/pact/recorded.js'

vi.setConfig({ testTimeout: 30_000 })
process.env.PACT_DO_NOT_TRACK = 'true'

const dir = mkdtempSync(join(tmpdir(), 'ips-pact-recorded-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const pact = new PactV4({ consumer: 'recorded', provider: 'scene7-ips', dir, logLevel: 'error' })

it('polls the probe with the port until it says matched', async () => {
  const answers = [false, false, false, true]
  const probe = vi.fn((_port: number) => answers.shift() ?? false)
  await expect(untilRecorded(4321, probe, 5_000)).resolves.toBe(true)
  expect(probe.mock.calls).toEqual([[4321], [4321], [4321], [4321]])
})

it('gives up after the wait, so Pact reports what is really missing', async () => {
  const probe = vi.fn((_port: number) => false)
  await expect(untilRecorded(4321, probe, 20)).resolves.toBe(false)
  expect(probe.mock.calls.length).toBeGreaterThan(1)
})

const interaction = ipsInteraction('getCompanyMembership')
const send = (url: string) =>
  fetch(`${url}${interaction.request.path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '"getCompanyMembership"' },
    body: interaction.request.body,
  })

it("reads Pact's own mock server: not matched before the request, matched after it", async () => {
  await pact
    .addInteraction()
    .uponReceiving('the request untilRecorded waits for')
    .withRequest('POST', interaction.request.path)
    .willRespondWith(200)
    .executeTest(async (server) => {
      expect(await untilRecorded(server.port, undefined, 0)).toBe(false)
      await send(server.url)
      expect(await untilRecorded(server.port)).toBe(true)
    })
})

it("addInteraction's executeTest waits for the record of a request the test did not await", async () => {
  let sent: Promise<unknown> = Promise.resolve()
  await addInteraction(pact, interaction).executeTest(async (server) => {
    // Pact checks the server when the test returns; only the wait lets this request count.
    sent = send(server.url).catch(() => undefined)
  })
  await sent
})
