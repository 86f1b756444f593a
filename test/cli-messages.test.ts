// What the CLI says when it is used wrongly or cannot start: one line, no stack, exit 2 for a
// wrong command line and 1 for a failure while running; and what it logs per request.
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer, type Server } from 'node:net'
import type { AddressInfo } from 'node:net'
import { readFile } from 'node:fs/promises'
import { afterEach, expect, it, vi } from 'vitest'
import { submitJobRequest } from './support/requests.js'

vi.setConfig({ testTimeout: 60_000 })

const cwd = new URL('..', import.meta.url)
const children: ChildProcess[] = []
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL')
})

/** Runs the CLI from source to its exit. */
async function cli(
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd })
  children.push(child)
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const [code] = await once(child, 'exit')
  return { code, stdout, stderr }
}

/** Starts `serve` and resolves with its child, its output so far and its origin. */
async function serve(...args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', ...args], {
    cwd,
  })
  children.push(child)
  const lines: string[] = []
  let buffered = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString()
    const parts = buffered.split('\n')
    buffered = parts.pop() ?? ''
    lines.push(...parts)
  })
  while (!lines.some((line) => line.startsWith('  Demo logins:'))) {
    if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  const origin = /listening on (http:\/\/[^/]+)\//.exec(lines.join('\n'))?.[1] as string
  return { child, lines, origin }
}

const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'))

it.each([
  [['--version'], version],
  [['-v'], version],
  [['serve', '--version'], version],
])('prints the version for %j', async (args, printed) => {
  expect(await cli(...args)).toEqual({ code: 0, stdout: `${printed}\n`, stderr: '' })
})

/** The hint that ends every usage error, naming the help that lists what is allowed. */
const help = {
  serve: 'Run "ips-mock serve --help" for the options.',
  verify: 'Run "ips-mock verify --help" for the options.',
  commands: 'Run "ips-mock --help" for the commands.',
}
const wholeNumber = (option: string, least: number, most: number, got: string) =>
  `Failed to read the command line: ${option} must be a whole number from ${least} to ${most}, got "${got}". ${help.serve}`

it.each([
  [
    ['serve', '--prot', '8080'],
    `Failed to read the command line: unknown option '--prot'. Did you mean '--port'? ${help.serve}`,
  ],
  [
    ['--prot', '8080'],
    `Failed to read the command line: unknown option '--prot'. Did you mean '--port'? ${help.serve}`,
  ],
  [
    ['serve', '--seed=x.json'],
    `Failed to read the command line: unknown option '--seed'. Did you mean '--seed-file'? ${help.serve}`,
  ],
  [
    ['serve', '--frobnicate'],
    `Failed to read the command line: unknown option '--frobnicate'. ${help.serve}`,
  ],
  [
    ['serv'],
    `Failed to run the command "serv": ips-mock has no such command. Did you mean 'serve'? ${help.commands}`,
  ],
  [
    ['verfy'],
    `Failed to run the command "verfy": ips-mock has no such command. Did you mean 'verify'? ${help.commands}`,
  ],
  [['serve', '--port', '99999'], wholeNumber('--port', 0, 65535, '99999')],
  [['serve', '--port', '-1'], wholeNumber('--port', 0, 65535, '-1')],
  [['serve', '--max-body-bytes', '0'], wholeNumber('--max-body-bytes', 1, 1073741824, '0')],
  [['serve', '--fault-seed', '1.5'], wholeNumber('--fault-seed', 0, 4294967295, '1.5')],
  [
    ['serve', '--log-format', 'jsn'],
    `Failed to read the command line: --log-format must be one of text, json, got "jsn". Did you mean 'json'? ${help.serve}`,
  ],
  [
    ['serve', '--log-level', 'debug'],
    `Failed to read the command line: --log-level must be one of info, silent, got "debug". ${help.serve}`,
  ],
  [
    ['serve', '--port'],
    `Failed to read the command line: option '--port' needs a value. ${help.serve}`,
  ],
  [
    ['serve', 'extra'],
    `Failed to read the command line: unexpected argument 'extra'. ${help.serve}`,
  ],
  [
    ['verify'],
    `Failed to read the command line: no --pact given. Pass at least one --pact <file|dir|url>. ${help.verify}`,
  ],
  [
    ['verify', '--pakt', 'x'],
    `Failed to read the command line: unknown option '--pakt'. Did you mean '--pact'? ${help.verify}`,
  ],
])('refuses %j with one line and exit 2', async (args, message) => {
  expect(await cli(...args)).toEqual({ code: 2, stdout: '', stderr: `[ips-mock] ${message}\n` })
})

