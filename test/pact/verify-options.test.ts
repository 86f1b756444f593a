// `verify` says what it does: it verifies the pacts of one provider (--provider, default
// scene7-ips) and names the others it skips, fails a pact it could only pass vacuously (no
// interactions) or cannot read (an unknown specification version), and sums up each pact.
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it, vi } from 'vitest'
import { type PactResult, verifyPacts } from '../../src/contract/verify.js'
import { faultInteraction, type IpsInteraction, ipsInteraction } from '../../src/pact.js'

vi.setConfig({ testTimeout: 60_000 })
process.env.PACT_DO_NOT_TRACK = 'true'

const root = mkdtempSync(join(tmpdir(), 'ips-verify-options-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** A V4 pact file as pact-js writes it, from built interactions. */
function pactOf(
  consumer: string,
  provider: string,
  interactions: IpsInteraction[],
  version = '4.0',
) {
  return {
    consumer: { name: consumer },
    provider: { name: provider },
    interactions: interactions.map((interaction) => ({
      type: 'Synchronous/HTTP',
      description: interaction.description,
      providerStates: interaction.states,
      request: {
        method: interaction.request.method,
        path: interaction.request.path,
        headers: { 'Content-Type': ['text/xml; charset=utf-8'] },
        body: { content: interaction.request.body, contentType: 'application/xml', encoded: false },
      },
      response: {
        status: interaction.response.status,
        body: {
          content: interaction.response.body,
          contentType: 'application/xml',
          encoded: false,
        },
        matchingRules: {
          body: Object.fromEntries(
            interaction.response.rules.map(({ path, rules }) => [
              path,
              {
                matchers: rules.map(({ 'pact:matcher:type': match, ...rest }) => ({
                  match,
                  ...rest,
                })),
              },
            ]),
          ),
        },
      },
    })),
    metadata: { pactSpecification: { version } },
  }
}

function write(dir: string, name: string, pact: unknown): string {
  mkdirSync(dir, { recursive: true })
  const file = join(dir, name)
  writeFileSync(file, JSON.stringify(pact))
  return file
}

const dam = pactOf('acme-dam', 'scene7-ips', [ipsInteraction('getUserInfo')])
const portal = pactOf('acme-portal', 'scene7-ips', [
  ipsInteraction('checkLogin'),
  faultInteraction(10001, { operation: 'getCompanyInfo' }),
])
const renamed = pactOf('acme-old', 'Scene7 IPS', [ipsInteraction('getCompanyMembership')])

it('verifies the pacts of scene7-ips, names the others it skips, sums up each pact', async () => {
  const dir = join(root, 'mixed')
  write(dir, 'a-dam.json', dam)
  write(dir, 'b-old.json', renamed)
  write(dir, 'c-portal.json', portal)
  const results: PactResult[] = []
  const warnings: string[] = []
  await verifyPacts({
    pacts: [dir],
    onResult: (result) => results.push(result),
    onWarning: (message) => warnings.push(message),
  })
  expect(warnings).toEqual([
    `[ips-mock] Skipping 1 pact for other providers: "Scene7 IPS" (${join(dir, 'b-old.json')}). Pass --provider <name> to verify them.`,
  ])
  expect(
    results.map(({ consumer, interactions, failed }) => [consumer, interactions, failed]),
  ).toEqual([
    ['acme-dam', 1, []],
    ['acme-portal', 2, []],
  ])
})

it('verifies them with --provider, and fails when no pact names the provider', async () => {
  const file = write(join(root, 'renamed'), 'old.json', renamed)
  await expect(verifyPacts({ pacts: [file] })).rejects.toThrow(
    `[ips-mock] Failed to verify: no pact names the provider "scene7-ips"; found "Scene7 IPS" (${file}). Pass --provider <name> to verify a pact written for another provider name.`,
  )
  const results: PactResult[] = []
  await verifyPacts({ pacts: [file], provider: 'Scene7 IPS', onResult: (r) => results.push(r) })
  expect(results).toMatchObject([{ consumer: 'acme-old', provider: 'Scene7 IPS', failed: [] }])
})

it('fails a pact without interactions instead of passing it vacuously', async () => {
  const file = write(join(root, 'empty'), 'empty.json', pactOf('acme-empty', 'scene7-ips', []))
  await expect(verifyPacts({ pacts: [file] })).rejects.toThrow(
    `[ips-mock] Failed to verify "${file}": the pact has no interactions, so it would verify nothing. Check that the consumer tests ran and wrote it.`,
  )
})

it('fails a pact of a specification version Pact does not know', async () => {
  const pact = pactOf('acme-future', 'scene7-ips', [ipsInteraction('getUserInfo')], '5.0')
  const file = write(join(root, 'future'), 'future.json', pact)
  await expect(verifyPacts({ pacts: [file] })).rejects.toThrow(
    `[ips-mock] Failed to verify "${file}": its specification version "5.0" is not one Pact knows (1.0 to 4.0).`,
  )
})

it('prints a line per pact and the skipped ones from the command line; a failing pact fails it', async () => {
  const dir = join(root, 'cli')
  write(dir, 'a-dam.json', dam)
  write(dir, 'b-old.json', renamed)
  const wrong = pactOf('acme-wrong', 'scene7-ips', [
    ipsInteraction('getUserInfo', {
      description: 'getUserInfo expecting another email',
      returns: { userInfo: { email: 'someone-else@demo-co.test' } },
    }),
  ])
  write(dir, 'c-wrong.json', wrong)
  const { code, stdout, stderr } = await cli(['verify', '--pact', dir])
  expect(stderr).toContain(
    `[ips-mock] Skipping 1 pact for other providers: "Scene7 IPS" (${join(dir, 'b-old.json')})`,
  )
  expect(stdout).toContain(
    `[ips-mock] acme-dam → scene7-ips (${join(dir, 'a-dam.json')}): 1 interaction verified\n`,
  )
  expect(stdout).toContain(
    `[ips-mock] acme-wrong → scene7-ips (${join(dir, 'c-wrong.json')}): 1 of 1 interactions failed: "getUserInfo expecting another email" (Expected 'user@demo-co.test' to be equal to 'someone-else@demo-co.test')`,
  )
  expect(stdout).not.toContain('Every interaction verified')
  expect(code).toBe(1)
})

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: new URL('../..', import.meta.url),
      env: { ...process.env, PACT_DO_NOT_TRACK: 'true' },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}
