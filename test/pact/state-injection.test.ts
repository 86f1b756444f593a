// Values a consumer wants from a provider state, in XML bodies. What works: state parameters that
// make the created value predictable (the job a state creates is `j|101|<jobName>|`), and
// ips-mock/pact's `fromProviderState`, which `ips-mock verify` turns into a Pact generator keyed
// by the prefixed element path. What does not: pact-js's own `MatchersV3.fromProviderState` in an
// XmlBuilder body, which pact-js writes as a bare type rule without its generator.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MatchersV3, PactV4, XmlBuilder } from '@pact-foundation/pact'
import { afterAll, expect, it, vi } from 'vitest'
import { verifyPacts } from '../../src/contract/verify.js'
import {
  addInteraction,
  applyStateGenerators,
  fromProviderState,
  type IpsInteraction,
  ipsInteraction,
  namespaceRules,
  stateGeneratorsComment,
} from '../../src/pact.js'
import { untilRecorded } from '../../src/pact/recorded.js'

vi.setConfig({ testTimeout: 60_000 })
process.env.PACT_DO_NOT_TRACK = 'true'

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/'
const IPS = 'http://www.scene7.com/IpsApi/xsd/2014-04-03'
const BASE = 'http://www.scene7.com/IpsApi/xsd'
const SERVICE = '/scene7/services/IpsApiService'
const jobName = 'a&b <c> | d'
const root = mkdtempSync(join(tmpdir(), 'ips-state-injection-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

async function written(name: string, interaction: IpsInteraction): Promise<string> {
  const dir = join(root, name)
  const pact = new PactV4({ consumer: name, provider: 'scene7-ips', dir, logLevel: 'error' })
  await addInteraction(pact, interaction).executeTest(async (server) => {
    const headers = { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '"stopJob"' }
    const response = await fetch(`${server.url}${SERVICE}`, {
      method: 'POST',
      headers,
      body: interaction.request.body,
    })
    expect(response.status).toBe(200)
  })
  return join(dir, `${name}-scene7-ips.json`)
}

/** The same pact without what ips-mock/pact left in its comments. */
function withoutComments(file: string): string {
  const pact = JSON.parse(readFileSync(file, 'utf8'))
  for (const interaction of pact.interactions) delete interaction.comments
  const bare = file.replace(/\.json$/, '.bare.json')
  writeFileSync(bare, JSON.stringify(pact))
  return bare
}

const stopTheJob = (jobHandle?: ReturnType<typeof fromProviderState>) =>
  ipsInteraction('stopJob', {
    description: 'stopJob of the job the state started',
    stateParams: { jobName },
    ...(jobHandle ? { params: { jobHandle } } : {}),
  })

it('names the created job by the state parameter: its handle is predictable, unescaped', async () => {
  const interaction = stopTheJob()
  expect(interaction.request.body).toContain('<jobHandle>j|101|a&amp;b &lt;c&gt; | d|</jobHandle>')
  const file = await written('acme-predictable', interaction)
  // Holds without any generator: the example is the very handle the state creates.
  await expect(verifyPacts({ pacts: [withoutComments(file)] })).resolves.toBeUndefined()
})

it('fills in a value the state handed back with fromProviderState', async () => {
  const interaction = stopTheJob(fromProviderState('${jobHandle}', 'j|101|placeholder|'))
  expect(interaction.request.generators).toEqual([
    {
      path: "$['soapenv:Envelope']['soapenv:Body']['stopJobParam']['jobHandle']['#text']",
      expression: '${jobHandle}',
    },
  ])
  const file = await written('acme-injected', interaction)
  const pact = JSON.parse(readFileSync(file, 'utf8'))
  expect(applyStateGenerators(pact).interactions[0].request.generators).toEqual({
    body: {
      "$['soapenv:Envelope']['soapenv:Body']['stopJobParam']['jobHandle']['#text']": {
        type: 'ProviderState',
        expression: '${jobHandle}',
        dataType: 'STRING',
      },
    },
  })
  await expect(verifyPacts({ pacts: [file] })).resolves.toBeUndefined()
  // Without the generator the placeholder is sent, and IPS knows no such job.
  await expect(verifyPacts({ pacts: [withoutComments(file)] })).rejects.toThrow(
    'expected 200 but was 500',
  )
})

it('applies no generator keyed by namespace URI, as matching rules are', async () => {
  const file = await written(
    'acme-uri-generator',
    stopTheJob(fromProviderState('${jobHandle}', 'j|101|placeholder|')),
  )
  const pact = applyStateGenerators(JSON.parse(readFileSync(file, 'utf8')))
  const { request } = pact.interactions[0]
  const byUri = `$['${SOAP}:Envelope']['${SOAP}:Body']['${IPS}:stopJobParam']['${IPS}:jobHandle']['#text']`
  request.generators.body = { [byUri]: Object.values(request.generators.body)[0] }
  delete pact.interactions[0].comments
  const rekeyed = file.replace(/\.json$/, '.uri.json')
  writeFileSync(rekeyed, JSON.stringify(pact))
  await expect(verifyPacts({ pacts: [rekeyed] })).rejects.toThrow('expected 200 but was 500')
})

/** A stopJob request as an XmlBuilder body, its jobHandle from pact-js's fromProviderState. */
const stopJobBody = () =>
  new XmlBuilder('1.0', 'UTF-8', 'soapenv:Envelope').build((envelope) => {
    envelope.setAttributes({ 'xmlns:soapenv': SOAP } as never)
    envelope.appendElement('soapenv:Header', {} as never, (header) =>
      header.appendElement('a:authHeader', { 'xmlns:a': BASE } as never, (auth) => {
        auth.appendElement('a:user', {} as never, 'user@demo-co.test')
        auth.appendElement('a:password', {} as never, 'demo-user-pass')
      }),
    )
    envelope.appendElement('soapenv:Body', {} as never, (body) =>
      body.appendElement('ns:stopJobParam', { 'xmlns:ns': IPS } as never, (param) => {
        param.appendElement('ns:companyHandle', {} as never, 'c|101')
        param.appendElement(
          'ns:jobHandle',
          {} as never,
          MatchersV3.fromProviderState('${jobHandle}', 'j|101|placeholder|'),
        )
      }),
    )
  })

async function xmlBuilderPact(name: string, namespaced: boolean): Promise<string> {
  const dir = join(root, name)
  const pact = new PactV4({ consumer: name, provider: 'scene7-ips', dir, logLevel: 'error' })
  const body = namespaceRules(stopJobBody())
  let builder = pact.addInteraction().given('a job is running', { jobName })
  if (namespaced) builder = builder.comment(stateGeneratorsComment(body.generators))
  await builder
    .uponReceiving('stopJob of the job the state started')
    .withRequest('POST', SERVICE, (http) => {
      http.headers({ 'Content-Type': 'text/xml; charset=utf-8' })
      if (namespaced) http.xmlBody(body.xml).matchingRules({ body: body.rules })
      else http.xmlBody(stopJobBody())
    })
    .willRespondWith(200)
    .executeTest(async (server) => {
      const response = await fetch(`${server.url}${SERVICE}`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/xml; charset=utf-8' },
        body: body.xml,
      })
      expect(response.status).toBe(200)
      await untilRecorded(server.port)
    })
  return join(dir, `${name}-scene7-ips.json`)
}

it("does not work with pact-js's fromProviderState in an XmlBuilder body: the generator is dropped", async () => {
  const file = await xmlBuilderPact('acme-xml-builder', false)
  const { request } = JSON.parse(readFileSync(file, 'utf8')).interactions[0]
  expect(request.generators).toBeUndefined()
  expect(request.matchingRules.body).toEqual({
    '$.soapenv:Envelope.soapenv:Body.ns:stopJobParam.ns:jobHandle.#text': {
      combine: 'AND',
      matchers: [{ match: 'type' }],
    },
  })
  await expect(verifyPacts({ pacts: [file] })).rejects.toThrow('expected 200 but was 500')
})

it('works for an XmlBuilder body through namespaceRules and stateGeneratorsComment', async () => {
  const file = await xmlBuilderPact('acme-xml-builder-namespaced', true)
  await expect(verifyPacts({ pacts: [file] })).resolves.toBeUndefined()
})
