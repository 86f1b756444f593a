/**
 * Regenerates fixtures/submitJob/ from test/support/fixture-cases.ts: each case's request, and the
 * response a fresh demo-seeded mock gives it. Refuses to write a response whose outcome differs
 * from the case's expected code. Run: npm run fixtures
 */
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { createIpsMock } from '../src/index.js'
import { fixtureCases } from '../test/support/fixture-cases.js'
import { SERVICE_URL } from '../test/support/requests.js'

const folder = new URL('../fixtures/submitJob/', import.meta.url)
await rm(folder, { recursive: true, force: true })
await mkdir(folder, { recursive: true })
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
  if (code !== fixture.code)
    throw new Error(`${fixture.name}: expected code ${fixture.code}, got ${code}\n${text}`)
  await writeFile(new URL(`${fixture.name}.request.xml`, folder), fixture.request)
  await writeFile(new URL(`${fixture.name}.response.xml`, folder), `${text}\n`)
}
console.log(`wrote ${fixtureCases.length} submitJob fixtures`)
