// One error type for everything ips-mock throws: a code to act on, never a message to parse.
import { readFile } from 'node:fs/promises'
import { expect, it } from 'vitest'
import { loadSeed } from '../src/cli/serve.js'
import { toMilliseconds } from '../src/engine/duration.js'
import {
  createIpsMock,
  FaultRuleError,
  IpsFault,
  IpsMockError,
  type IpsMockErrorCode,
  ipsMockErrorCodes,
  isIpsMockError,
  parseFaultRule,
  SeedError,
  validateSeed,
} from '../src/index.js'
import { readmeSections, sectionOf } from './support/readme-sections.js'
import { sources } from './support/sources.js'
import { caught } from './support/caught.js'

/** `[ips-mock] Failed to <action> "<subject>": <reason>. <remedy>` (subject and remedy optional). */
const template = /^\[ips-mock\] Failed to [^:"]+(?: "[^"]*")?: [\s\S]+?[.?!](?: [\s\S]+)?$/

async function rejected(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run()
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection')
}

const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z' })

it.each<[string, () => unknown, IpsMockErrorCode, Partial<IpsMockError>]>([
  [
    'an unknown time zone',
    () => createIpsMock({ timeZone: 'Mars/Olympus' }),
    'INVALID_OPTION',
    { action: 'create the mock', reason: '"Mars/Olympus" is not an IANA time zone' },
  ],
  [
    'a clock time that is not a date',
    () => mock.clock.set('soon'),
    'INVALID_DATE',
    { action: 'set the clock to', subject: 'soon', reason: 'not a date' },
  ],
  [
    'a duration that is not one',
    () => toMilliseconds('soon'),
    'INVALID_DURATION',
    {
      subject: 'soon',
      remedy: "Use milliseconds or a string like '500ms', '30s', '5m', '2h', '1d'.",
    },
  ],
  ['a seed without users', () => validateSeed({ companies: [] }), 'INVALID_SEED', {}],
  ['a fault rule without an outcome', () => parseFaultRule({}), 'INVALID_FAULT_RULE', {}],
  [
    'a journal of negative capacity',
    () => createIpsMock({ journalCapacity: -1 }),
    'INVALID_OPTION',
    { action: 'create the journal' },
  ],
  [
    'a user that does not exist',
    () => mock.store.updateUser('u|nobody', { firstName: 'x' }),
    'NOT_FOUND',
    { subject: 'u|nobody' },
  ],
])('throws an IpsMockError for %s', (_name, run, code, parts) => {
  const error = caught(run)
  expect(error).toBeInstanceOf(IpsMockError)
  expect(isIpsMockError(error, code)).toBe(true)
  expect(error).toMatchObject({ code, name: expect.any(String), ...parts })
  expect((error as Error).message).toMatch(template)
})

it('names an IPS fault IpsFault in logs and stack traces, its message the reason', () => {
  const error = new IpsFault('exception', 'why')
  expect(error.name).toBe('IpsFault')
  expect(String(error)).toBe('IpsFault: why')
})

it('keeps SeedError and FaultRuleError as IpsMockErrors with their own data', () => {
  const seed = caught(() => validateSeed({ companies: [] }))
  expect(seed).toBeInstanceOf(SeedError)
  expect(seed).toBeInstanceOf(IpsMockError)
  expect((seed as SeedError).issues.map((issue) => issue.path)).toContain('users')
  const rule = caught(() => parseFaultRule({ fault: 12345 }))
  expect(rule).toBeInstanceOf(FaultRuleError)
  expect((rule as IpsMockError).code).toBe('INVALID_FAULT_RULE')
})

it('keeps the cause', async () => {
  const error = await rejected(() => loadSeed('no/such/seed.json'))
  expect(isIpsMockError(error, 'INVALID_SEED')).toBe(true)
  expect((error as IpsMockError).subject).toBe('no/such/seed.json')
  expect(((error as Error).cause as NodeJS.ErrnoException).code).toBe('ENOENT')
})

it('rejects restore of a snapshot that is not one with a code', async () => {
  const error = await rejected(() => mock.restore({} as never))
  expect(isIpsMockError(error, 'INVALID_SNAPSHOT')).toBe(true)
})

it('writes the message from its parts', () => {
  const error = new IpsMockError({
    code: 'INVALID_ARGUMENT',
    action: 'read',
    subject: 'x.json',
    reason: 'it is empty',
    remedy: 'Write something.',
    cause: 'because',
  })
  expect(error.message).toBe('[ips-mock] Failed to read "x.json": it is empty. Write something.')
  expect(error.cause).toBe('because')
  expect(isIpsMockError(error, 'INTERNAL')).toBe(false)
  expect(isIpsMockError(new Error(error.message))).toBe(false)
})

it('builds every "[ips-mock] Failed to" message in one place, and reads no message text', async () => {
  const src = new URL('../src/', import.meta.url).pathname
  const offenders: string[] = []
  for (const file of await sources(src)) {
    if (file.endsWith('errors/ips-mock-error.ts')) continue
    const text = await readFile(file, 'utf8')
    if (
      /new (?:Type)?Error\(\s*['"`]\[ips-mock\]/.test(text) ||
      /['"`]\[ips-mock\] Failed to/.test(text)
    ) {
      offenders.push(`${file}: hand-written message`)
    }
    if (
      /\b(?:message|reason)\??\.(?:startsWith|includes|match)\(/.test(text) ||
      /startsWith\(['"`]\[ips-mock\]/.test(text)
    ) {
      offenders.push(`${file}: reads message text`)
    }
    if (/\.test\(\s*(?:\w+\.)?(?:message|reason|explanation)\s*\)/.test(text)) {
      offenders.push(`${file}: matches message text`)
    }
  }
  expect(offenders).toEqual([])
})

it('lists every code in the README', async () => {
  const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8')
  const section = sectionOf(readme, 'error-codes')
  expect(section).toBe(readmeSections['error-codes']?.())
  for (const code of Object.keys(ipsMockErrorCodes)) expect(section).toContain(`\`${code}\``)
})
