// `ips-mock verify`: the mock verified against contracts/, against a consumer's own hand-written
// pact, and the real-IPS mode's wiring (credentials from the environment) against a second mock.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { startServer } from '../../src/server.js'
import type { SeedData } from '../../src/store/seed.js'
import { contractCases } from './cases.js'
import { servletCases } from './servlet-cases.js'

vi.setConfig({ testTimeout: 60_000 })

const dir = mkdtempSync(join(tmpdir(), 'ips-verify-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Run {
  code: number | null
  output: string
}

/** Runs `ips-mock` from source to its exit. */
function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: new URL('../..', import.meta.url),
      env: { ...process.env, PACT_DO_NOT_TRACK: 'true', ...env },
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, output }))
  })
}

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/'
const IPS = 'http://www.scene7.com/IpsApi/xsd/2014-04-03'
const BASE = 'http://www.scene7.com/IpsApi/xsd'
/** Pact regexes must match the whole value. */
const DATE = '^\\d{4}-\\d{2}-\\d{2}T.+$'
const path = (...names: string[]) => `$${names.map((name) => `['${name}']`).join('')}['#text']`

/** A consumer's pact written by hand (Pact V3), with its own prefixes and matching rules. */
function handWrittenPact(state = 'a job is running') {
  const auth = `<env:Header><a:authHeader xmlns:a="${BASE}"><a:user>user@demo-co.test</a:user><a:password>demo-user-pass</a:password></a:authHeader></env:Header>`
  return {
    consumer: { name: 'acme-dam' },
    provider: { name: 'scene7-ips' },
    interactions: [
      {
        description: 'acme polls its nightly import',
        providerStates: [{ name: state, params: { jobName: 'nightly import' } }],
        request: {
          method: 'POST',
          path: '/scene7/services/IpsApiService',
          headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: 'getActiveJobs' },
          body: `<env:Envelope xmlns:env="${SOAP}">${auth}<env:Body><ips:getActiveJobsParam xmlns:ips="${IPS}"><ips:companyHandle>c|101</ips:companyHandle><ips:jobHandle>j|101|nightly import|</ips:jobHandle></ips:getActiveJobsParam></env:Body></env:Envelope>`,
        },
        response: {
          status: 200,
          headers: { 'Content-Type': 'text/xml;charset=UTF-8' },
          body: `<e:Envelope xmlns:e="${SOAP}"><e:Header/><e:Body><getActiveJobsReturn xmlns="${IPS}"><jobArray><items><companyHandle>c|1</companyHandle><jobHandle>j|1|x|</jobHandle><name>nightly import</name><originalName>nightly import</originalName><type>UrlUpload</type><state>Running</state><submitUserEmail>user@demo-co.test</submitUserEmail><serverName>ips-mock</serverName><startDate>2031-05-05T00:00:00Z</startDate><triggerTime>2031-05-05T00:00:00Z</triggerTime><totalSize>2</totalSize><progress>50</progress><progressMessage>Processed 1 of 2</progressMessage><lastProgressUpdate>2031-05-05T00:00:00Z</lastProgressUpdate><taskProgressArray><items><taskType>UrlUpload</taskType><taskState>Processing</taskState><numProcessed>1</numProcessed><numProcessing>1</numProcessing><numPending>0</numPending><progress>0.5</progress><progressMessage>Processed 1 of 2</progressMessage><lastProgressUpdate>2031-05-05T00:00:00Z</lastProgressUpdate><taskItemProgressArray/></items></taskProgressArray><uploadUrlsJob><urlArray><items><sourceUrl>https://images.example.test/one.jpg</sourceUrl><destPath>contract/one.jpg</destPath></items><items><sourceUrl>https://images.example.test/two.jpg</sourceUrl><destPath>contract/two.jpg</destPath></items></urlArray><numUrls>2</numUrls><overwrite>true</overwrite><readyForPublish>true</readyForPublish><createMask>false</createMask><emailSetting>None</emailSetting></uploadUrlsJob></items></jobArray></getActiveJobsReturn></e:Body></e:Envelope>`,
          matchingRules: {
            body: Object.fromEntries(
              [
                ['companyHandle', '^c\\|\\d+$'],
                ['jobHandle', '^j\\|\\d+\\|.*\\|$'],
                ['startDate', DATE],
                ['triggerTime', DATE],
                ['lastProgressUpdate', DATE],
                ['taskProgressArray', 'items', 'lastProgressUpdate', DATE],
              ].map((names) => [
                path(
                  `${SOAP}:Envelope`,
                  `${SOAP}:Body`,
                  `${IPS}:getActiveJobsReturn`,
                  `${IPS}:jobArray`,
                  `${IPS}:items`,
                  ...names.slice(0, -1).map((name) => `${IPS}:${name}`),
                ),
                { matchers: [{ match: 'regex', regex: names.at(-1) }] },
              ]),
            ),
          },
        },
      },
      {
        description: 'acme submits an upload',
        providerStates: [{ name: 'the demo seed is loaded' }],
        request: {
          method: 'POST',
          path: '/scene7/services/IpsApiService',
          headers: { 'Content-Type': 'text/xml; charset=utf-8' },
          body: `<env:Envelope xmlns:env="${SOAP}">${auth}<env:Body><submitJobParam xmlns="${IPS}"><companyHandle>c|101</companyHandle><jobName>acme upload</jobName><uploadUrlsJob><urlArray><items><sourceUrl>https://acme.example/a.jpg</sourceUrl><destPath>acme/a.jpg</destPath></items></urlArray><overwrite>true</overwrite><readyForPublish>true</readyForPublish><createMask>false</createMask><emailSetting>None</emailSetting></uploadUrlsJob></submitJobParam></env:Body></env:Envelope>`,
        },
        response: {
          status: 200,
          body: `<e:Envelope xmlns:e="${SOAP}"><e:Header/><e:Body><r:submitJobReturn xmlns:r="${IPS}"><r:jobHandle>j|7|anything|</r:jobHandle></r:submitJobReturn></e:Body></e:Envelope>`,
          matchingRules: {
            body: {
              [path(
                `${SOAP}:Envelope`,
                `${SOAP}:Body`,
                `${IPS}:submitJobReturn`,
                `${IPS}:jobHandle`,
              )]: { matchers: [{ match: 'regex', regex: '^j\\|\\d+\\|acme upload\\|$' }] },
            },
          },
        },
      },
    ],
    metadata: { pactSpecification: { version: '3.0.0' } },
  }
}

