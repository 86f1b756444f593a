// One seed schema for createIpsMock, reset, --seed-file and PUT /__admin/seed.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Validator } from '@cfworker/json-schema'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { openApiDocument, seedJsonSchema } from '../src/admin/openapi.js'
import { createIpsMock, demoSeed, SeedError, seedSchema, validateSeed } from '../src/index.js'
import { type RunningServer, startServer } from '../src/server.js'

vi.setConfig({ testTimeout: 30_000 })

const company = { name: 'acme' }
const user = (fields: Record<string, unknown> = {}) => ({
  email: 'a@acme.test',
  password: 'acme-pass',
  role: 'IpsUser' as const,
  companies: ['acme'],
  ...fields,
})

/** Seeds that are not seeds, each with the one message the mock gives for it. */
const refused: Array<[string, unknown, string]> = [
  ['null', null, 'seed: expected an object, got null'],
  ['a top-level array', [], 'seed: expected an object, got an array'],
  ['no users', { companies: [company] }, 'users: required'],
  ['no companies', { users: [] }, 'companies: required'],
  [
    'a user without a password',
    { companies: [company], users: [user(), user({ email: 'b@acme.test', password: undefined })] },
    'users[1].password: required',
  ],
  [
    'a user without an e-mail',
    { companies: [company], users: [user({ email: undefined })] },
    'users[0].email: required',
  ],
  [
    'a role IPS does not have',
    { companies: [company], users: [user({ role: 'Boss' })] },
    'users[0].role: expected one of "IpsAdmin", "IpsCompanyAdmin", "IpsUser", "WebServiceUser", "TrialSiteAdmin", "TrialSiteUser", "ImagePortalAdmin", "ImagePortalUser", "ImagePortalContrib", "ImagePortalContribUser"',
  ],
  [
    'an unknown company',
    { companies: [company], users: [user({ companies: ['acme', 'nope'] })] },
    'users[0].companies[1]: names unknown company "nope"',
  ],
  [
    'a misspelt field',
    { companies: [company], users: [user({ pasword: 'x' })] },
    'users[0]: unknown field "pasword" (did you mean "password"?)',
  ],
  [
    'a password that is not text',
    { companies: [company], users: [user({ password: 12345 })] },
    'users[0].password: expected a string, got a whole number',
  ],
  [
    'an expiry date the mock cannot write back',
    { companies: [{ name: 'acme', expires: '10000-01-01T00:00:00Z' }], users: [] },
    'companies[0].expires: expected an xsd:dateTime, e.g. 2099-12-31T23:59:59Z',
  ],
  [
    'a duplicate e-mail',
    { companies: [company], users: [user(), user({ email: 'A@acme.test' })] },
    'users[1].email: "A@acme.test" is already used by another user',
  ],
]

describe('in-process', () => {
  it.each(refused)('createIpsMock refuses %s, naming the path', (_name, seed, message) => {
    expect(() => createIpsMock({ seed: seed as never })).toThrow(
      `[ips-mock] Failed to load the seed: ${message}. Fix the seed data and retry.`,
    )
  })

  it('reset with a bad seed changes nothing', async () => {
    const mock = createIpsMock()
    await mock.ready
    await expect(
      mock.reset({ companies: [company], users: [user({ password: '' })] }),
    ).rejects.toThrow(SeedError)
    expect(mock.store.userByEmail('user@demo-co.test')).toBeDefined()
    await mock.reset()
    expect(mock.store.userByEmail('user@demo-co.test')).toBeDefined()
  })

  it('never quotes a password back', () => {
    try {
      validateSeed({ companies: [company], users: [user({ password: ['s3cret-value'] })] })
      expect.unreachable()
    } catch (error) {
      expect((error as SeedError).issues).toEqual([
        { path: 'users[0].password', message: 'expected a string, got an array' },
      ])
      expect(String(error)).not.toContain('s3cret')
    }
  })
})

describe('published schema', () => {
  it('is the zod schema as JSON Schema, in the package and in the OpenAPI document', async () => {
    const file = JSON.parse(await readFile(new URL('../seed.schema.json', import.meta.url), 'utf8'))
    expect(file, 'run `npm run schemas` to regenerate seed.schema.json').toEqual(seedJsonSchema)
    const components = openApiDocument.components.schemas as Record<string, Record<string, unknown>>
    const seed = components.Seed as { properties: Record<string, unknown> }
    expect(Object.keys(seed.properties)).toEqual(Object.keys(seedSchema.shape))
    expect(openApiDocument.paths['/seed']?.put).toMatchObject({
      requestBody: {
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Seed' } } },
      },
    })
  })

  it('accepts the demo seed and refuses what the zod schema refuses for its shape', () => {
    const validator = new Validator(seedJsonSchema as never, '2020-12')
    expect(validator.validate(demoSeed).valid).toBe(true)
    for (const [name, seed] of refused.slice(0, 7)) {
      expect(validator.validate(JSON.parse(JSON.stringify(seed))).valid, name).toBe(false)
    }
  })
})

describe('standalone server', () => {
  let server: RunningServer
  let origin: string
  beforeAll(async () => {
    server = await startServer({ port: 0, logLevel: 'silent' })
    origin = new URL(server.url).origin
  })
  afterAll(() => server.close())

  it.each(refused)(
    'PUT /__admin/seed refuses %s with 400, naming the path',
    async (_name, seed, message) => {
      const response = await fetch(`${origin}/__admin/seed`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(seed),
      })
      expect(response.status).toBe(400)
      const answer = await response.json()
      expect(answer.error).toContain(message)
      expect(answer.issues).toContainEqual({
        path: message.slice(0, message.indexOf(': ')),
        message: message.slice(message.indexOf(': ') + 2),
      })
      expect(JSON.stringify(answer)).not.toContain('acme-pass')
      expect(server.mock.store.userByEmail('user@demo-co.test')).toBeDefined()
    },
  )

  it('serves the schema at /__admin/seed.schema.json', async () => {
    expect(await (await fetch(`${origin}/__admin/seed.schema.json`)).json()).toEqual(seedJsonSchema)
  })
})

describe('CLI', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ips-mock-seed-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  async function serveWith(seed: unknown) {
    const file = join(dir, `seed-${Math.random().toString(36).slice(2)}.json`)
    await writeFile(file, JSON.stringify(seed))
    const run = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', '--seed-file', file],
      { cwd: new URL('..', import.meta.url) },
    )
    let stdout = ''
    let stderr = ''
    run.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    run.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const [code] = await once(run, 'exit')
    return { code, stdout, stderr, file }
  }

  it.each([refused[0], refused[4], refused[2]] as Array<[string, unknown, string]>)(
    'exits 1 on %s with the path, serving nothing',
    async (_name, seed, message) => {
      const { code, stdout, stderr, file } = await serveWith(seed)
      expect(code).toBe(1)
      expect(stdout).toBe('')
      expect(stderr).toBe(
        `[ips-mock] Failed to load the seed file "${file}": ${message}. Fix the file (its schema: ips-mock/seed.schema.json) and retry.\n`,
      )
    },
  )
})
