import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { once } from 'node:events'
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest'

// The package as users get it: `npm pack` (its prepare script builds dist), the tarball installed
// into a fresh ESM project, then every subpath, the declarations, the bin and the examples used
// from there. Packing and installing take about ten seconds; each case a few more.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 })

const repo = fileURLToPath(new URL('..', import.meta.url))
const fixture = (name: string) => readFile(join(repo, 'fixtures/submitJob', name), 'utf8')
const execFileAsync = promisify(execFile)

let tmp: string
let app: string
let child: ChildProcess | undefined

/** The environment minus what the surrounding npm and vitest runs set for themselves. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(npm_|VITEST)/i.test(key)),
  )
  return { ...env, ...extra }
}

/** Runs a command to its end; rejects with all it printed if it fails. */
async function run(file: string, args: string[], cwd: string, env = cleanEnv()) {
  try {
    return await execFileAsync(file, args, { cwd, env, maxBuffer: 16 * 1024 * 1024 })
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string }
    throw new Error(`"${file} ${args.join(' ')}" failed in ${cwd}:\n${stdout}${stderr}`, {
      cause: error,
    })
  }
}

/** Spawns a long-running command and resolves with the first match of `ready` in its stdout. */
async function start(file: string, args: string[], ready: RegExp): Promise<RegExpExecArray> {
  child = spawn(file, args, { cwd: app, env: cleanEnv(), stdio: ['ignore', 'pipe', 'inherit'] })
  let output = ''
  for await (const chunk of child.stdout as NodeJS.ReadableStream) {
    output += chunk.toString()
    const match = ready.exec(output)
    if (match) return match
  }
  throw new Error(`"${file} ${args.join(' ')}" ended without printing ${ready}:\n${output}`)
}

/** Stops a process group; it may have ended already. */
function stopGroup(group: number): void {
  try {
    process.kill(-group, 'SIGTERM')
  } catch {
    // ESRCH: nothing left to stop
  }
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

/**
 * Packs a copy of the work tree (so that building dist does not race other tests reading it) and
 * installs the tarball into `app`. Dependencies come from the npm cache when it has them; msw
 * (the optional peer) and the tools the examples need are linked from this repository.
 */
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'ips-mock-packaging-'))
  const stage = join(tmp, 'stage')
  const { stdout: files } = await run(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    repo,
  )
  for (const file of files.split('\0')) {
    if (file && existsSync(join(repo, file))) await cp(join(repo, file), join(stage, file))
  }
  await symlink(join(repo, 'node_modules'), join(stage, 'node_modules'), 'dir')
  await run('npm', ['pack', '--pack-destination', tmp], stage)
  const [tarball] = (await readdir(tmp)).filter((name) => name.endsWith('.tgz'))

  app = join(tmp, 'app')
  await mkdir(app)
  await writeFile(join(app, 'package.json'), '{ "name": "app", "private": true, "type": "module" }')
  const install = ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock']
  await run('npm', [...install, join(tmp, tarball as string)], app)
  for (const name of ['msw', 'soap', 'tsx', 'vitest']) {
    await symlink(join(repo, 'node_modules', name), join(app, 'node_modules', name), 'dir')
  }
})

afterEach(() => {
  child?.kill('SIGKILL')
  child = undefined
})

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true })
})

