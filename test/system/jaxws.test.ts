import { copyFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { namespaces } from '../../src/schema/table.js'
import { type RunningServer, startServer } from '../../src/server.js'
import { clientWsdls, exec, expectedLines, scratch } from './support/clients.js'
import { requireTool } from './tools.js'

/**
 * JAX-WS RI, the stack of most IPS integrations (AEM's own com.scene7.ipsapi classes are JAXB
 * stubs): `wsimport` generates a client from each served WSDL, javac compiles it with a small
 * client program, and the program submits two job types, reads the typed faults 10001, 20003 and
 * 30001 from the generated fault classes and lists getActiveJobs, once plainly and once with
 * JAX-WS's SchemaValidationFeature, which checks every message against the WSDL's schemas.
 */
const CLASSPATH = '/usr/share/java/jaxws-rt.jar'
const client = new URL('./clients/JaxwsClient.java', import.meta.url).pathname
const loader = new URL('./clients/WsdlLoader.java', import.meta.url).pathname
/** Schema snapshots served beside the documented versions. */
const betas = ['2017-10-29-beta', '2021-04-26-beta', '2022-11-01-beta']

let server: RunningServer
const root = scratch('jaxws')

beforeAll(async () => {
  requireTool('wsimport', 'jaxws')
  requireTool('javac', 'openjdk-17-jdk-headless')
  requireTool('java', 'openjdk-17-jdk-headless')
  server = await startServer({ port: 0, logLevel: 'silent' })
})
afterAll(() => server?.close())

describe.each(clientWsdls)('a JAX-WS client generated from $file', ({ file, id }) => {
  const dir = join(root, id)
  const url = () => `${server.url}/webservice/${file}`

  beforeAll(async () => {
    mkdirSync(join(dir, 'classes'), { recursive: true })
    // -XadditionalHeaders maps the authHeader soap:header into each operation's signature.
    await exec('wsimport', [
      '-quiet',
      '-XadditionalHeaders',
      '-p',
      'ips',
      '-d',
      join(dir, 'classes'),
      url(),
    ])
    copyFileSync(client, join(dir, 'JaxwsClient.java'))
    await exec('javac', [
      '-nowarn',
      '-cp',
      `${CLASSPATH}:${join(dir, 'classes')}`,
      '-d',
      join(dir, 'classes'),
      join(dir, 'JaxwsClient.java'),
    ])
  })

  it.each(['plain', 'validate'])('works end to end (%s)', async (mode) => {
    await server.mock.reset()
    const out = await exec('java', [
      '-cp',
      `${CLASSPATH}:${join(dir, 'classes')}`,
      'JaxwsClient',
      url(),
      mode,
      'c|101',
    ])
    const lines = out
      .split('\n')
      .filter((line) =>
        /^(address|submitted|active|line-ends|\S+ (\w+Fault|no fault|untyped))/.test(line),
      )
    expect(lines).toEqual([`address ${server.serviceUrl}`, ...expectedLines('jaxws')])
  })
})

it('loads every served WSDL with schema validation on and validates a call through it', async () => {
  const dir = join(root, 'loader')
  mkdirSync(dir, { recursive: true })
  copyFileSync(loader, join(dir, 'WsdlLoader.java'))
  await exec('javac', ['-nowarn', '-cp', CLASSPATH, '-d', dir, join(dir, 'WsdlLoader.java')])
  const versions = [undefined, ...namespaces.documentedVersions, ...betas]
  const args = versions.flatMap((version) => [
    `${server.url}/webservice/${version ? `IpsApi-${version}.wsdl` : 'IpsApi.wsdl'}`,
    version ? `${namespaces.base}/${version}` : namespaces.base,
  ])
  await server.mock.reset()
  const out = await exec('java', ['-cp', `${CLASSPATH}:${dir}`, 'WsdlLoader', ...args])
  const lines = out.split('\n').filter((line) => /^(loaded|failed) /.test(line))
  expect(lines).toEqual(
    args.filter((_, index) => index % 2 === 0).map((url) => `loaded ${url} c|101`),
  )
})
