// How `ips-mock verify` reads the pacts it is given, before any is verified: files, directories,
// URLs; what it refuses (not JSON, not an object, no interactions, an unknown specification
// version, a provider state ips-mock cannot set up) and how it names the source in each message.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  checkPact,
  checkProviderStates,
  type LoadedPact,
  loadPacts,
  specificationVersion,
} from '../../src/contract/pact-files.js'

const root = mkdtempSync(join(tmpdir(), 'ips-pact-files-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const write = (name: string, text: string) => {
  const file = join(root, name)
  mkdirSync(join(file, '..'), { recursive: true })
  writeFileSync(file, text)
  return file
}
const hint = 'Pass a pact file, a directory of them, or a pact URL.'

const pact = (consumer: string) => ({
  consumer: { name: consumer },
  provider: { name: 'scene7-ips' },
  interactions: [{ description: 'x', providerStates: [{ name: 'the demo seed is loaded' }] }],
})

describe('loadPacts', () => {
  let server: Server
  let origin = ''
  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/pact.json') {
        response.setHeader('content-type', 'application/json')
        response.end(JSON.stringify(pact('from-url')))
      } else {
        response.statusCode = 404
        response.end('not here')
      }
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => server.close())

  it('reads a file, the .json files of a directory in name order, and a URL', async () => {
    const file = write('one.json', JSON.stringify(pact('one')))
    write('dir/b.json', JSON.stringify(pact('b')))
    write('dir/a.json', JSON.stringify(pact('a')))
    write('dir/notes.txt', 'not a pact')
    const loaded = await loadPacts([file, join(root, 'dir'), `${origin}/pact.json`])
    expect(loaded.map(({ source, consumer, provider }) => [source, consumer, provider])).toEqual([
      [file, 'one', 'scene7-ips'],
      [join(root, 'dir', 'a.json'), 'a', 'scene7-ips'],
      [join(root, 'dir', 'b.json'), 'b', 'scene7-ips'],
      [`${origin}/pact.json`, 'from-url', 'scene7-ips'],
    ])
  })

  it('names consumer and provider empty when the pact does not', async () => {
    const file = write('anonymous.json', JSON.stringify({ interactions: [] }))
    expect(await loadPacts([file])).toMatchObject([{ consumer: '', provider: '' }])
  })

  it.each([
    ['an array', '[1, 2]', 'it is not a JSON object'],
    ['null', 'null', 'it is not a JSON object'],
    ['text that is not JSON', 'pact: yes', /^Unexpected token|is not valid JSON/],
  ])('refuses a file holding %s, naming it', async (_name, text, reason) => {
    const file = write(`bad-${_name.replace(/\W+/g, '-')}.json`, text)
    const failure = await loadPacts([file]).then(
      () => undefined,
      (error: Error) => error,
    )
    const message = failure?.message ?? ''
    expect(message.startsWith(`[ips-mock] Failed to read the pact "${file}": `)).toBe(true)
    expect(message.endsWith(`. ${hint}`)).toBe(true)
    const said = message.slice(
      `[ips-mock] Failed to read the pact "${file}": `.length,
      -hint.length - 2,
    )
    if (typeof reason === 'string') expect(said).toBe(reason)
    else expect(said).toMatch(reason)
  })

  it('refuses a missing file and a URL that answers an error', async () => {
    const missing = join(root, 'no-such.json')
    await expect(loadPacts([missing])).rejects.toThrow(
      new RegExp(`^\\[ips-mock\\] Failed to read the pact "${missing}": ENOENT`),
    )
    const url = `${origin}/gone.json`
    await expect(loadPacts([url])).rejects.toThrow(
      `[ips-mock] Failed to read the pact "${url}": ${url} answered HTTP 404. ${hint}`,
    )
  })
})

describe('specificationVersion', () => {
  it.each([
    [
      'V2 to V4: metadata.pactSpecification.version',
      { pactSpecification: { version: '4.0' } },
      '4.0',
    ],
    [
      'V1: metadata["pact-specification"].version',
      { 'pact-specification': { version: '1.0.0' } },
      '1.0.0',
    ],
    ['V1.1: metadata.pactSpecificationVersion', { pactSpecificationVersion: '1.1.0' }, '1.1.0'],
    ['none', {}, undefined],
  ])('reads %s', (_name, metadata, version) => {
    expect(specificationVersion({ metadata })).toBe(version)
    expect(specificationVersion({})).toBeUndefined()
  })
})

describe('checkPact', () => {
  const of = (pact: LoadedPact['pact']): LoadedPact => ({
    source: 'p.json',
    consumer: 'c',
    provider: 'scene7-ips',
    pact,
  })
  const interactions = [{ description: 'x' }]

  it.each(['1.0', '2.0.0', '3', 'v4', 'V3.0'])('accepts specification version %s', (version) => {
    expect(() =>
      checkPact(of({ interactions, metadata: { pactSpecification: { version } } })),
    ).not.toThrow()
  })

  it.each(['5.0', '0.9', '4.0.0.1', 'latest'])('refuses specification version %s', (version) => {
    expect(() =>
      checkPact(of({ interactions, metadata: { pactSpecification: { version } } })),
    ).toThrow(`its specification version "${version}" is not one Pact knows (1.0 to 4.0)`)
  })

  it('refuses a pact whose interactions are missing or not a list', () => {
    for (const pact of [{}, { interactions: {} as never }, { interactions: [] }]) {
      expect(() => checkPact(of(pact))).toThrow(
        '[ips-mock] Failed to verify "p.json": the pact has no interactions, so it would verify nothing.',
      )
    }
  })
})

describe('checkProviderStates', () => {
  const loaded = (interactions: NonNullable<LoadedPact['pact']['interactions']>): LoadedPact => ({
    source: 'p.json',
    consumer: 'c',
    provider: 'scene7-ips',
    pact: { interactions },
  })

  it('passes the states ips-mock can set up, V3/V4 lists and the V2 single state alike', () => {
    expect(() =>
      checkProviderStates([
        loaded([
          { description: 'a', providerStates: [{ name: 'the demo seed is loaded' }] },
          { description: 'b', providerState: 'a job is running' },
          { description: 'c' },
        ]),
      ]),
    ).not.toThrow()
  })

  it('names every unknown state with its pact and interaction, then the known ones', () => {
    const run = () =>
      checkProviderStates([
        loaded([
          { description: 'a', providerStates: [{ name: 'no such state' }] },
          { description: 'b', providerState: 'another unknown' },
          { providerStates: [{}] },
        ]),
      ])
    expect(run).toThrow(
      '[ips-mock] Failed to verify: unknown provider state "no such state" (p.json, interaction "a"); "another unknown" (p.json, interaction "b"); "" (p.json, interaction ""). ips-mock understands: "the demo seed is loaded", ',
    )
    expect(run).toThrow(/See `ips-mock verify --list-states`\.$/)
  })
})
