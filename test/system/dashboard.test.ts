// The dashboard at /__admin/ in a real browser (Debian's chromium, driven by playwright-core),
// against the built CLI: what a user sees while SOAP clients use the server.
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { type ServedProcess, serve, submitJob } from './serve.js'
import { requireTool } from './tools.js'

let browser: Browser
let server: ServedProcess | undefined
let page: Page
const pageErrors: string[] = []

beforeAll(async () => {
  requireTool('chromium', 'chromium')
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
})
afterAll(() => browser?.close())
afterEach(async () => {
  await page?.close()
  await server?.stop()
  server = undefined
  expect(pageErrors).toEqual([])
})

async function open(args: string[] = []): Promise<ServedProcess> {
  server = await serve(['serve', '--port', '0', '--quiet', ...args])
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
  page.on('pageerror', (error) => pageErrors.push(error.message))
  await page.goto(`${server.origin}/__admin/`)
  return server
}

const admin = async (origin: string, path: string) =>
  (await fetch(`${origin}/__admin${path}`)).json()

const jobRow = (handle: string) => page.locator('#job-list tr', { hasText: handle })

it('shows a job submitted over SOAP appear, run and finish, with its logs', async () => {
  const { serviceUrl } = await open()
  await page.locator('#job-list').getByText('None.').waitFor()

  const submitted = await submitJob(serviceUrl, 'spring catalog')
  expect(submitted.status).toBe(200)
  const handle = 'j|101|spring catalog|'
  await jobRow(handle).waitFor({ timeout: 10_000 })
  // On the system clock the run takes about four seconds: New, Running with progress, Done.
  await jobRow(handle).locator('.state.Done').waitFor({ timeout: 20_000 })
  expect(await jobRow(handle).textContent()).toContain('UrlUpload')

  await jobRow(handle).click()
  const detail = page.locator('#job-detail')
  await detail.getByText('Job logs (1)').waitFor()
  expect(await detail.textContent()).toContain('2 ok, 0 warnings, 0 errors of 2')
  await detail.getByText('UploadSuccess').first().waitFor()

  await page.getByRole('button', { name: 'Outbox' }).click()
  await page.locator('#outbox').getByText(handle).first().waitFor()

  // The run's two files are assets now, listed in the assets panel with their paths.
  await page.getByRole('button', { name: 'Assets' }).click()
  await page.locator('#assets').getByText('demo-co/in/a.jpg').waitFor()
  await page.locator('#assets').getByText('demo-co/in/b.jpg').waitFor()
})

it('injects a fault from the page that the next SOAP call gets, and shows it in the journal', async () => {
  const { serviceUrl, origin } = await open()
  await page.getByRole('button', { name: 'Faults' }).click()
  const form = page.locator('#fault-form')
  await form.getByPlaceholder('operation (e.g. submitJob)').fill('submitJob')
  await form.getByPlaceholder('fault code (e.g. 30000)').fill('30000')
  await form.getByPlaceholder('reason').fill('IPS is busy (from the dashboard)')
  await form.getByPlaceholder('times').fill('1')
  await form.getByRole('button', { name: 'Add fault rule' }).click()
  await page.locator('#fault-list').getByText('f1').waitFor()
  expect(await admin(origin, '/faults')).toMatchObject([
    { id: 'f1', rule: { operation: 'submitJob', fault: 30000, times: 1 } },
  ])

  const refused = await submitJob(serviceUrl, 'refused')
  expect(refused.status).toBe(500)
  expect(refused.xml).toMatch(/<code [^>]*>30000<\/code>/)
  expect(refused.xml).toContain('IPS is busy (from the dashboard)')
  expect((await submitJob(serviceUrl, 'accepted')).status).toBe(200)

  await page.getByRole('button', { name: 'Journal' }).click()
  const row = page.locator('#journal-list tr', { hasText: 'IPS is busy (from the dashboard)' })
  await row.waitFor()
  expect(await row.textContent()).toContain('30000')
  await row.click()
  const request = page.locator('#request-xml')
  await request.getByText('<jobName>refused</jobName>', { exact: false }).waitFor()
  const text = (await request.textContent()) ?? ''
  expect(text).toContain('<password>[redacted]</password>')
  expect(text).not.toContain('demo-user-pass')
  expect(await page.locator('#response-xml').textContent()).toContain('30000')

  await page.getByRole('button', { name: 'Faults' }).click()
  await page.locator('#fault-list').getByText('None.').waitFor()
})

it('sets and advances the clock from the page, and goes back to system time', async () => {
  const { origin } = await open()
  await page.getByLabel('set the clock to').fill('2030-01-01T00:00:00Z')
  await page.locator('#clock-set').click()
  await page.locator('#clock-now').getByText('2030-01-01T00:00:00.000Z').waitFor()
  expect(await page.locator('#clock-mode').textContent()).toBe('controlled')

  await page.getByLabel('advance the clock by').fill('1h')
  await page.locator('#clock-advance').click()
  await page.locator('#clock-now').getByText('2030-01-01T01:00:00.000Z').waitFor()
  expect(await admin(origin, '/clock')).toEqual({
    now: '2030-01-01T01:00:00.000Z',
    controlled: true,
  })

  await page.locator('#clock-system').click()
  await page.locator('#clock-mode').getByText('system time').waitFor()
  expect((await admin(origin, '/clock')).controlled).toBe(false)
})

it('holds a run by a scenario added from the page, releases it there, then resets', async () => {
  const { serviceUrl, origin } = await open()
  await page.getByLabel('set the clock to').fill('2030-01-01T00:00:00Z')
  await page.locator('#clock-set').click()
  await page.getByRole('button', { name: 'Scenarios' }).click()
  const form = page.locator('#scenario-form')
  await form.getByPlaceholder('job name pattern (^nightly)').fill('^nightly')
  await form.getByLabel('outcome').selectOption('hold')
  await form.getByRole('button', { name: 'Add scenario' }).click()
  await page.locator('#scenario-list').getByText('"hold":true').waitFor()

  expect((await submitJob(serviceUrl, 'nightly import')).status).toBe(200)
  await page.getByLabel('advance the clock by').fill('1h')
  await page.locator('#clock-advance').click()
  await page.getByRole('button', { name: 'Jobs' }).click()
  const handle = 'j|101|nightly import|'
  await jobRow(handle).locator('.state.Running').waitFor()
  await jobRow(handle).getByText('99%').waitFor()

  await jobRow(handle).click()
  await page.getByRole('button', { name: 'Release held run' }).click()
  await page.getByText(`Released ${handle}.`).waitFor()
  await page.locator('#run-until-idle').click()
  await jobRow(handle).locator('.state.Done').waitFor()

  page.once('dialog', (dialog) => void dialog.accept())
  await page.locator('#reset').click()
  await page.getByText('Reset to the seed.').waitFor()
  await page.locator('#job-list').getByText('None.').waitFor()
  expect(await admin(origin, '/jobs')).toEqual([])
})

it('asks for the admin token when the server has one, and then works with it', async () => {
  const { serviceUrl } = await open(['--admin-token', 'tok-123'])
  await page.locator('#token').waitFor({ state: 'visible' })
  expect(await page.locator('#status').textContent()).toContain('401')
  await submitJob(serviceUrl, 'with token')
  await page.getByLabel('admin token').fill('tok-123')
  await page.getByRole('button', { name: 'Use token' }).click()
  await jobRow('j|101|with token|').waitFor()
  expect(await page.locator('#token').isHidden()).toBe(true)
})
