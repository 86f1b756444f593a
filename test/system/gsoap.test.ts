import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../src/server.js'
import { clientWsdls, exec, expectedLines, scratch } from './support/clients.js'
import { requireTool } from './tools.js'

/**
 * gSOAP, the C/C++ stack: `wsdl2h` turns each served WSDL into a header, `soapcpp2` generates
 * the serialisers and a proxy class, g++ compiles them with a small client program that submits
 * two job types, reads the typed faults 10001, 20003 and 30001 from the generated fault detail
 * classes and lists getActiveJobs. The proxy speaks SOAP 1.2 (the WSDLs' second binding), with
 * gSOAP's strict XML validation on.
 */
const client = new URL('./clients/gsoap-client.cpp', import.meta.url).pathname
const IMPORT = '/usr/share/gsoap/import'

let server: RunningServer
const root = scratch('gsoap')

beforeAll(async () => {
  requireTool('wsdl2h', 'gsoap')
  requireTool('soapcpp2', 'gsoap')
  requireTool('g++', 'g++')
  requireTool('pkg-config', 'pkg-config')
  // libgsoap-dev brings the library and its pkg-config file; fail with the package name.
  await exec('pkg-config', ['--exists', 'gsoap++']).catch(() => {
    throw new Error(
      '[ips-mock] Failed to run the system test: the gSOAP library is not installed. Install the Debian package "libgsoap-dev".',
    )
  })
  server = await startServer({ port: 0, logLevel: 'silent' })
})
afterAll(() => server?.close())

describe.each(clientWsdls)('a gSOAP client generated from $file', ({ file, version, id }) => {
  const dir = join(root, id)

  beforeAll(async () => {
    mkdirSync(dir, { recursive: true })
    // Fixed prefixes, so one client program fits every version's generated names.
    const typemap = [`ips = "http://www.scene7.com/IpsApi/xsd"`]
    if (version) typemap.push(`ipsv = "http://www.scene7.com/IpsApi/xsd/${version}"`)
    writeFileSync(join(dir, 'typemap.dat'), `${typemap.join('\n')}\n`)
    await exec(
      'wsdl2h',
      ['-x', '-P', '-ttypemap.dat', '-oips.h', `${server.url}/webservice/${file}`],
      {
        cwd: dir,
      },
    )
    await exec('soapcpp2', ['-j', '-C', '-x', '-L', `-I${IMPORT}`, 'ips.h'], { cwd: dir })
    copyFileSync(client, join(dir, 'client.cpp'))
    const flags = (await exec('pkg-config', ['--cflags', '--libs', 'gsoap++'])).trim().split(/\s+/)
    await exec(
      'g++',
      [
        '-O0',
        '-pipe',
        ...(version ? [] : ['-DUNVERSIONED']),
        '-o',
        'client',
        'client.cpp',
        'soapC.cpp',
        'soapIpsApiSoapBindingProxy.cpp',
        ...flags.filter(Boolean),
      ],
      { cwd: dir },
    )
  })

  it('works end to end', async () => {
    await server.mock.reset()
    const out = await exec(join(dir, 'client'), [server.serviceUrl, 'c|101'])
    const lines = out
      .split('\n')
      .filter((line) =>
        /^(address|submitted|active|line-ends|\S+ (\w+Fault|no fault|untyped))/.test(line),
      )
    expect(lines).toEqual([`address ${server.serviceUrl}`, ...expectedLines('gsoap')])
  })
})
