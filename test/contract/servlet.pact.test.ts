// The consumer side of the UploadFile servlet's contract (assets reference §2): a client that
// uploads by HTTP POSTs multipart/form-data to {base}/UploadFile and reads a bare
// uploadPostReturn (or a bare fault element). The request body is the whole multipart body,
// every part in it (`auth`, `uploadParams`, the file), with a fixed boundary: the verifier sends
// those bytes to the provider. `npm run contracts` writes it to contracts/; `npm test` writes it
// to a temporary directory and fails when contracts/ differs.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MatchersV3, PactV4 } from '@pact-foundation/pact'
import { afterAll, describe, expect, it } from 'vitest'
import { setUpProviderState } from '../../src/admin/provider-states.js'
import { createIpsMock } from '../../src/index.js'
import { readUpload } from '../support/upload.js'
import { responseRules } from './rules.js'
import { SERVLET_CONTRACT, SERVLET_PATH, servletCases } from './servlet-cases.js'
import { untilRecorded } from '../../src/pact/recorded.js'

process.env.PACT_DO_NOT_TRACK = 'true'

const committedDir = new URL('../../contracts/', import.meta.url)
const regenerating = process.env.IPS_CONTRACTS_DIR !== undefined
const dir = process.env.IPS_CONTRACTS_DIR ?? mkdtempSync(join(tmpdir(), 'ips-servlet-contracts-'))
afterAll(() => {
  if (!regenerating) rmSync(dir, { recursive: true, force: true })
})

const pact = new PactV4({
  consumer: 'ips-upload-consumer',
  provider: 'scene7-ips',
  dir,
  logLevel: 'error',
})

// A client picks its own boundary: the contract accepts any, and Pact matches the parts.
const multipartType = (boundary: string) =>
  MatchersV3.regex(
    '^multipart/form-data;\\s*boundary=.+$',
    `multipart/form-data; boundary=${boundary}`,
  )

/**
 * pact-js's binary body comes with a content-type rule at `$`, which Pact's multipart matcher
 * would apply to every part (the whole body's `multipart/form-data` type against each part's
 * detected type). A rule per part replaces it: each part must equal the contract's.
 */
const partRules = (names: readonly string[]) =>
  names.map((name) => ({
    path: `$.${name}`,
    rules: [{ 'pact:matcher:type': 'equality', value: '' }],
  }))

describe.sequential(
  'UploadFile contract (consumer ips-upload-consumer, provider scene7-ips)',
  () => {
    for (const testCase of servletCases) {
      it(testCase.description, async () => {
        // What the provider answers in this state: the mock's own answer, pinned in the contract.
        const mock = createIpsMock()
        await setUpProviderState(mock, testCase.state)
        const { body, contentType } = testCase.multipart()
        const answer = await mock.handle(
          new Request(`http://ips.test${SERVLET_PATH}`, {
            method: 'POST',
            headers: { 'Content-Type': contentType },
            body: new Uint8Array(body),
          }),
        )
        const xml = await answer.text()
        expect(answer.status).toBe(testCase.status)

        await pact
          .addInteraction()
          .given(testCase.state)
          .uponReceiving(testCase.description)
          .withRequest('POST', SERVLET_PATH, (request) =>
            request
              .headers({ 'Content-Type': multipartType(testCase.boundary) })
              .body(contentType, body)
              .matchingRules({ body: partRules(testCase.partNames) }),
          )
          .willRespondWith(answer.status, (response) => {
            response
              .headers({
                'Content-Type': MatchersV3.regex(
                  '^text/xml(?:\\s*;.*)?$',
                  'text/xml;charset=utf-8',
                ),
              })
              .xmlBody(xml)
              .matchingRules({ body: responseRules(xml) })
          })
          .executeTest(async (server) => {
            // The consumer: posts the form as a client does (its own boundary), reads the answer.
            const result = await readUpload(
              await fetch(`${server.url}${SERVLET_PATH}`, {
                method: 'POST',
                body: testCase.form(),
              }),
            )
            if (testCase.code === 0) {
              expect(result.fault).toBeUndefined()
              expect(result.jobHandle).toMatch(/^j\|101\|/)
            } else {
              expect(result.fault?.code).toBe(testCase.code)
            }
            await untilRecorded(server.port)
          })
      })
    }

    it('wrote every interaction, and contracts/ holds the same contract', () => {
      const generated = JSON.parse(readFileSync(join(dir, SERVLET_CONTRACT), 'utf8'))
      expect(generated.interactions).toHaveLength(servletCases.length)
      const committed = JSON.parse(readFileSync(new URL(SERVLET_CONTRACT, committedDir), 'utf8'))
      expect(generated, 'contracts/ is out of date: run `npm run contracts` and commit it').toEqual(
        committed,
      )
    })
  },
)
