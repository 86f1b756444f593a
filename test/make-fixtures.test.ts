// `npm run fixtures` never overwrites an expected file silently: it shows the diff and needs --accept.
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'

const dir = mkdtempSync(join(tmpdir(), 'ips-mock-fixtures-test-'))
cpSync('fixtures/submitJob', dir, { recursive: true })
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/make-fixtures.ts', ...args], {
    env: { ...process.env, IPS_FIXTURES_DIR: dir },
    encoding: 'utf8',
  })

const target = join(dir, 'exportJob.minimal.response.xml')

it('shows a changed response as a diff, exits 1 and leaves the file alone', () => {
  const original = readFileSync(target, 'utf8')
  const edited = original.replace('exportJob job|', 'exportJob job (edited)|')
  writeFileSync(target, edited)
  writeFileSync(join(dir, 'stale.response.xml'), '<x/>')
  const result = run()
  expect(result.status).toBe(1)
  expect(result.stdout).toContain('--- exportJob.minimal.response.xml (on disk)')
  expect(result.stdout).toContain('-<ns1:jobHandle>j|101|exportJob job (edited)|</ns1:jobHandle>')
  expect(result.stdout).toContain('+<ns1:jobHandle>j|101|exportJob job|</ns1:jobHandle>')
  expect(result.stdout).toContain('no case names: stale.response.xml')
  expect(readFileSync(target, 'utf8')).toBe(edited)
  expect(readFileSync(join(dir, 'stale.response.xml'), 'utf8')).toBe('<x/>')
}, 60_000)

it('writes the change with --accept, and never touches expected.json', () => {
  const expectedBefore = readFileSync(join(dir, 'expected.json'), 'utf8')
  const result = run('--accept')
  expect(result.status).toBe(0)
  expect(readFileSync(target, 'utf8')).toContain(
    '<ns1:jobHandle>j|101|exportJob job|</ns1:jobHandle>',
  )
  expect(result.stdout).toContain('removed: stale.response.xml')
  expect(readFileSync(join(dir, 'expected.json'), 'utf8')).toBe(expectedBefore)
  expect(run().status).toBe(0)
}, 60_000)
