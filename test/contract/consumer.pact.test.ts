// The consumer side of the IPS contract: each interaction is a SOAP call a client of IPS makes,
// answered by Pact's mock server, and written to a Pact V4 file (consumer `ips-consumer`,
// provider `scene7-ips`). `npm run contracts` writes it to contracts/; `npm test` writes it to a
// temporary directory and fails when contracts/ differs.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MatchersV3, PactV4 } from '@pact-foundation/pact'
import { afterAll, describe, expect, it } from 'vitest'
import { setUpProviderState } from '../../src/admin/provider-states.js'
import { createIpsMock } from '../../src/index.js'
import { read } from '../support/soap.js'
import { contractCases, fixture, requestHeaders, SERVICE_PATH } from './cases.js'
import { responseRules } from './rules.js'
import { untilRecorded } from '../../src/pact/recorded.js'

process.env.PACT_DO_NOT_TRACK = 'true'

const CONTRACT = 'ips-consumer-scene7-ips.json'
const committedDir = new URL('../../contracts/', import.meta.url)
const regenerating = process.env.IPS_CONTRACTS_DIR !== undefined
const dir = process.env.IPS_CONTRACTS_DIR ?? mkdtempSync(join(tmpdir(), 'ips-contracts-'))
afterAll(() => {
  if (!regenerating) rmSync(dir, { recursive: true, force: true })
})

const pact = new PactV4({
  consumer: 'ips-consumer',
  provider: 'scene7-ips',
  dir,
  logLevel: 'error',
})

const contentTypes = {
  '1.1': MatchersV3.regex('^text/xml(?:\\s*;.*)?$', 'text/xml;charset=UTF-8'),
  '1.2': MatchersV3.regex(
    '^application/soap\\+xml(?:\\s*;.*)?$',
    'application/soap+xml;charset=UTF-8',
  ),
}

describe.sequential('IPS contract (consumer ips-consumer, provider scene7-ips)', () => {
  for (const testCase of contractCases) {
    it(testCase.description, async () => {
      // What the provider answers in this state: the mock's own answer, pinned in the contract.
      const mock = createIpsMock()
      const values = await setUpProviderState(mock, testCase.state)
      const body = testCase.request(values)
      const headers = requestHeaders(testCase)
      const answer = await mock.handle(
        new Request(`http://ips.test${SERVICE_PATH}`, { method: 'POST', headers, body }),
      )
      const xml = await answer.text()
      if (testCase.fixture) expect(xml).toBe(fixture(testCase.fixture, 'response'))

      await pact
        .addInteraction()
        .given(testCase.state)
        .uponReceiving(testCase.description)
        .withRequest('POST', SERVICE_PATH, (request) => request.headers(headers).xmlBody(body))
        .willRespondWith(answer.status, (response) => {
          response
            .headers({ 'Content-Type': contentTypes[testCase.soap ?? '1.1'] })
            .xmlBody(xml)
            .matchingRules({ body: responseRules(xml) })
        })
        .executeTest(async (server) => {
          // The consumer: posts the call, reads the answer as a SOAP client would.
          const url = `${server.url}${SERVICE_PATH}`
          const result = await read(await fetch(url, { method: 'POST', headers, body }))
          if (testCase.code === 0) {
            expect(result.fault).toBeUndefined()
            expect(result.body).toHaveProperty(`${testCase.operation}Return`)
          } else {
            expect(result.fault?.code).toBe(testCase.code)
          }
          await untilRecorded(server.port)
        })
    })
  }

  it('wrote every interaction, and contracts/ holds the same contract', () => {
    const generated = JSON.parse(readFileSync(join(dir, CONTRACT), 'utf8'))
    expect(generated.interactions).toHaveLength(contractCases.length)
    const committed = JSON.parse(readFileSync(new URL(CONTRACT, committedDir), 'utf8'))
    expect(generated, 'contracts/ is out of date: run `npm run contracts` and commit it').toEqual(
      committed,
    )
  })
})