it('ships every file its exports map, declarations and bin point at', async () => {
  const installed = join(app, 'node_modules/ips-mock')
  const manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8'))
  const subpaths = ['.', './msw', './pact', './server', './testing', './vitest']
  expect(Object.keys(manifest.exports)).toEqual([
    ...subpaths,
    './seed.schema.json',
    './package.json',
  ])
  for (const subpath of subpaths) {
    const { types, default: code } = manifest.exports[subpath]
    expect(types, subpath).toMatch(/\.d\.ts$/)
    expect(existsSync(join(installed, types)), types).toBe(true)
    expect(existsSync(join(installed, code)), code).toBe(true)
  }
  const bin = await readFile(join(installed, manifest.bin['ips-mock']), 'utf8')
  expect(bin.startsWith('#!/usr/bin/env node\n')).toBe(true)
  expect(existsSync(join(installed, 'fixtures/xsd/ips.xsd'))).toBe(true)
  const seedSchema = JSON.parse(
    await readFile(join(installed, manifest.exports['./seed.schema.json']), 'utf8'),
  )
  expect(seedSchema).toMatchObject({ title: 'ips-mock seed', required: ['companies', 'users'] })
  for (const file of ['LICENSE', 'CHANGELOG.md', 'README.md']) {
    expect(existsSync(join(installed, file)), file).toBe(true)
  }
  expect(await readFile(join(installed, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/)
  expect(manifest.license).toBe('MIT')
  expect(manifest.repository.url).toMatch(/^git\+https:\/\/.+\.git$/)
  expect(manifest.homepage).toMatch(/^https:\/\//)
})

it('ships source maps that carry their sources', async () => {
  const installed = join(app, 'node_modules/ips-mock')
  const maps = (await readdir(join(installed, 'dist'), { recursive: true })).filter((file) =>
    file.endsWith('.map'),
  )
  expect(maps.length).toBeGreaterThan(10)
  for (const file of maps) {
    const map = JSON.parse(await readFile(join(installed, 'dist', file), 'utf8'))
    expect(map.sourcesContent?.length, file).toBe(map.sources.length)
    for (const content of map.sourcesContent) expect(typeof content, file).toBe('string')
  }
})

/**
 * The smoke script's body, the same under ESM and CommonJS (inside an async function there):
 * given the package's exports in scope, it answers the minimal uploadUrlsJob fixture in-process
 * and over HTTP and collects what it saw in `smoke`.
 */
const smokeScript = (
  request: string,
) => `const init = { method: 'POST', headers: { 'content-type': 'text/xml' }, body: ${JSON.stringify(request)} }
const mock = createIpsMock()
const inProcess = await mock.handle(new Request(DEFAULT_BASE_URL.replace('*', 's7sps1apissl') + '/services/IpsApiService', init))
const server = await startServer({ port: 0, logLevel: 'silent' })
const overHttp = await fetch(server.serviceUrl, init)
await server.close()
const smoke = {
  version,
  companies: demoSeed.companies.length,
  handlers: ipsHandlers(mock).length,
  setupIpsMock: typeof setupIpsMock,
  matchers: Object.keys(ipsMatchers),
  inProcess: [inProcess.status, await inProcess.text()],
  overHttp: [overHttp.status, await overHttp.text()],
}`

/** What the smoke script must collect: the fixture's answer both ways, the package's own version. */
async function smokeAnswer() {
  const response = (await fixture('uploadUrlsJob.minimal.response.xml')).trim()
  const { version } = JSON.parse(await readFile(join(repo, 'package.json'), 'utf8'))
  return {
    version,
    companies: 2,
    handlers: 1,
    setupIpsMock: 'function',
    matchers: ['toHaveReceived', 'toHaveReceivedTimes', 'toHaveReceivedFault'],
    inProcess: [200, response],
    overHttp: [200, response],
  }
}

it('imports every subpath in plain Node and answers SOAP in-process and over HTTP', async () => {
  const request = await fixture('uploadUrlsJob.minimal.request.xml')
  await writeFile(
    join(app, 'smoke.js'),
    `import { createIpsMock, demoSeed } from 'ips-mock'
import { DEFAULT_BASE_URL, ipsHandlers } from 'ips-mock/msw'
import { faultInteraction, submitJobInteraction } from 'ips-mock/pact'
import { startServer } from 'ips-mock/server'
import { setupIpsMock } from 'ips-mock/testing'
import { ipsMatchers } from 'ips-mock/vitest'
import manifest from 'ips-mock/package.json' with { type: 'json' }

const { version } = manifest
${smokeScript(request)}
console.log(JSON.stringify({
  ...smoke,
  pact: [
    submitJobInteraction({ jobName: 'x', job: { optimizeImagesJob: { emailSetting: 'None' } } }).response.rules[0].path,
    faultInteraction(10001).response.status,
  ],
}))
`,
  )
  const { stdout } = await run(process.execPath, ['smoke.js'], app)
  expect(JSON.parse(stdout)).toEqual({
    ...(await smokeAnswer()),
    pact: [
      "$['http://schemas.xmlsoap.org/soap/envelope/:Envelope']['http://schemas.xmlsoap.org/soap/envelope/:Body']['http://www.scene7.com/IpsApi/xsd/2014-04-03:submitJobReturn']['http://www.scene7.com/IpsApi/xsd/2014-04-03:jobHandle']['#text']",
      500,
    ],
  })
})

it('typechecks a TypeScript file against the shipped declarations', async () => {
  await writeFile(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: 'nodenext',
        target: 'es2022',
        resolveJsonModule: true,
        noEmit: true,
        types: [],
      },
      files: ['check.ts'],
    }),
  )
  await writeFile(
    join(app, 'check.ts'),
    `import { createIpsMock, type IpsMock, type IpsMockOptions } from 'ips-mock'
import { ipsHandlers } from 'ips-mock/msw'
import { type RunningServer, startServer } from 'ips-mock/server'
import { setupIpsMock, type TestHooks } from 'ips-mock/testing'
import { ipsMatchers } from 'ips-mock/vitest'
import manifest from 'ips-mock/package.json' with { type: 'json' }
import type { RequestHandler } from 'msw'
import { expect } from 'vitest'

const options: IpsMockOptions = { startTime: '2030-01-01T00:00:00Z', timeZone: 'Europe/Berlin' }
const mock: IpsMock = createIpsMock(options)
const answer: Promise<Response> = mock.handle(new Request('https://s7sps1apissl.scene7.com/'))
const handlers: RequestHandler[] = ipsHandlers(mock, { baseUrl: 'https://ips.example.test/scene7' })
const server: RunningServer = await startServer({ port: 0, logLevel: 'silent' })
const version: string = manifest.version
// @ts-expect-error: the declarations are real, not \`any\`
const port: string = server.port
// @ts-expect-error: an unknown option
createIpsMock({ seedFile: 'seed.json' })
expect.extend(ipsMatchers)
const hooks: TestHooks = { beforeAll: () => {}, afterEach: () => {}, afterAll: () => {} }
const { mock: tested } = setupIpsMock({ hooks, startTime: '2030-01-01T00:00:00Z' })
expect(tested).toHaveReceived('submitJob', { jobName: 'x' })
// @ts-expect-error: the matchers are typed (a count is missing)
expect(tested).toHaveReceivedTimes('submitJob')
export { answer, handlers, port, version }
`,
  )
  const tsc = join(repo, 'node_modules/typescript/bin/tsc')
  const { stdout } = await run(process.execPath, [tsc, '-p', '.'], app)
  expect(stdout).toBe('')
})

