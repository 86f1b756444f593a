// Regression test for the contract's matching rules. pact-js ignores XmlBuilder matchers on
// prefixed elements (pact-js #632), so the contract keys its rules by namespace URI instead. This
// proves they bite: a provider that answers with other prefixes, a default namespace or other
// generated values passes; a jobHandle of the wrong form, or a changed pinned value, fails.
import { readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { verifyPacts } from '../../src/contract/verify.js'
import { type RunningServer, startServer } from '../../src/server.js'

vi.setConfig({ testTimeout: 60_000 })
process.env.PACT_DO_NOT_TRACK = 'true'

const dir = mkdtempSync(join(tmpdir(), 'ips-matching-'))
const pactFile = join(dir, 'pact.json')
const contract = JSON.parse(
  readFileSync(new URL('../../contracts/ips-consumer-scene7-ips.json', import.meta.url), 'utf8'),
) as { interactions: { description: string }[] }
const picked = [
  'submitJob of a uploadUrlsJob',
  'submitJob by a role that may not submit jobs',
  'getActiveJobs of one job by handle',
]
writeFileSync(
  pactFile,
  JSON.stringify({
    ...contract,
    interactions: contract.interactions.filter((i) => picked.includes(i.description)),
  }),
)

/** How the provider in front of the mock rewrites each answer. */
let rewrite: (xml: string) => string = (xml) => xml

let mock: RunningServer
let provider: Server
let providerUrl: string

beforeAll(async () => {
  mock = await startServer({ port: 0, logLevel: 'silent' })
  const target = new URL(mock.url).origin
  provider = createServer(async (request, reply) => {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const answer = await fetch(`${target}${request.url}`, {
      method: request.method ?? 'POST',
      headers: {
        'content-type': String(request.headers['content-type'] ?? 'text/xml'),
        soapaction: String(request.headers.soapaction ?? ''),
      },
      body: Buffer.concat(chunks),
    })
    reply.writeHead(answer.status, {
      'content-type': answer.headers.get('content-type') ?? 'text/xml',
    })
    reply.end(rewrite(await answer.text()))
  })
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve))
  providerUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((resolve) => provider.close(resolve))
  await mock.close()
  rmSync(dir, { recursive: true, force: true })
})

const verify = () =>
  verifyPacts({
    pacts: [pactFile],
    providerBaseUrl: providerUrl,
    stateSetupUrl: `${new URL(mock.url).origin}/__admin/provider-states`,
  })

/** Another prefix for the envelope; the IPS elements in a default namespace. */
const otherPrefixes = (xml: string) =>
  xml
    .replaceAll('soapenv:', 'SOAP-ENV:')
    .replaceAll('xmlns:soapenv=', 'xmlns:SOAP-ENV=')
    .replaceAll('ns1:', '')
    .replaceAll('xmlns:ns1=', 'xmlns=')

it('passes the answers as the mock gives them', async () => {
  rewrite = (xml) => xml
  await expect(verify()).resolves.toBeUndefined()
})

it('passes a provider that uses other prefixes and a default namespace', async () => {
  rewrite = otherPrefixes
  expect(otherPrefixes('<ns1:a xmlns:ns1="u"/>')).toBe('<a xmlns="u"/>')
  await expect(verify()).resolves.toBeUndefined()
})

it('passes other generated values: handles, dates and reasons of the same form', async () => {
  rewrite = (xml) =>
    otherPrefixes(xml)
      .replace(/j\|101\|([^|<]*)\|/g, 'j|2101||$1-1376682217351|54091')
      .replace(/2030-01-01T00:00:0(\d)\.\d{3}\+00:00/g, '2031-07-15T12:30:4$1Z')
      .replace(/(<reason[^>]*>)[^<]*/g, '$1Not allowed')
  await expect(verify()).resolves.toBeUndefined()
})

it('fails a jobHandle of the wrong form', async () => {
  rewrite = (xml) => otherPrefixes(xml).replace(/<jobHandle>[^<]*</g, '<jobHandle>job-42<')
  await expect(verify()).rejects.toThrow(/Expected 'job-42' to match/)
})

it('fails a changed value the contract pins (a fault code)', async () => {
  rewrite = (xml) => otherPrefixes(xml).replace('>20003<', '>20004<')
  await expect(verify()).rejects.toThrow(/Expected '20004' to be equal to '20003'/)
})
