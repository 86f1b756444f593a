// ips-mock/pact end to end: an interaction for every operation the mock serves and for every
// fault it can be made to answer, each run through Pact's mock server as a consumer test, the
// pact written, then verified against a fresh mock; and the same pact against a provider that
// answers with other prefixes and other generated values.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PactV4 } from '@pact-foundation/pact'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { verifyPacts } from '../../src/contract/verify.js'
import {
  addInteraction,
  type FaultCode,
  faultInteraction,
  type IpsInteraction,
  ipsInteraction,
  servedOperations,
  submitJobInteraction,
} from '../../src/pact.js'
import { read } from '../support/soap.js'

vi.setConfig({ testTimeout: 60_000 })
process.env.PACT_DO_NOT_TRACK = 'true'

const dir = mkdtempSync(join(tmpdir(), 'ips-pact-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const pactFile = join(dir, 'pact-consumer-scene7-ips.json')

const pact = new PactV4({
  consumer: 'pact-consumer',
  provider: 'scene7-ips',
  dir,
  logLevel: 'error',
})

/** The header values a client sends: the examples of the interaction's header matchers. */
const headersOf = (interaction: IpsInteraction) =>
  Object.fromEntries(
    Object.entries(interaction.request.headers).map(([name, value]) => [
      name,
      typeof value === 'string' ? value : value.value,
    ]),
  )

/** Runs an interaction as a consumer would: posts its request and reads the SOAP answer. */
async function consume(interaction: IpsInteraction, body = interaction.request.body) {
  return addInteraction(pact, interaction).executeTest(async (server) => {
    const response = await fetch(`${server.url}${interaction.request.path}`, {
      method: 'POST',
      headers: headersOf(interaction),
      body,
    })
    return read(response)
  })
}

const faultCases: [FaultCode, Parameters<typeof faultInteraction>[1]][] = [
  [10000, {}],
  [10001, {}],
  [10002, {}],
  [20000, {}],
  [20002, {}],
  [20003, {}],
  [20003, { operation: 'getAllCompanies' }],
  [20006, {}],
  [20007, {}],
  [20009, {}],
  [30001, {}],
  [30001, { operation: 'stopJob' }],
  [30002, {}],
  [30003, {}],
  [10001, { operation: 'getActiveJobs', soap: '1.2' }],
  [30003, { operation: 'getJobLogs', version: '2012-02-14' }],
]

describe.sequential('consumer side', () => {
  for (const operation of servedOperations) {
    it(`answers ${operation} from Pact's mock server`, async () => {
      const interaction =
        operation === 'submitJob'
          ? submitJobInteraction({
              jobName: 'nightly import',
              job: { optimizeImagesJob: { emailSetting: 'None' } },
            })
          : ipsInteraction(operation)
      const result = await consume(interaction)
      expect(result?.status).toBe(200)
      expect(result?.fault).toBeUndefined()
      expect(result?.body).toHaveProperty(`${operation}Return`)
    })
  }

  it('answers submitJob over SOAP 1.2 with the IPS elements prefixed', async () => {
    const interaction = submitJobInteraction({
      description: 'submitJob over SOAP 1.2',
      jobName: 'soap 1.2',
      job: { uploadUrlsJob: uploadUrls },
      soap: '1.2',
      prefixes: { envelope: 'env', ips: 'ips' },
    })
    expect(interaction.request.body).toContain('<ips:submitJobParam xmlns:ips=')
    const result = await consume(interaction)
    expect(result?.body).toEqual({ submitJobReturn: { jobHandle: 'j|101|soap 1.2|' } })
  })

  it('answers getActiveJobs with the values the consumer relies on', async () => {
    const result = await consume(runningJobs('getActiveJobs of the nightly import'))
    const jobArray = (result?.body.getActiveJobsReturn as { jobArray: { items: unknown } }).jobArray
    expect(jobArray.items).toMatchObject([{ name: 'nightly import', state: 'Running' }])
  })

  for (const [code, options] of faultCases) {
    const name = `${options?.operation ?? 'submitJob'} ${JSON.stringify(options)}`
    it(`answers fault ${code} for ${name}`, async () => {
      const result = await consume(faultInteraction(code, options))
      expect(result?.status).toBe(500)
      expect(result?.fault?.code).toBe(code)
    })
  }

  it('accepts the request with other prefixes: Pact compares XML by namespace', async () => {
    const interaction = submitJobInteraction({
      description: 'submitJob written with other prefixes',
      jobName: 'prefixes',
      job: { optimizeImagesJob: { emailSetting: 'None' } },
    })
    const body = interaction.request.body
      .replaceAll('soapenv:', 'S:')
      .replace('xmlns:soapenv=', 'xmlns:S=')
      .replace('<submitJobParam xmlns=', '<n:submitJobParam xmlns:n=')
      .replace(
        /<(\/?)(companyHandle|jobName|optimizeImagesJob|emailSetting|submitJobParam)>/g,
        '<$1n:$2>',
      )
    expect(body).toContain('<n:jobName>prefixes</n:jobName>')
    const result = await consume(interaction, body)
    expect(result?.status).toBe(200)
  })
})

const uploadUrls = {
  urlArray: {
    items: [{ sourceUrl: 'https://images.example.test/a.jpg', destPath: 'consumer/a.jpg' }],
  },
  overwrite: true,
  readyForPublish: true,
  createMask: false,
  emailSetting: 'None',
}

function runningJobs(description: string, state = 'Running'): IpsInteraction {
  return ipsInteraction('getActiveJobs', {
    description,
    stateParams: { jobName: 'nightly import' },
    returns: { jobArray: { items: [{ name: 'nightly import', state, type: 'UrlUpload' }] } },
  })
}

describe.sequential('provider side', () => {
  it('wrote one interaction per call, rules keyed by namespace URI', () => {
    const written = JSON.parse(readFileSync(pactFile, 'utf8'))
    expect(written.interactions).toHaveLength(servedOperations.length + 3 + faultCases.length)
    const paths = written.interactions.flatMap((interaction: any) =>
      Object.keys(interaction.response.matchingRules?.body ?? {}),
    )
    expect(paths.length).toBeGreaterThan(20)
    for (const path of paths) expect(path).toMatch(/^\$\['http:\/\/[^']+:Envelope'\]/)
  })

  it('verifies every interaction against a fresh mock', async () => {
    await expect(verifyPacts({ pacts: [pactFile] })).resolves.toBeUndefined()
  })
})
