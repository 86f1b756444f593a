// The single executable (npm run build:binary) on a machine without Node: it runs with a PATH
// that has no `node`, serves on a free port and takes a job over SOAP.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtempSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type ServedProcess, serve, submitJob } from './serve.js'

const repo = fileURLToPath(new URL('../..', import.meta.url))
const binary = join(repo, 'dist/bin/ips-mock')
let server: ServedProcess | undefined

/** A PATH of only the tools a shell needs, and no node. */
function pathWithoutNode(): string {
  const bin = mkdtempSync(join(tmpdir(), 'ips-mock-no-node-'))
  for (const tool of ['sh', 'ls', 'cat']) {
    const found = execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim()
    symlinkSync(found, join(bin, tool))
  }
  return bin
}

beforeAll(() => {
  if (!existsSync(binary)) {
    execFileSync('npm', ['run', 'build:binary'], { cwd: repo, stdio: 'inherit' })
  }
})
afterAll(() => server?.stop())

it('runs with no node on the PATH: --version, then serve --port 0 takes a job', async () => {
  const PATH = pathWithoutNode()
  expect(() => execFileSync('sh', ['-c', 'command -v node'], { env: { PATH } })).toThrow()
  const env = { PATH, HOME: tmpdir() }

  const { version } = JSON.parse(
    execFileSync('cat', [join(repo, 'package.json')], { encoding: 'utf8' }),
  )
  expect(execFileSync(binary, ['--version'], { env, encoding: 'utf8' })).toBe(`${version}\n`)

  server = await serve(['serve', '--port', '0'], binary, { env })
  expect(server.output()).toContain('Demo logins:')
  const answer = await submitJob(server.serviceUrl, 'from the binary')
  expect(answer.status).toBe(200)
  expect(answer.xml).toContain('<ns1:jobHandle>j|101|from the binary|</ns1:jobHandle>')

  const jobs = await (await fetch(`${server.origin}/__admin/jobs`)).json()
  expect(jobs.map((job: { handle: string }) => job.handle)).toEqual(['j|101|from the binary|'])
  const dashboard = await fetch(`${server.origin}/__admin/`)
  expect(dashboard.status).toBe(200)
  expect(await dashboard.text()).toContain('<title>ips-mock dashboard</title>')
})

it('refuses a wrong option in one line with exit 2, as the node CLI does', () => {
  let failure: { status?: number; stderr?: string } = {}
  try {
    execFileSync(binary, ['serve', '--prot', '1'], { env: { PATH: '' }, encoding: 'utf8' })
  } catch (error) {
    failure = error as { status?: number; stderr?: string }
  }
  expect(failure.status).toBe(2)
  expect(failure.stderr).toBe(
    `[ips-mock] Failed to read the command line: unknown option '--prot'. Did you mean '--port'? Run "ips-mock serve --help" for the options.\n`,
  )
})
