// namespaceRules for teams with their own XmlBuilder bodies. XmlBuilder keys its rules by prefixed
// names, which the verifier never looks up (pact-js #632): a regex on a jobHandle is ignored and
// the handle compared literally. Re-keyed by namespace URI the same rules apply, whatever prefix
// the provider answers with, and a literal value the provider does not answer still fails.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MatchersV3, PactV4, XmlBuilder } from '@pact-foundation/pact'
import { afterAll, expect, it, vi } from 'vitest'
import { verifyPacts } from '../../src/contract/verify.js'
import { namespaceRules, patterns } from '../../src/pact.js'
import { read } from '../support/soap.js'
import { untilRecorded } from '../../src/pact/recorded.js'

vi.setConfig({ testTimeout: 60_000 })
process.env.PACT_DO_NOT_TRACK = 'true'

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/'
const IPS = 'http://www.scene7.com/IpsApi/xsd/2014-04-03'
const BASE = 'http://www.scene7.com/IpsApi/xsd'
const SERVICE = '/scene7/services/IpsApiService'
const root = mkdtempSync(join(tmpdir(), 'ips-namespace-rules-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const request = `<soapenv:Envelope xmlns:soapenv="${SOAP}"><soapenv:Header><authHeader xmlns="${BASE}"><user>user@demo-co.test</user><password>demo-user-pass</password><appName>acme</appName><appVersion>1.0</appVersion></authHeader></soapenv:Header><soapenv:Body><getActiveJobsParam xmlns="${IPS}"><companyHandle>c|101</companyHandle></getActiveJobsParam></soapenv:Body></soapenv:Envelope>`

/**
 * The consumer's own body: prefixes `S:` and `ips:` where the mock answers `soapenv:` and `ns1:`,
 * a jobHandle and a date of another value than the mock's, matched by regex, and `state` literal.
 */
function activeJobs(state: string): string {
  return new XmlBuilder('1.0', 'UTF-8', 'S:Envelope').build((envelope) => {
    envelope.setAttributes({ 'xmlns:S': SOAP } as never)
    envelope.appendElement('S:Body', {} as never, (body) =>
      body.appendElement('ips:getActiveJobsReturn', { 'xmlns:ips': IPS } as never, (answer) =>
        answer.appendElement('ips:jobArray', {} as never, (jobs) =>
          jobs.appendElement('ips:items', {} as never, (job) => {
            job.appendElement(
              'ips:jobHandle',
              {} as never,
              MatchersV3.regex(patterns.jobHandle, 'j|7|acme|'),
            )
            job.appendElement('ips:state', {} as never, state)
            job.appendElement(
              'ips:startDate',
              {} as never,
              MatchersV3.regex(patterns.dateTime, '2031-05-05T00:00:00Z'),
            )
          }),
        ),
      ),
    )
  })
}

/** Writes a one-interaction pact through Pact's mock server and returns its file. */
async function consumerPact(
  name: string,
  body: string,
  rules?: ReturnType<typeof namespaceRules>['rules'],
) {
  const dir = join(root, name)
  const pact = new PactV4({ consumer: name, provider: 'scene7-ips', dir, logLevel: 'error' })
  await pact
    .addInteraction()
    .given('a job is running')
    .uponReceiving('getActiveJobs while a job runs')
    .withRequest('POST', SERVICE, (http) =>
      http.headers({ 'Content-Type': 'text/xml; charset=utf-8' }).xmlBody(request),
    )
    .willRespondWith(200, (http) => {
      http.headers({ 'Content-Type': 'text/xml;charset=UTF-8' }).xmlBody(body)
      if (rules) http.matchingRules({ body: rules })
    })
    .executeTest(async (server) => {
      const answer = await read(
        await fetch(`${server.url}${SERVICE}`, {
          method: 'POST',
          headers: { 'Content-Type': 'text/xml; charset=utf-8' },
          body: request,
        }),
      )
      expect(answer.body).toHaveProperty('getActiveJobsReturn.jobArray.items')
      await untilRecorded(server.port)
    })
  return join(dir, `${name}-scene7-ips.json`)
}

it('re-keys the rules by namespace URI and writes the body as plain XML', () => {
  const body = namespaceRules(activeJobs('Running'))
  const items = `$['${SOAP}:Envelope']['${SOAP}:Body']['${IPS}:getActiveJobsReturn']['${IPS}:jobArray']['${IPS}:items']`
  expect(body.rules).toEqual([
    {
      path: `${items}['${IPS}:jobHandle']['#text']`,
      rules: [{ 'pact:matcher:type': 'regex', regex: patterns.jobHandle }],
    },
    {
      path: `${items}['${IPS}:startDate']['#text']`,
      rules: [{ 'pact:matcher:type': 'regex', regex: patterns.dateTime }],
    },
  ])
  expect(body.xml).toBe(
    `<S:Envelope xmlns:S="${SOAP}"><S:Body><ips:getActiveJobsReturn xmlns:ips="${IPS}"><ips:jobArray><ips:items><ips:jobHandle>j|7|acme|</ips:jobHandle><ips:state>Running</ips:state><ips:startDate>2031-05-05T00:00:00Z</ips:startDate></ips:items></ips:jobArray></ips:getActiveJobsReturn></S:Body></S:Envelope>`,
  )
})

it('passes a provider answering other prefixes and other generated values', async () => {
  const body = namespaceRules(activeJobs('Running'))
  const file = await consumerPact('acme-namespaced', body.xml, body.rules)
  await expect(verifyPacts({ pacts: [file] })).resolves.toBeUndefined()
})

it('fails a value the provider does not answer', async () => {
  const body = namespaceRules(activeJobs('Done'))
  const file = await consumerPact('acme-wrong-state', body.xml, body.rules)
  await expect(verifyPacts({ pacts: [file] })).rejects.toThrow(
    "Expected 'Running' to be equal to 'Done'",
  )
})

it('shows why: the same body as XmlBuilder keys its rules by prefix, and the verifier ignores them', async () => {
  const file = await consumerPact('acme-prefixed', activeJobs('Running'))
  const written = JSON.parse(readFileSync(file, 'utf8'))
  expect(Object.keys(written.interactions[0].response.matchingRules.body)).toEqual([
    '$.S:Envelope.S:Body.ips:getActiveJobsReturn.ips:jobArray.ips:items.ips:jobHandle.#text',
    '$.S:Envelope.S:Body.ips:getActiveJobsReturn.ips:jobArray.ips:items.ips:startDate.#text',
  ])
  await expect(verifyPacts({ pacts: [file] })).rejects.toThrow(
    "Expected 'j|101|running job|' to be equal to 'j|7|acme|'",
  )
})

it('keeps eachLike, and its trap: an item may hold only its template’s children', async () => {
  const built = new XmlBuilder('1.0', 'UTF-8', 'S:Envelope').build((envelope) => {
    envelope.setAttributes({ 'xmlns:S': SOAP } as never)
    envelope.appendElement('S:Body', {} as never, (body) =>
      body.appendElement('ips:getActiveJobsReturn', { 'xmlns:ips': IPS } as never, (answer) =>
        answer.appendElement('ips:jobArray', {} as never, (jobs) =>
          jobs.eachLike('ips:items', {} as never, (job) => {
            job.appendElement(
              'ips:jobHandle',
              {} as never,
              MatchersV3.regex(patterns.jobHandle, 'j|7|acme|'),
            )
          }),
        ),
      ),
    )
  })
  const body = namespaceRules(built)
  expect(body.rules[0]).toEqual({
    path: `$['${SOAP}:Envelope']['${SOAP}:Body']['${IPS}:getActiveJobsReturn']['${IPS}:jobArray']['${IPS}:items']`,
    rules: [{ 'pact:matcher:type': 'type' }],
  })
  const file = await consumerPact('acme-each-like', body.xml, body.rules)
  await expect(verifyPacts({ pacts: [file] })).rejects.toThrow(
    `Unexpected child <${IPS}:lastProgressUpdate/>`,
  )
})

it('names an undeclared prefix', () => {
  const built = new XmlBuilder('1.0', 'UTF-8', 'S:Envelope').build(() => {})
  expect(() => namespaceRules(built)).toThrow(
    '[ips-mock] Failed to read the XmlBuilder body: the prefix "S" of <S:Envelope> is not declared. Declare it with an xmlns:S attribute.',
  )
})