it('says a busy port is busy and suggests --port 0 (exit 1)', async () => {
  const busy: Server = createServer()
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve))
  const { port } = busy.address() as AddressInfo
  try {
    expect(await cli('serve', '--port', String(port))).toEqual({
      code: 1,
      stdout: '',
      stderr: `[ips-mock] Failed to start: port ${port} on 127.0.0.1 is already in use. Stop what listens there, or pass --port 0 for any free port.\n`,
    })
  } finally {
    busy.close()
  }
})

it.each(['192.0.2.1', 'no-such-host.invalid'])(
  'says --host %s is not an address of this machine (exit 1)',
  async (host) => {
    expect(await cli('serve', '--port', '0', '--host', host)).toEqual({
      code: 1,
      stdout: '',
      stderr: `[ips-mock] Failed to start: --host ${host} is not an address of this machine. Pass 127.0.0.1 (loopback), 0.0.0.0 (every interface) or one of its addresses.\n`,
    })
  },
)

it('fails a missing seed file in one line (exit 1)', async () => {
  const { code, stderr } = await cli('serve', '--port', '0', '--seed-file', 'no/such/seed.json')
  expect(code).toBe(1)
  expect(stderr).toMatch(
    /^\[ips-mock\] Failed to read the seed file "no\/such\/seed\.json": [^\n]+\n$/,
  )
  expect(stderr).not.toMatch(/\n\s+at /)
})

it('lists the admin API and the dashboard in its banner', async () => {
  const { lines, origin } = await serve('--port', '0', '--quiet')
  expect(lines).toContain(
    `  Admin API:    ${origin}/__admin/openapi.json (OpenAPI 3.1; endpoints under ${origin}/__admin/)`,
  )
  expect(lines).toContain(`  Dashboard:    ${origin}/__admin/`)
  expect(lines[0]).toBe(`ips-mock ${version} listening on ${origin}/scene7`)
})

it('logs each request with an ISO timestamp and the fault reason, as text or as JSON', async () => {
  const body = submitJobRequest('optimizeImagesJob', 'minimal', { jobName: 'logged' })
  const post = (origin: string) =>
    fetch(`${origin}/scene7/services/IpsApiService`, {
      method: 'POST',
      headers: {
        'content-type': 'text/xml',
        'x-ips-mock-fault': 'fault=30000, reason="IPS is busy"',
      },
      body,
    })
  const waitFor = async (lines: string[], count: number) => {
    while (lines.length < count) await new Promise((resolve) => setTimeout(resolve, 20))
  }

  const text = await serve('--port', '0')
  const before = text.lines.length
  await post(text.origin)
  await waitFor(text.lines, before + 1)
  expect(text.lines[before]).toMatch(
    /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z POST \/scene7\/services\/IpsApiService submitJob 500 fault=30000 reason="IPS is busy" \d+\.\dms$/,
  )

  const json = await serve('--port', '0', '--log-format', 'json')
  const start = json.lines.length
  await post(json.origin)
  await waitFor(json.lines, start + 1)
  const line = JSON.parse(json.lines[start] as string)
  expect(line).toEqual({
    time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    method: 'POST',
    path: '/scene7/services/IpsApiService',
    operation: 'submitJob',
    status: 500,
    faultCode: 30000,
    faultReason: 'IPS is busy',
    durationMs: expect.any(Number),
  })
  expect(JSON.stringify(line)).not.toContain('demo-user-pass')
})