function writePact(name: string, pact: unknown): string {
  const file = join(dir, name)
  writeFileSync(file, JSON.stringify(pact, null, 2))
  return file
}

it('verifies the mock against every interaction in contracts/ (npm run verify:contracts)', async () => {
  const { code, output } = await cli(['verify', '--pact', 'contracts'])
  expect(output).toContain('[ips-mock] Every interaction verified.')
  expect(code).toBe(0)
  for (const { description } of contractCases) expect(output).toContain(description)
  // The UploadFile servlet's contract (multipart bodies) is in contracts/ too, and verified.
  for (const { description } of servletCases) expect(output).toContain(description)
  expect(output).toContain(
    `ips-upload-consumer → scene7-ips (contracts/ips-upload-consumer-scene7-ips.json): ${servletCases.length} interactions verified`,
  )
})

describe('a pact ips-mock did not generate', () => {
  it('verifies a consumer pact written by hand, with its own prefixes and states', async () => {
    const { code, output } = await cli([
      'verify',
      '--pact',
      writePact('acme.json', handWrittenPact()),
    ])
    expect(output).toContain('acme polls its nightly import')
    expect(output).toContain('[ips-mock] Every interaction verified.')
    expect(code).toBe(0)
  })

  it('reads it from a URL as well', async () => {
    const body = JSON.stringify(handWrittenPact())
    const host = createServer((_request, reply) => {
      reply.writeHead(200, { 'content-type': 'application/json' })
      reply.end(body)
    })
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve))
    try {
      const url = `http://127.0.0.1:${(host.address() as AddressInfo).port}/pacts/acme.json`
      const { code, output } = await cli(['verify', '--pact', url])
      expect(output).toContain('acme submits an upload')
      expect(output).toContain('[ips-mock] Every interaction verified.')
      expect(code).toBe(0)
    } finally {
      await new Promise((resolve) => host.close(resolve))
    }
  })

  it('fails it when the mock answers otherwise than the pact expects', async () => {
    const pact = handWrittenPact()
    const poll = pact.interactions[0]!
    poll.response.body = poll.response.body.replace('<state>Running</state>', '<state>Done</state>')
    const { code, output } = await cli(['verify', '--pact', writePact('acme-wrong.json', pact)])
    expect(output).toContain("Expected 'Running' to be equal to 'Done'")
    expect(output).toContain('1 of 2 interactions failed: "acme polls its nightly import"')
    expect(code).toBe(1)
  })

  it('refuses an unknown provider state, naming the ones it knows', async () => {
    const file = writePact('acme-unknown.json', handWrittenPact('a job is stuck'))
    const { code, output } = await cli(['verify', '--pact', file])
    expect(output).toContain(
      `[ips-mock] Failed to verify: unknown provider state "a job is stuck" (${file}, interaction "acme polls its nightly import")`,
    )
    expect(output).toContain('"a job is running"')
    expect(code).toBe(1)
  })

  it('lists the provider states it understands', async () => {
    const { code, output } = await cli(['verify', '--list-states'])
    expect(code).toBe(0)
    expect(output).toContain('"a job is running"\n    An UploadUrlsJob of two URLs, running')
  })
})

describe('--provider-base-url with credentials from the environment', () => {
  // A second mock stands in for a real IPS: it knows only the CI login, not the demo ones.
  const ciSeed: SeedData = {
    companies: [{ name: 'ci-co', handle: 'c|101' }],
    users: [
      { email: 'ci@example.test', password: 'ci-secret', role: 'IpsUser', companies: ['ci-co'] },
    ],
  }
  const submitOnly = () => {
    const pact = handWrittenPact()
    pact.interactions = pact.interactions.slice(1)
    return writePact('acme-submit.json', pact)
  }

  it('puts IPS_USER and IPS_PASSWORD into each request', async () => {
    const server = await startServer({ port: 0, logLevel: 'silent', seed: ciSeed })
    try {
      const origin = new URL(server.url).origin
      const env = { IPS_USER: 'ci@example.test', IPS_PASSWORD: 'ci-secret' }
      const args = ['verify', '--pact', submitOnly(), '--provider-base-url', origin]
      const { code, output } = await cli(args, env)
      expect(output).toContain('[ips-mock] Every interaction verified.')
      expect(code).toBe(0)
      expect(server.mock.store.job('j|101|acme upload|')?.submitUserEmail).toBe('ci@example.test')
      expect(output).not.toContain('ci-secret')
    } finally {
      await server.close()
    }
  })

  it('sends the pact as written without them, which that endpoint refuses', async () => {
    const server = await startServer({ port: 0, logLevel: 'silent', seed: ciSeed })
    try {
      const origin = new URL(server.url).origin
      const args = ['verify', '--pact', submitOnly(), '--provider-base-url', origin]
      const { code, output } = await cli(args, { IPS_USER: '', IPS_PASSWORD: '' })
      expect(output).toContain('1 of 1 interactions failed: "acme submits an upload"')
      expect(code).toBe(1)
    } finally {
      await server.close()
    }
  })
})
