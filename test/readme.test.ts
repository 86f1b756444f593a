import { readFile } from 'node:fs/promises'
import { expect, it } from 'vitest'
import { faults } from '../src/faults/catalog.js'
import { demoSeed } from '../src/store/demo-seed.js'
import { faultTable } from './support/fault-table.js'
import { providerStates } from '../src/admin/provider-states.js'
import { adminRoutes } from '../src/admin/admin.js'
import {
  DEFAULT_JOURNAL_BODY_BYTES,
  DEFAULT_JOURNAL_BYTES,
  DEFAULT_JOURNAL_CAPACITY,
  DEFAULT_MAX_BODY_BYTES,
  defaultXmlLimits,
} from '../src/index.js'

const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8')

it('carries the fault table generated from the fault catalog', () => {
  const section = /<!-- fault-table:start -->\n([\s\S]*?)\n<!-- fault-table:end -->/.exec(
    readme,
  )?.[1]
  expect(section).toBe(faultTable())
  expect(section?.split('\n')).toHaveLength(Object.keys(faults).length + 2)
})

it('lists every demo login with its password and role', () => {
  for (const user of demoSeed.users) {
    expect(readme).toContain(`| \`${user.email}\` | \`${user.password}\` | ${user.role}`)
  }
  for (const company of demoSeed.companies) {
    expect(readme).toContain(`| \`${company.name}\` | \`${company.handle?.replace('|', '\\|')}\` |`)
  }
})

it('shows the quick start and the test command', () => {
  expect(readme).toContain('npm ci && npm start')
  expect(readme).toContain('npm ci && npm test')
})

it('lists every provider state the mock understands, as the code describes it', () => {
  const section = /<!-- provider-states:start -->\n([\s\S]*?)\n<!-- provider-states:end -->/.exec(
    readme,
  )?.[1]
  const rows = section?.split('\n').slice(2) ?? []
  expect(rows).toHaveLength(Object.keys(providerStates).length)
  for (const [name, state] of Object.entries(providerStates)) {
    const params = Object.entries(state.params)
      .map(([key, value]) => `\`${key}\` (\`${value}\`)`)
      .join(', ')
    const description = state.description.replaceAll('|', '\\|')
    expect(rows).toContain(`| \`${name}\` | ${description} | ${params} |`.replace('|  |', '| |'))
  }
})

it('lists every admin endpoint', () => {
  const section = /### Admin API\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? ''
  for (const route of adminRoutes) {
    const [method, path] = route.split(' ') as [string, string]
    const escaped = path.replace(/[{}?]/g, '\\$&')
    expect(section).toMatch(new RegExp(`${method} /__admin${escaped}(?![\\w/])`))
  }
})

it("lists every request and journal limit with the code's default", () => {
  const section = /\n## Limits\n\n([\s\S]*?)\n\n/.exec(readme)?.[1] ?? ''
  const rows = section.split('\n').slice(2)
  /** The row naming `option` in backticks. */
  const row = (option: string) => rows.find((line) => line.includes(`\`${option}\``)) ?? ''
  const count = (value: number) => value.toLocaleString('en-US')
  const shown: Record<keyof typeof defaultXmlLimits, string> = {
    maxDepth: `${defaultXmlLimits.maxDepth} levels`,
    maxElements: count(defaultXmlLimits.maxElements),
    maxTextLength: `${defaultXmlLimits.maxTextLength / 2 ** 20} Mi characters`,
    maxNameLength: `${count(defaultXmlLimits.maxNameLength)} characters`,
    maxAttributes: count(defaultXmlLimits.maxAttributes),
  }
  for (const [key, value] of Object.entries(shown)) {
    expect(row(`xmlLimits.${key}`), key).toContain(value)
  }
  expect(row('maxBodyBytes')).toContain(`${DEFAULT_MAX_BODY_BYTES / 2 ** 20} MB`)
  expect(row('journalCapacity')).toContain(`${count(DEFAULT_JOURNAL_CAPACITY)} entries`)
  expect(row('journalBytes')).toContain(`${DEFAULT_JOURNAL_BYTES / 2 ** 20} MiB`)
  expect(row('journalBodyBytes')).toContain(`${DEFAULT_JOURNAL_BODY_BYTES / 2 ** 10} KiB`)
})
