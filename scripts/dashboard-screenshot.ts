/**
 * Writes docs/dashboard.png, the README's picture of the dashboard: a server with a few jobs in
 * different states, seen by Debian's chromium. Run: `npx tsx scripts/dashboard-screenshot.ts`.
 */
import { chromium } from 'playwright-core'
import { startServer } from '../src/server.js'
import { submitJobEnvelope } from '../test/system/serve.js'

const server = await startServer({ port: 0, logLevel: 'silent', startTime: '2030-01-01T08:00:00Z' })
const origin = new URL(server.url).origin
const post = (path: string, body: unknown) =>
  fetch(`${origin}/__admin${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
const submit = (jobName: string) =>
  fetch(server.serviceUrl, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body: submitJobEnvelope(jobName),
  })

await post('/scenarios', { match: { jobName: 'spring catalog' }, warnings: 1 })
await submit('spring catalog')
await submit('summer catalog')
await post('/clock', { advance: '10s' })
await post('/scenarios', { match: { jobName: 'nightly import' }, hold: true })
await submit('nightly import')
await submit('autumn catalog')
await post('/clock', { advance: '2s' })
await submit('winter catalog')

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--no-first-run',
  ],
})
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
await page.goto(`${origin}/__admin/`)
await page.locator('#job-list tr', { hasText: 'spring catalog' }).click()
await page.locator('#job-detail').getByText('Job logs (1)').waitFor()
await page.screenshot({ path: 'docs/dashboard.png' })
await browser.close()
await server.close()
