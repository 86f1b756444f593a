import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../src/server.js'
import { namespaces } from '../../src/schema/table.js'
import { requireTool } from './tools.js'

let server: RunningServer
const dir = mkdtempSync(join(tmpdir(), 'ips-mock-xmllint-'))

beforeAll(async () => {
  requireTool('xmllint', 'libxml2-utils')
  server = await startServer({ port: 0, logLevel: 'silent' })
})
afterAll(() => server?.close())

const wsdlNames = ['IpsApi.wsdl', ...namespaces.documentedVersions.map((v) => `IpsApi-${v}.wsdl`)]

it.each(wsdlNames)('serves %s as well-formed XML that libxml2 reads', async (name) => {
  const response = await fetch(`${server.url}/webservice/${name}`)
  expect(response.status).toBe(200)
  const file = join(dir, name)
  writeFileSync(file, await response.text())
  // xmllint exits non-zero, with the line, on any well-formedness error.
  const out = execFileSync('xmllint', ['--noout', file], { encoding: 'utf8' })
  expect(out).toBe('')
})
