// Every default is defined once (src/defaults.ts); the CLI help, the README and the code agree with it.
import { readFile } from 'node:fs/promises'
import { expect, it } from 'vitest'
import { serveUsage } from '../src/cli/serve.js'
import { cliDefaults, defaults } from '../src/defaults.js'
import { defaultDurations } from '../src/engine/engine.js'
import {
  createIpsMock,
  DEFAULT_JOURNAL_BODY_BYTES,
  DEFAULT_JOURNAL_BYTES,
  DEFAULT_JOURNAL_CAPACITY,
  DEFAULT_MAX_BODY_BYTES,
  defaultXmlLimits,
  demoSeed,
} from '../src/index.js'
import { DEFAULT_BASE_URL } from '../src/msw.js'
import { DEFAULT_RETAIN_JOBS } from '../src/store/store.js'
import { sources } from './support/sources.js'

const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8')

it('exports the defaults the code applies', () => {
  expect(DEFAULT_MAX_BODY_BYTES).toBe(defaults.maxBodyBytes)
  expect(DEFAULT_JOURNAL_CAPACITY).toBe(defaults.journalCapacity)
  expect(DEFAULT_JOURNAL_BODY_BYTES).toBe(defaults.journalBodyBytes)
  expect(DEFAULT_JOURNAL_BYTES).toBe(defaults.journalBytes)
  expect(DEFAULT_RETAIN_JOBS).toBe(defaults.retainJobs)
  expect(DEFAULT_BASE_URL).toBe(defaults.baseUrl)
  expect(defaultXmlLimits).toEqual(defaults.xmlLimits)
  expect(defaultDurations).toEqual(defaults.jobDurations)
  expect(demoSeed.fakerSeed).toBe(defaults.fakerSeed)
  const mock = createIpsMock()
  expect(mock.journal.capacity).toBe(defaults.journalCapacity)
})

it.each(Object.entries(cliDefaults))('names the default of %s in the CLI help', (flag, value) => {
  const entry = serveUsage.split(/\n(?=\s{2}-)/).find((line) => line.trim().startsWith(`${flag} `))
  expect(entry, flag).toBeDefined()
  expect(entry?.replace(/\s+/g, ' ')).toMatch(new RegExp(`\\(default ${String(value)}[;)]`))
})

it.each(Object.entries(cliDefaults))('names the default of %s in the README', (flag, value) => {
  const row = readme.split('\n').find((line) => line.startsWith(`| \`${flag} `))
  expect(row, flag).toBeDefined()
  expect(row?.split(' | ')[1]).toBe(`\`${String(value)}\``)
})

it('defines the faker seed once', async () => {
  const src = new URL('../src/', import.meta.url).pathname
  const restated: string[] = []
  for (const file of await sources(src)) {
    if (file.endsWith('/defaults.ts')) continue
    const text = await readFile(file, 'utf8')
    if (/fakerSeed\s*(?:\?\?|:|=)\s*\d/.test(text)) restated.push(file)
  }
  expect(restated).toEqual([])
})
