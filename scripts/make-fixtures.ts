/**
 * Checks fixtures/submitJob/ against test/support/fixture-cases.ts: each case's request, and the
 * response a fresh demo-seeded mock gives it. A file that would change is never overwritten
 * silently: the script prints a unified diff and exits 1; run it again with `--accept` to write.
 * New files are written. The hand-written fixtures/submitJob/expected.json is never touched: the
 * tests check every response file against it, so an accepted change that disagrees with it fails.
 *
 *   npm run fixtures               # show what would change; exit 1 if anything would
 *   npm run fixtures -- --accept   # write the changes and remove files no case names
 *
 * IPS_FIXTURES_DIR points it at another folder (its own test does).
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createIpsMock } from '../src/index.js'
import { fixtureCases } from '../test/support/fixture-cases.js'
import { SERVICE_URL } from '../test/support/requests.js'

const accept = process.argv.includes('--accept')
const folder = process.env.IPS_FIXTURES_DIR
  ? new URL(`file://${process.env.IPS_FIXTURES_DIR.replace(/\/?$/, '/')}`)
  : new URL('../fixtures/submitJob/', import.meta.url)
const KEEP = new Set(['expected.json'])

/** One element per line, so that a diff of one-line XML shows where it changed. */
const lines = (xml: string) => xml.replace(/></g, '>\n<')

/** `diff -u` of two texts, labelled with the file name. */
function unifiedDiff(name: string, before: string, after: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ips-mock-fixtures-'))
  try {
    const a = join(dir, 'a')
    const b = join(dir, 'b')
    writeFileSync(a, lines(before))
    writeFileSync(b, lines(after))
    try {
      execFileSync(
        'diff',
        ['-u', '--label', `${name} (on disk)`, '--label', `${name} (now)`, a, b],
        { encoding: 'utf8' },
      )
      return ''
    } catch (error) {
      return String((error as { stdout?: string }).stdout ?? error)
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function current(name: string): Promise<string | undefined> {
  try {
    return await readFile(new URL(name, folder), 'utf8')
  } catch {
    return undefined
  }
}

await mkdir(folder, { recursive: true })
const wanted = new Map<string, string>()
for (const fixture of fixtureCases) {
  const mock = createIpsMock()
  const response = await mock.handle(
    new Request(SERVICE_URL, {
      method: 'POST',
      body: fixture.request,
      headers: { 'content-type': 'text/xml; charset=UTF-8' },
    }),
  )
  const text = await response.text()
  const code = Number(/<code [^>]*>(\d+)<\/code>/.exec(text)?.[1] ?? 0)
  if (code !== fixture.code) {
    console.error(`${fixture.name}: the case expects code ${fixture.code}, the mock gave ${code}`)
  }
  wanted.set(`${fixture.name}.request.xml`, fixture.request)
  wanted.set(`${fixture.name}.response.xml`, `${text}\n`)
}

let changed = 0
let written = 0
for (const [name, text] of wanted) {
  const before = await current(name)
  if (before === text) continue
  if (before === undefined) {
    await writeFile(new URL(name, folder), text)
    console.log(`new: ${name}`)
    written++
    continue
  }
  changed++
  process.stdout.write(unifiedDiff(name, before, text))
  if (accept) {
    await writeFile(new URL(name, folder), text)
    written++
  }
}
const stale = (await readdir(folder)).filter((name) => !wanted.has(name) && !KEEP.has(name))
for (const name of stale) {
  console.log(`${accept ? 'removed' : 'no case names'}: ${name}`)
  if (accept) await rm(new URL(name, folder))
}

if ((changed > 0 || stale.length > 0) && !accept) {
  console.error(
    `\n${changed} fixture file(s) would change and ${stale.length} would be removed. Check the diff; ` +
      'if the new answers are right, run `npm run fixtures -- --accept` and update ' +
      'fixtures/submitJob/expected.json by hand where an expectation changed.',
  )
  process.exit(1)
}
console.log(`${wanted.size} fixture files checked, ${written} written, ${changed} changed.`)