it('runs the bin: --help, then serve on a free port for the node-soap example', async () => {
  const bin = join(app, 'node_modules/.bin/ips-mock')
  const { stdout: usage } = await run(bin, ['--help'], app)
  expect(usage).toContain('Usage: ips-mock <command> [options]')
  expect(usage).toContain('--port <n>')

  const [, url] = await start(bin, ['serve', '--port', '0', '--quiet'], /listening on (\S+)\n/)
  await cp(join(repo, 'examples/node-soap/submit-job.ts'), join(app, 'submit-job.ts'))
  const soap = await run(
    process.execPath,
    ['--import', 'tsx', 'submit-job.ts'],
    app,
    cleanEnv({ IPS_URL: url as string }),
  )
  expect(soap.stdout).toBe('submitted j|101|nightly import|\nstate New\n')

  const exited = once(child as ChildProcess, 'exit')
  child?.kill('SIGTERM')
  expect((await exited)[0]).toBe(0)
})

it('serves a CommonJS project: require() of every subpath, and its TypeScript typechecks', async () => {
  const cjs = join(tmp, 'cjs-app')
  await mkdir(cjs)
  await writeFile(join(cjs, 'package.json'), '{ "name": "cjs-app", "private": true }')
  await symlink(join(app, 'node_modules'), join(cjs, 'node_modules'), 'dir')
  const request = await fixture('uploadUrlsJob.minimal.request.xml')
  await writeFile(
    join(cjs, 'smoke.js'),
    `const { createIpsMock, demoSeed } = require('ips-mock')
const { DEFAULT_BASE_URL, ipsHandlers } = require('ips-mock/msw')
const { startServer } = require('ips-mock/server')
const { setupIpsMock } = require('ips-mock/testing')
const { ipsMatchers } = require('ips-mock/vitest')
const { version } = require('ips-mock/package.json')

async function main() {
${smokeScript(request)}
  console.log(JSON.stringify(smoke))
}
main()
`,
  )
  const { stdout } = await run(process.execPath, ['smoke.js'], cjs)
  expect(JSON.parse(stdout)).toEqual(await smokeAnswer())

  await writeFile(
    join(cjs, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: 'nodenext',
        target: 'es2022',
        noEmit: true,
        types: [],
      },
      files: ['check.ts'],
    }),
  )
  await writeFile(
    join(cjs, 'check.ts'),
    `import { createIpsMock, type IpsMock } from 'ips-mock'
import { type RunningServer, startServer } from 'ips-mock/server'

const mock: IpsMock = createIpsMock({ startTime: '2030-01-01T00:00:00Z' })
const started: Promise<RunningServer> = startServer({ port: 0, logLevel: 'silent' })
// @ts-expect-error: the declarations are real, not \`any\`
const wrong: string = mock.journal.count()
export { started, wrong }
`,
  )
  const tsc = join(repo, 'node_modules/typescript/bin/tsc')
  expect((await run(process.execPath, [tsc, '-p', '.'], cjs)).stdout).toBe('')
})

