// Every code block of the README, run as printed (or, where it cannot run here, checked against
// what it relies on). A block carries `<!-- snippet: name -->` on the line above it; a block
// without a marker, or a marker without a check below, fails the first test.
import { spawn } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createIpsMock, IpsMockError } from '../src/index.js'
import { parseFaultHeader } from '../src/injection/header.js'
import { type RunningServer, startServer } from '../src/server.js'
import type { SeedData } from '../src/store/seed.js'
import {
  type Command,
  curlRequest,
  readmeSnippets,
  readmeText,
  runFragment,
  shellCommands,
  type Snippet,
  typeCheckFragments,
} from './support/readme.js'
import {
  envelope,
  NS_2014,
  sendTo,
  submitJobParam,
  submitJobRequest,
  uploadUrlsRequest,
} from './support/requests.js'
import { read } from './support/soap.js'

vi.setConfig({ testTimeout: 120_000 })

const root = new URL('..', import.meta.url).pathname
const snippets = readmeSnippets()
const snippet = (name: string): Snippet => {
  const found = snippets.find((block) => block.name === name)
  if (!found) throw new Error(`README has no snippet "${name}"`)
  return found
}
const commands = (name: string): Command[] => shellCommands(snippet(name).code)
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))

const dir = mkdtempSync(join(tmpdir(), 'ips-readme-'))
let server: RunningServer
beforeAll(async () => {
  server = await startServer({ port: 0, logLevel: 'silent' })
})
afterAll(async () => {
  await server.close()
  rmSync(dir, { recursive: true, force: true })
})
const origin = () => new URL(server.url).origin

interface Run {
  code: number | null
  output: string
}

/** Every CLI process a check started; those still running when the file ends are killed. */
const children = new Set<ReturnType<typeof spawn>>()
afterAll(() => {
  for (const child of children) child.kill('SIGKILL')
})

const spawnCli = (argv: string[], cwd = root, env: Record<string, string> = {}) => {
  const child = spawn(
    process.execPath,
    [
      '--import',
      join(root, 'node_modules/tsx/dist/loader.mjs'),
      join(root, 'src/cli/main.ts'),
      ...argv,
    ],
    {
      cwd,
      env: { ...process.env, PACT_DO_NOT_TRACK: 'true', ...env },
    },
  )
  children.add(child)
  child.on('close', () => children.delete(child))
  return child
}

/** Runs the CLI from source to its exit. */
function cli(
  argv: string[],
  options: { env?: Record<string, string>; cwd?: string } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(argv, options.cwd, options.env)
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, output }))
  })
}

/** Starts `serve` from source; resolves with its banner and origin once it lists its logins. */
async function served(argv: string[], until: RegExp, cwd = root) {
  const child = spawnCli(argv, cwd)
  const stopped = new Promise((resolve) => child.on('close', resolve))
  // Reads stdout for as long as the server runs: a closed pipe would end it at its next log line.
  let banner = ''
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      banner += chunk.toString()
      if (until.test(banner)) resolve()
    })
    child.on('close', () => reject(new Error(`serve exited:\n${banner}`)))
  })
  const origin = /listening on (http:\/\/[^/\s]+)/.exec(banner)?.[1]
  const stop = async () => {
    child.kill('SIGTERM')
    await stopped
  }
  return { banner, origin: origin?.replace('0.0.0.0', '127.0.0.1'), stop }
}

/** `npx ips-mock …` as a CLI argument list, `--port 8080` made `--port 0` so it never collides. */
function ipsMockArgs(command: Command): string[] {
  expect(command.argv.slice(0, 2)).toEqual(['npx', 'ips-mock'])
  return command.argv.slice(2).map((arg, index, all) => (all[index - 1] === '--port' ? '0' : arg))
}

/** The job handle a submitJob answer carries. */
async function submitted(response: Response): Promise<string> {
  const answer = await read(response)
  expect(answer.fault, answer.fault?.reason).toBeUndefined()
  return (answer.body.submitJobReturn as { jobHandle: string }).jobHandle
}

const fragments = {
  'store-write': 'mock: IpsMock',
  journal: 'mock: IpsMock',
  'faults-inject': 'mock: IpsMock',
  clock: '',
  scenarios: 'mock: IpsMock, jobHandle: string',
  errors: 'mock: IpsMock',
} as const

it('marks every block with a snippet name that a check below runs', () => {
  const unmarked = snippets.filter((block) => block.name === '').map((block) => block.line)
  expect(unmarked, 'README lines of blocks without <!-- snippet: … -->').toEqual([])
  const names = snippets.map((block) => block.name)
  expect(new Set(names).size, 'snippet names are unique').toBe(names.length)
  const examples = names.filter((name) => name.startsWith('example:'))
  expect([...examples, ...Object.keys(checks)].sort()).toEqual([...names].sort())
})

