import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../src/server.js'
import { namespaces } from '../../src/schema/table.js'
import { inlineSchemas } from '../support/wsdl-schemas.js'
import { requireTool } from './tools.js'

let server: RunningServer
const dir = mkdtempSync(join(tmpdir(), 'ips-mock-xmllint-'))

beforeAll(async () => {
  requireTool('xmllint', 'libxml2-utils')
  server = await startServer({ port: 0, logLevel: 'silent' })
})
afterAll(() => server?.close())

const wsdlNames = [
  'IpsApi.wsdl',
  ...namespaces.documentedVersions.map((v) => `IpsApi-${v}.wsdl`),
  'IpsApi-2017-10-29-beta.wsdl',
  'IpsApi-2021-04-26-beta.wsdl',
  'IpsApi-2022-11-01-beta.wsdl',
]

it.each(wsdlNames)('serves %s as well-formed XML that libxml2 reads', async (name) => {
  const response = await fetch(`${server.url}/webservice/${name}`)
  expect(response.status).toBe(200)
  const file = join(dir, name)
  writeFileSync(file, await response.text())
  // xmllint exits non-zero, with the line, on any well-formedness error.
  const out = execFileSync('xmllint', ['--noout', file], { encoding: 'utf8' })
  expect(out).toBe('')
})

/** A document each WSDL's schema for the operations' namespace must accept (and one it must not). */
const submitJob = (ns: string, job: string) =>
  `<submitJobParam xmlns="${ns}"><companyHandle>c|101</companyHandle><jobName>j</jobName>${job}</submitJobParam>`
const publish =
  '<imageServingPublishJob><publishType>Full</publishType><emailSetting>Error</emailSetting></imageServingPublishJob>'
const exportJob =
  '<exportJob><assetHandleArray><items>a|1</items></assetHandleArray><fmt>orig</fmt><emailSetting>None</emailSetting></exportJob>'

/** Runs xmllint --schema; returns its exit status and what it printed. */
function xmllintSchema(schema: string, document: string): { status: number; output: string } {
  try {
    const output = execFileSync('xmllint', ['--noout', '--schema', schema, document], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    return { status: 0, output }
  } catch (error) {
    const failed = error as { status: number; stderr: string }
    return { status: failed.status, output: failed.stderr }
  }
}

it.each(wsdlNames)(
  'has inline schemas that xmllint --schema compiles and validates with (%s)',
  async (name) => {
    const wsdl = await (await fetch(`${server.url}/webservice/${name}`)).text()
    const schemas = inlineSchemas(wsdl)
    const version = /^IpsApi-(.+)\.wsdl$/.exec(name)?.[1]
    const ns = version ? `${namespaces.base}/${version}` : namespaces.base
    expect(schemas.map((schema) => schema.targetNamespace)).toEqual(
      version ? [ns, namespaces.base] : [namespaces.base],
    )
    const files = schemas.map((schema, index) => {
      const file = join(dir, `${name}.${index}.xsd`)
      writeFileSync(file, schema.xml)
      return file
    })
    const write = (label: string, xml: string) => {
      const file = join(dir, `${name}.${label}.xml`)
      writeFileSync(file, xml)
      return file
    }
    const main = files[0] as string
    const base = files.at(-1) as string
    expect(xmllintSchema(main, write('publish', submitJob(ns, publish)))).toMatchObject({
      status: 0,
    })
    const fault = `<ipsApiFault xmlns="${namespaces.base}"><code>30001</code><reason>r</reason></ipsApiFault>`
    expect(xmllintSchema(base, write('fault', fault))).toMatchObject({ status: 0 })
    // exportJob is 6.0's (2012-02-14): the older versions' schemas refuse it.
    const older = version === undefined || version < '2012-02-14'
    const result = xmllintSchema(main, write('export', submitJob(ns, exportJob)))
    expect(result.status === 0).toBe(!older)
    if (older)
      expect(result.output).toContain(
        "Element '{" + ns + "}exportJob': This element is not expected",
      )
  },
)
