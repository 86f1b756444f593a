import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { readFile } from 'node:fs/promises'
import { afterEach, expect, it, vi } from 'vitest'

// Each case spawns the CLI from source, which takes a second or two on a busy machine.
vi.setConfig({ testTimeout: 30_000 })
import { submitJobRequest } from './support/requests.js'
import { read } from './support/soap.js'

let child: ChildProcess | undefined
afterEach(() => {
  child?.kill('SIGKILL')
  child = undefined
})

/** Starts `ips-mock` from source and resolves with everything it printed once it listens. */
async function start(...args: string[]): Promise<string> {
  child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: new URL('..', import.meta.url),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  for await (const chunk of child.stdout as NodeJS.ReadableStream) {
    output += chunk.toString()
    if (output.includes('Demo logins:') || output.includes('Users:')) break
  }
  return output
}

/** Runs `ips-mock` from source to its exit; resolves with the exit code and what it wrote to stderr. */
async function fail(...args: string[]): Promise<{ code: number | null; stderr: string }> {
  const run = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: new URL('..', import.meta.url),
  })
  let stderr = ''
  run.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const [code] = await once(run, 'exit')
  return { code, stderr }
}

it('serves the demo seed on a free port, answers the README curl example and stops on SIGTERM', async () => {
  const printed = await start('serve', '--port', '0', '--quiet')
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+\/scene7)/.exec(printed)?.[1]
  expect(url).toBeDefined()
  expect(printed).toContain('user@demo-co.test / demo-user-pass (IpsUser)')
  expect(printed).toContain(`WSDL:         ${url}/webservice/IpsApi-2014-04-03.wsdl`)

  const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8')
  const body = /--data '([\s\S]*?)'\n```/.exec(readme)?.[1] as string
  const response = await fetch(`${url}/services/IpsApiService`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=UTF-8', soapaction: 'submitJob' },
    body,
  })
  const answer = await read(response)
  expect(answer.body.submitJobReturn).toEqual({ jobHandle: 'j|101|My Test Job|' })
  expect(readme).toContain(answer.xml)

  const exited = once(child as ChildProcess, 'exit')
  child?.kill('SIGTERM')
  const [code] = await exited
  expect(code).toBe(0)
})

it('prints users but no passwords for a custom seed, and refuses bad options', async () => {
  const printed = await start(
    'serve',
    '--port',
    '0',
    '--quiet',
    '--seed-file',
    'test/support/seed.json',
  )
  expect(printed).toContain('ci@acme.test (IpsUser)')
  expect(printed).not.toContain('acme-secret')
  child?.kill('SIGKILL')

  expect(await fail('serve', '--port', 'abc')).toEqual({
    code: 2,
    stderr:
      '[ips-mock] Failed to read the command line: --port must be a whole number from 0 to 65535, got "abc". Run "ips-mock serve --help" for the options.\n',
  })
  expect(await fail('serve', '--time-zone', 'Mars/Olympus')).toEqual({
    code: 1,
    stderr: '[ips-mock] Failed to create the mock: "Mars/Olympus" is not an IANA time zone.\n',
  })
})

it('guards the admin API with --admin-token', async () => {
  const printed = await start('serve', '--port', '0', '--quiet', '--admin-token', 'tok-123')
  const origin = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(printed)?.[1]
  const call = (headers: Record<string, string>) =>
    fetch(`${origin}/__admin/provider-states`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ state: 'a job is scheduled' }),
    })
  expect((await call({})).status).toBe(401)
  const allowed = await call({ authorization: 'Bearer tok-123' })
  expect(allowed.status).toBe(200)
  expect(await allowed.json()).toEqual({ jobHandle: 'j|101|scheduled job|' })
})

it('takes --no-fault-header and --journal-capacity', async () => {
  const printed = await start(
    'serve',
    '--port',
    '0',
    '--quiet',
    '--no-fault-header',
    '--journal-capacity',
    '1',
  )
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+)\/scene7/.exec(printed)?.[1] as string
  for (const jobName of ['first', 'second']) {
    const response = await fetch(`${url}/scene7/services/IpsApiService`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml', 'x-ips-mock-fault': 'fault=30000' },
      body: submitJobRequest('optimizeImagesJob', 'minimal', { jobName }),
    })
    expect((await read(response)).fault).toBeUndefined()
  }
  const journal = await (await fetch(`${url}/__admin/journal`)).json()
  expect(journal.map((entry: { params: { jobName: string } }) => entry.params.jobName)).toEqual([
    'second',
  ])
})

it('takes --retain-jobs: finished runs beyond it are forgotten, oldest first', async () => {
  const printed = await start('serve', '--port', '0', '--quiet', '--retain-jobs', '1')
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+)\/scene7/.exec(printed)?.[1] as string
  const admin = (path: string) =>
    fetch(`${url}/__admin${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
  for (const jobName of ['first', 'second']) {
    await fetch(`${url}/scene7/services/IpsApiService`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: submitJobRequest('optimizeImagesJob', 'minimal', { jobName }),
    })
    expect((await admin('/jobs/run-until-idle')).status).toBe(200)
  }
  const jobs = await (await fetch(`${url}/__admin/jobs`)).json()
  expect(jobs.map((job: { name: string; state: string }) => [job.name, job.state])).toEqual([
    ['second', 'Done'],
  ])
})