it('type-checks every TypeScript fragment against the package types', () => {
  const diagnostics = typeCheckFragments(
    Object.entries(fragments).map(([name, params]) => ({ name, params, code: snippet(name).code })),
  )
  expect(diagnostics).toEqual([])
})

describe.each(snippets.filter((block) => block.name.startsWith('example:')))(
  'the block quoting $name',
  (block) => {
    it('is the example file as it is (the example runs in its own test)', () => {
      const text = readFileSync(join(root, block.name.slice('example:'.length)), 'utf8')
      expect(block.code).toBe(text.trimEnd())
    })
  },
)

const checks: Record<string, () => Promise<void>> = {
  async 'quick-start'() {
    const lines = commands('quick-start').map((command) => command.argv.join(' '))
    expect(lines).toEqual(['npm ci', 'npm start', 'npm ci', 'npm test'])
    expect(packageJson.scripts.test).toContain('vitest run')
    // `npm start` is the built CLI's serve; its banner names the URL the comment gives.
    expect(packageJson.scripts.start).toBe('node dist/cli/ips-mock.js serve')
    const run = await cli(['serve', '--help'])
    expect(run.output).toMatch(/--port <n>\s.*default 8080/)
    expect(run.output).toMatch(/--base-path <path>\s.*default \/scene7/)
  },

  async 'submit-curl'() {
    const [command] = commands('submit-curl')
    const response = await fetch(curlRequest((command as Command).argv, origin()))
    expect(await response.text()).toBe(snippet('submit-answer').code)
  },

  async 'submit-answer'() {
    // The answer the quick start prints; the curl check above compares it byte for byte.
    expect(snippet('submit-answer').code).toMatch(/^<\?xml .*<ns1:jobHandle>j\|101\|My Test Job\|</)
  },

  async install() {
    const [command] = commands('install')
    expect(command?.argv).toEqual(['npm', 'install', '--save-dev', 'ips-mock', 'msw'])
    expect(packageJson.name).toBe('ips-mock')
    // "msw only for the in-process handlers": an optional peer, never a dependency.
    expect(packageJson.peerDependenciesMeta.msw.optional).toBe(true)
    expect(packageJson.dependencies.msw).toBeUndefined()
  },

  async seed() {
    const seed = JSON.parse(snippet('seed').code) as SeedData
    const mock = createIpsMock({ seed })
    const body = uploadUrlsRequest('from the README seed')
      .replace('c|101', 'c|7')
      .replace('user@demo-co.test', 'ci@acme.test')
      .replace('demo-user-pass', 'secret')
    expect(await submitted(await sendTo(mock, body))).toBe('j|7|from the README seed|')
  },

  async 'store-write'() {
    const mock = createIpsMock()
    await runFragment(snippet('store-write').code, { mock })
    const as = (password: string) =>
      sendTo(mock, uploadUrlsRequest('after the rotation').replace('demo-user-pass', password))
    expect((await read(await as('demo-user-pass'))).fault?.code).toBe(10001)
    expect(await submitted(await as('rotated'))).toBe('j|101|after the rotation|')
  },

  async journal() {
    const mock = createIpsMock()
    await submitted(await sendTo(mock, uploadUrlsRequest('nightly import')))
    expect(
      mock.journal.find({ operation: 'submitJob', params: { jobName: /^nightly/ } }),
    ).toHaveLength(1)
    await runFragment(snippet('journal').code, { mock })
    expect(mock.journal.count({})).toBe(0) // its last line clears it
  },

  async 'faults-inject'() {
    const mock = createIpsMock()
    await runFragment(snippet('faults-inject').code, { mock })
    expect(mock.faults.list()).toHaveLength(4)
    const first = await read(await sendTo(mock, uploadUrlsRequest('one')))
    expect(first.fault).toBeUndefined()
  },

  async 'fault-header'() {
    const [command] = commands('fault-header')
    const header = (command as Command).argv[(command as Command).argv.indexOf('-H') + 1] as string
    expect(header).toBe('X-Ips-Mock-Fault: fault=10001')
    // "curl …": the quick start's submit, with the header added.
    const [submit] = commands('submit-curl')
    const request = curlRequest([...(submit as Command).argv, '-H', header], origin())
    expect((await read(await fetch(request))).fault?.code).toBe(10001)
    const others = /# or (.*)$/.exec(snippet('fault-header').code)?.[1]?.split(', ') ?? []
    expect(others).toEqual(['status=503', 'delay=200', 'delay=100-300', 'reset', 'garbage', 'hang'])
    for (const value of others) expect(() => parseFaultHeader(value), value).not.toThrow()
  },

  async binary() {
    const [command] = commands('binary')
    expect(command?.argv).toEqual(['./dist/bin/ips-mock', 'serve', '--port', '0'])
    // The binary is built and run by the system test (npm run test:system, in .ci/run).
    const test = readFileSync(join(root, 'test/system/binary.test.ts'), 'utf8')
    expect(test).toContain("serve(['serve', '--port', '0'], binary")
    expect(readFileSync(join(root, 'scripts/build-binary.mjs'), 'utf8')).toContain(
      'dist/bin/ips-mock',
    )
  },

  async testcontainers() {
    // Containers cannot run here: the same command runs without one, and the paths it names answer.
    const java = snippet('testcontainers').code
    const args = [...(/withCommand\(([^)]*)\)/.exec(java)?.[1]?.matchAll(/"([^"]*)"/g) ?? [])].map(
      (match) => match[1] as string,
    )
    expect(args).toEqual([
      'serve',
      '--host',
      '0.0.0.0',
      '--port',
      '8080',
      '--admin-token',
      'ci-token',
    ])
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8')
    expect(dockerfile).toMatch(/^EXPOSE 8080$/m)
    expect(java).toContain('.withExposedPorts(8080)')
    const started = await served(
      args.map((arg, index) => (args[index - 1] === '--port' ? '0' : arg)),
      /user@other-co\.test/,
    )
    try {
      expect(started.banner).toContain('Admin API:')
      const wait = /forHttp\("([^"]+)"\)/.exec(java)?.[1] as string
      expect((await fetch(`${started.origin}${wait}`)).status).toBe(200)
      const service = /base \+ "([^"]+)";\s+\/\/ for the JAX-WS client/.exec(java)?.[1] as string
      const body = uploadUrlsRequest('from a container')
      const headers = { 'content-type': 'text/xml' }
      await submitted(await fetch(`${started.origin}${service}`, { method: 'POST', body, headers }))
      const token = /Authorization: Bearer ([\w-]+)/.exec(java)?.[1]
      const admin = await fetch(`${started.origin}/__admin/clock`, {
        headers: { authorization: `Bearer ${token}`, host: 'ips.example.test' },
      })
      expect(admin.status).toBe(200) // the token opens the admin API to any host name
    } finally {
      await started.stop()
    }
  },

  async serve() {
    const [command] = commands('serve')
    writeFileSync(join(dir, 'seed.json'), snippet('seed').code)
    const started = await served(ipsMockArgs(command as Command), /ci@acme\.test.*\n/, dir)
    await started.stop()
    expect(started.banner).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+\/scene7/)
    expect(started.banner).toContain('ci@acme.test (IpsUser)')
  },

  async architecture() {
    // The diagram names the pipeline's steps in the order src/core/pipeline.ts runs them.
    const steps = {
      'fault header': 'readFaultHeader(',
      'read + parse': 'parseEnvelope(',
      resolve: 'resolve(',
      SOAPAction: 'checkAction(',
      options: 'readOptions(',
      'fault gate': 'passGate(',
      identify: 'identify(',
      authenticate: 'authenticate(',
      authorise: 'authorise(',
      validate: 'validate(',
      run: 'run(',
    }
    const diagram = snippet('architecture').code
    const drawn = diagram
      .split('\n')
      .filter((line) => line.includes(' → '))
      .flatMap((line) => line.split(/→|──►/).map((part) => part.trim()))
      .filter((part) => part in steps)
    expect(drawn).toEqual(Object.keys(steps))
    const source = readFileSync(join(root, 'src/core/pipeline.ts'), 'utf8')
    const body = source.slice(source.indexOf('async function pipeline('))
    const at = Object.values(steps).map((call) => body.indexOf(call))
    expect(at.every((index) => index > 0)).toBe(true)
    expect([...at].sort((a, b) => a - b)).toEqual(at)
    expect(diagram).toContain('respond(outcome, codec)')
  },

  async errors() {
    const logged: unknown[] = []
    const mock = createIpsMock()
    await runFragment(snippet('errors').code, {
      mock,
      IpsMockError,
      console: { log: (value: unknown) => logged.push(value) },
    })
    expect(logged).toEqual(['not a date'])
  },

  async clock() {
    const mock = (await runFragment(
      snippet('clock').code,
      { createIpsMock },
      'return mock',
    )) as ReturnType<typeof createIpsMock>
    expect(mock.clock.now().toISOString()).toBe('2030-01-01T00:00:30.000Z')
  },

  async scenarios() {
    const code = snippet('scenarios').code.split('\n')
    const release = code.findIndex((line) => line.includes('mock.release('))
    const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z' })
    await runFragment(code.slice(0, release).join('\n'), { mock })
    // The `next` rules take the next runs in turn: errors, fatal, then (UrlUpload runs matching
    // the `duration` rule first) the hold for a run of another type.
    const handles: string[] = []
    for (const name of ['errors', 'fatal']) {
      handles.push(await submitted(await sendTo(mock, uploadUrlsRequest(name))))
    }
    handles.push(await submitted(await sendTo(mock, submitJobRequest('imageServingPublishJob'))))
    mock.clock.advance('1h')
    await mock.settle()
    expect(mock.store.job(handles[2] as string)?.state).toBe('Running')
    await runFragment(code.slice(release).join('\n'), { mock, jobHandle: handles[2] })
    await mock.runUntilIdle()
    expect(mock.store.job(handles[2] as string)?.state).toBe('Done')
  },

  async 'scenarios-admin'() {
    await server.mock.reset()
    const answers: Response[] = []
    for (const [index, command] of commands('scenarios-admin').entries()) {
      if (index === 2) {
        // The held run the release names: a job called "nightly".
        const body = uploadUrlsRequest('nightly')
        await submitted(
          await fetch(server.serviceUrl, {
            method: 'POST',
            body,
            headers: { 'content-type': 'text/xml' },
          }),
        )
      }
      const response = await fetch(curlRequest(command.argv, origin()))
      expect(response.status, command.argv.join(' ')).toBeLessThan(300)
      answers.push(response)
    }
    expect(answers).toHaveLength(5)
    expect(await answers[3]?.json()).toMatchObject({ id: 'snap-1' })
  },

  async 'verify-own'() {
    const [install, verify, list] = commands('verify-own')
    expect(install?.argv).toEqual([
      'npm',
      'install',
      '--save-dev',
      'ips-mock',
      '@pact-foundation/pact@16',
    ])
    expect(packageJson.peerDependencies['@pact-foundation/pact']).toBe('^16')
    cpSync(join(root, 'contracts'), join(dir, 'pacts'), { recursive: true })
    const verified = await cli(ipsMockArgs(verify as Command), { cwd: dir })
    expect(verified.code, verified.output).toBe(0)
    expect(verified.output).toMatch(/interactions verified/)
    const states = await cli(ipsMockArgs(list as Command))
    expect(states.code).toBe(0)
    expect(states.output).toContain('the demo seed is loaded')
  },

  async 'verify-real'() {
    // A second mock stands in for the real IPS: it knows only the account the environment names.
    const [command] = commands('verify-real')
    const { env, argv } = command as Command
    expect(Object.keys(env)).toEqual(['IPS_USER', 'IPS_PASSWORD', 'IPS_COMPANY_HANDLE'])
    const seed: SeedData = {
      companies: [{ name: 'real-co', handle: env.IPS_COMPANY_HANDLE }],
      users: [
        {
          email: env.IPS_USER as string,
          password: 'real-secret',
          role: 'IpsUser',
          companies: ['real-co'],
        },
      ],
    }
    const real = await startServer({ port: 0, logLevel: 'silent', seed })
    try {
      const args = ipsMockArgs({ env, argv }).map((arg) =>
        arg === 'https://s7sps1apissl.scene7.com' ? new URL(real.url).origin : arg,
      )
      const run = await cli(args, {
        env: {
          ...env,
          IPS_PASSWORD: 'real-secret',
          PACT_PROVIDER_STATE: 'the demo seed is loaded',
        },
      })
      expect(run.output).not.toContain('real-secret')
      expect(real.mock.journal.count({ faultCode: 10001 })).toBe(0) // the credentials were replaced
      expect(real.mock.journal.count({})).toBeGreaterThan(0)
    } finally {
      await real.close()
    }
  },

  async 'ci-recipe'() {
    const runs = [...snippet('ci-recipe').code.matchAll(/- run: (.*?)\s*(?:#.*)?$/gm)].map(
      (match) => match[1],
    )
    // Each step is a command the README shows elsewhere and checks there.
    expect(runs).toEqual(['npm ci', 'npm test', commands('verify-own')[1]?.argv.join(' ')])
    const node = /node-version: (\d+)/.exec(snippet('ci-recipe').code)?.[1]
    expect(packageJson.engines.node).toMatch(new RegExp(`^>=${node}\\.`))
  },

  async 'version-error'() {
    const mock = createIpsMock()
    const body = envelope(
      submitJobParam(
        { companyHandle: 'c|101', jobName: 'old client', exportJob: {} },
        NS_2014.replace('2014-04-03', '2008-01-15'),
      ),
    )
    const answer = await read(await sendTo(mock, body))
    expect(answer.fault?.reason).toBe(snippet('version-error').code)
  },
}

describe.each(Object.keys(checks))('the snippet %s', (name) => {
  it('runs as printed', async () => {
    await checks[name]?.()
  })
})

it('has no marker that names no block', () => {
  const markers = [...readmeText.matchAll(/<!-- snippet: (\S+) -->\n(.*)/g)]
  for (const [, name, next] of markers) expect(next, name).toMatch(/^```/)
})
