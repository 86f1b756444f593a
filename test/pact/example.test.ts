// examples/pact-consumer as a user runs it: its consumer test (vitest, ips-mock/pact from the
// package's exports) writes a pact, `ips-mock verify` holds it against a fresh mock, and the same
// pact with one expectation changed to what the mock does not answer fails.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, expect, it, vi } from 'vitest'

vi.setConfig({ testTimeout: 120_000 })

const repo = fileURLToPath(new URL('../..', import.meta.url))
const example = join(repo, 'examples/pact-consumer')
const pacts = mkdtempSync(join(tmpdir(), 'ips-pact-example-'))
afterAll(() => rmSync(pacts, { recursive: true, force: true }))
const pactFile = join(pacts, 'acme-dam-scene7-ips.json')

function run(args: string[], cwd: string): Promise<{ code: number; output: string }> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(npm_|VITEST)/i.test(key)),
  )
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd, env: { ...env, PACT_DIR: pacts, PACT_DO_NOT_TRACK: 'true' } },
      (error, stdout, stderr) => {
        const code = error ? ((error as { code?: number }).code ?? 1) : 0
        resolve({ code, output: `${stdout}${stderr}` })
      },
    )
  })
}

const verify = (file: string) =>
  run([join(repo, 'dist/cli/ips-mock.js'), 'verify', '--pact', file], example)

it('writes the pact with its consumer test', async () => {
  const vitest = join(repo, 'node_modules/vitest/vitest.mjs')
  const { code, output } = await run([vitest, 'run', '--root', example], example)
  expect(output).toContain('3 passed')
  expect(code).toBe(0)
  const pact = JSON.parse(readFileSync(pactFile, 'utf8'))
  expect(
    pact.interactions.map((interaction: { description: string }) => interaction.description).sort(),
  ).toEqual([
    'getActiveJobs answered with fault 10001 (AUTHENTICATION_FAULT_CODE_INVALID_CREDENTIALS)',
    'getActiveJobs of the running spring catalog job',
    'submitJob of optimizeImagesJob "spring catalog"',
  ])
})

it('verifies it against a fresh mock', async () => {
  const { code, output } = await verify(pactFile)
  expect(output).toContain(
    `[ips-mock] acme-dam → scene7-ips (${pactFile}): 3 interactions verified`,
  )
  expect(output).toContain('[ips-mock] Every interaction verified.')
  expect(code).toBe(0)
})

it('fails it when an expectation is one the mock does not meet', async () => {
  const pact = JSON.parse(readFileSync(pactFile, 'utf8'))
  const poll = pact.interactions.find((interaction: { description: string }) =>
    interaction.description.startsWith('getActiveJobs of'),
  )
  poll.response.body.content = poll.response.body.content.replace('>Running<', '>Done<')
  const wrong = join(pacts, 'wrong', 'acme-dam-scene7-ips.json')
  rmSync(join(pacts, 'wrong'), { recursive: true, force: true })
  await import('node:fs/promises').then((fs) => fs.mkdir(join(pacts, 'wrong')))
  writeFileSync(wrong, JSON.stringify(pact))
  const { code, output } = await verify(wrong)
  expect(output).toContain(
    `1 of 3 interactions failed: "getActiveJobs of the running spring catalog job" (Expected 'Running' to be equal to 'Done')`,
  )
  expect(code).toBe(1)
})
