// Adding an operation is one module exporting its `operations` table: `npm run readme` writes
// src/operations/index.ts, which joins the tables, and the README's operation table; the WSDLs and
// the "not served" answer follow from the table.
import { readdir, readFile } from 'node:fs/promises'
import { expect, it } from 'vitest'
import { faults } from '../src/faults/catalog.js'
import type { OperationTable } from '../src/operations/index.js'
import { operationHandlers, operationTable } from '../src/operations/index.js'
import { operations } from '../src/schema/table.js'
import {
  operationIndexFile,
  operationModules,
  renderOperationIndex,
} from './support/operation-index.js'
import { readmeSections, sectionOf } from './support/readme-sections.js'
import { unservedOperation } from './support/unserved.js'

const dir = new URL('../src/operations/', import.meta.url)

it('joins the table of every operation module, and only those', async () => {
  const joined = new Map<string, unknown>()
  for (const file of (await readdir(dir)).filter((name) => name.endsWith('.ts')).sort()) {
    const module = (await import(new URL(file, dir).href)) as { operations?: OperationTable }
    for (const [name, entry] of Object.entries(module.operations ?? {})) {
      expect(joined.has(name), `${name} is registered twice`).toBe(false)
      joined.set(name, entry)
    }
  }
  expect(joined.size).toBeGreaterThan(20)
  expect(new Map(Object.entries(operationTable))).toEqual(joined)
  for (const [name, entry] of Object.entries(operationTable)) {
    expect(operations.has(name), `${name} is an operation of the reference schema`).toBe(true)
    expect(entry.summary.trim(), name).not.toBe('')
    expect(operationHandlers[name]).toBe(entry.run)
  }
})

it('keeps src/operations/index.ts as npm run readme writes it, joining every table module', async () => {
  expect(await readFile(operationIndexFile, 'utf8')).toBe(await renderOperationIndex())
  // The modules found are real: the operations of each reached the joined table.
  const modules = operationModules()
  expect(modules).toContain('submit-job.ts')
  expect(modules).toContain('asset-operations.ts')
  expect(modules).not.toContain('context.ts')
})

it('lists every served operation in the README, as the tables describe it', async () => {
  const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8')
  const section = sectionOf(readme, 'operations')
  expect(section).toBe(readmeSections.operations?.())
  const rows = section?.split('\n').slice(2) ?? []
  expect(rows.map((row) => /^\| `(\w+)` \|/.exec(row)?.[1])).toEqual(Object.keys(operationTable))
})

it('names an operation ips-mock does not serve in the catalog example of 30000', () => {
  expect(unservedOperation in operationHandlers).toBe(false)
  const named = /^Operation '(\w+)' is not supported/.exec(faults.exception.example)?.[1]
  expect(named && operations.has(named)).toBe(true)
  expect(named && named in operationHandlers).toBe(false)
})