it('runs the jest recipe: Jest 30 with --experimental-vm-modules, installed into its own project', async () => {
  const jestApp = join(tmp, 'jest-app')
  await mkdir(jestApp)
  const manifest = JSON.parse(await readFile(join(repo, 'examples/jest-app/package.json'), 'utf8'))
  // The recipe's own scripts and jest settings; ips-mock from the tarball, jest from npm.
  delete manifest.devDependencies
  await writeFile(join(jestApp, 'package.json'), JSON.stringify(manifest))
  await cp(join(repo, 'examples/jest-app/submit-job.test.js'), join(jestApp, 'submit-job.test.js'))
  const [tarball] = (await readdir(tmp)).filter((name) => name.endsWith('.tgz'))
  const install = ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock']
  await run('npm', [...install, join(tmp, tarball as string), 'jest@30.5.2'], jestApp)
  await symlink(join(repo, 'node_modules/msw'), join(jestApp, 'node_modules/msw'), 'dir')
  const { stdout, stderr } = await run('npm', ['test'], jestApp)
  expect(`${stdout}${stderr}`).toMatch(/Tests:\s+1 passed, 1 total/)
})

it('runs the vitest examples (the helper and msw by hand) against the installed package', async () => {
  for (const name of ['upload-urls.ts', 'upload-urls.test.ts']) {
    await cp(join(repo, 'examples/vitest-app', name), join(app, name))
  }
  await cp(join(repo, 'examples/msw-by-hand/ips.test.ts'), join(app, 'ips.test.ts'))
  const vitest = join(repo, 'node_modules/vitest/vitest.mjs')
  const { stdout } = await run(process.execPath, [vitest, 'run', '--reporter=json'], app)
  const report = JSON.parse(stdout)
  expect([report.numPassedTests, report.numFailedTests]).toEqual([4, 0])
})

it("starts the server with the CI recipe's own commands", async () => {
  const recipe = await readFile(join(repo, 'examples/ci/github-actions.yml'), 'utf8')
  const step = /- name: Start the IPS mock\n\s+run: \|\n((?: {10}.*\n)+)/.exec(recipe)?.[1]
  expect(step).toContain('npx ips-mock serve --port 8080')
  const port = await freePort()
  const script = (step as string).replace(/^ {10}/gm, '').replaceAll('8080', String(port))
  const url = `http://127.0.0.1:${port}/scene7`

  // Its own process group, so that the server it leaves running can be stopped with it.
  child = spawn('bash', ['-c', script], {
    cwd: app,
    env: cleanEnv({ IPS_URL: url }),
    detached: true,
    stdio: 'inherit',
  })
  const group = child.pid as number
  try {
    expect((await once(child, 'exit'))[0]).toBe(0)
    const wsdl = await fetch(`${url}/services/IpsApiService?wsdl`)
    expect(wsdl.status).toBe(200)
  } finally {
    stopGroup(group)
  }
})

it('runs the pact-consumer example against the installed package, then verifies its pact', async () => {
  // @pact-foundation/pact is an optional peer: the example's users install it themselves.
  const scope = join(app, 'node_modules/@pact-foundation')
  if (!existsSync(scope)) {
    await symlink(join(repo, 'node_modules/@pact-foundation'), scope, 'dir')
  }
  const example = join(app, 'pact-consumer')
  await cp(join(repo, 'examples/pact-consumer'), example, { recursive: true })
  const env = cleanEnv({ PACT_DIR: join(example, 'pacts'), PACT_DO_NOT_TRACK: 'true' })
  const vitest = join(repo, 'node_modules/vitest/vitest.mjs')
  await run(process.execPath, [vitest, 'run', '--root', '.'], example, env)
  const bin = join(app, 'node_modules/.bin/ips-mock')
  const { stdout } = await run(bin, ['verify', '--pact', 'pacts'], example, env)
  expect(stdout).toContain(
    '[ips-mock] acme-dam → scene7-ips (pacts/acme-dam-scene7-ips.json): 3 interactions verified',
  )
  expect(stdout).toContain('[ips-mock] Every interaction verified.')
})
