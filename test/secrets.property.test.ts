// No password, whole or in part, in anything the mock answers, logs or journals, however broken
// the XML around it: passwords are generated with XML metacharacters around distinctive markers.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createIpsMock, type IpsMock } from '../src/index.js'
import { type RunningServer, startServer } from '../src/server.js'
import {
  BASE_NS,
  DEMO_CO,
  NS_2014,
  SERVICE_URL,
  SOAP11,
  submitJobParam,
} from './support/requests.js'

vi.setConfig({ testTimeout: 300_000 })

const RUNS = Number(process.env.SECRETS_RUNS ?? 30)
const SEED = Number(process.env.SECRETS_SEED ?? 20261201)

const EMAIL = 'ci@acme.test'
/** Letters that IPS answers, handles, dates and durations never string together. */
const markerLetters = 'QXZJKVW'

const marker = fc
  .array(fc.constantFrom(...markerLetters), { minLength: 6, maxLength: 10 })
  .map((letters) => letters.join(''))
const metacharacters = fc.constantFrom(
  '<',
  '>',
  '&',
  "'",
  '"',
  '</',
  '<!--',
  '-->',
  ']]>',
  '<![CDATA[',
  '&amp;',
  '&#',
  '&#x3c;',
  ' ',
  '=',
  '/>',
  '<x',
  'a:b',
  '<password>',
  '</password>',
  '\\',
  '\n',
  '\t',
  '%',
  '+',
  '|',
)
/** A password: markers and metacharacters in any order, at least one marker. */
const password = fc
  .tuple(marker, fc.array(fc.oneof(marker, metacharacters), { maxLength: 6 }), fc.nat())
  .map(([first, rest, at]) => {
    const parts = [...rest]
    parts.splice(at % (parts.length + 1), 0, first)
    return parts.join('')
  })

const escapeXml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/'/g, '&apos;')
    .replace(/"/g, '&quot;')

const seedWith = (secret: string) => ({
  companies: [{ name: 'acme', handle: DEMO_CO }],
  users: [{ email: EMAIL, password: secret, role: 'IpsUser' as const, companies: ['acme'] }],
})

const job = submitJobParam({
  companyHandle: DEMO_CO,
  jobName: 'secret test',
  optimizeImagesJob: { emailSetting: 'None' },
})

/** checkLogin, the one operation whose params carry a password (reference §10). */
const checkLogin = (passwordXml: string) =>
  `<checkLoginParam xmlns="${NS_2014}"><companyHandle>${DEMO_CO}</companyHandle><email>${EMAIL}</email><password>${passwordXml}</password></checkLoginParam>`

const soap = (header: string, body = job) =>
  `<soapenv:Envelope xmlns:soapenv="${SOAP11}"><soapenv:Header>${header}</soapenv:Header><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`
const authHeader = (passwordXml: string, user = EMAIL) =>
  `<authHeader xmlns="${BASE_NS}"><user>${user}</user><password>${passwordXml}</password></authHeader>`

/** Requests that carry the password, well-formed and not: [body, extra headers]. */
function requests(secret: string): Array<[string, Record<string, string>]> {
  const basic = Buffer.from(`${EMAIL}:${secret}`).toString('base64')
  return [
    [soap(authHeader(escapeXml(secret))), {}],
    [soap(authHeader(escapeXml(`${secret}x`))), {}],
    [soap(authHeader(secret)), {}],
    [soap(authHeader(escapeXml(secret), 'nobody@acme.test')), {}],
    [soap(`<AuthUser>${EMAIL}</AuthUser><AuthPassword>${secret}</AuthPassword>`), {}],
    [soap(`<AuthUser>${EMAIL}</AuthUser><AuthPassword>${escapeXml(secret)}</AuthPassword>`), {}],
    [soap(''), { authorization: `Basic ${basic}` }],
    [soap(authHeader(secret)).slice(0, soap(authHeader(secret)).indexOf('</password>')), {}],
    [soap(`<authHeader xmlns="${BASE_NS}"><user>${EMAIL}</user><password>${secret}`), {}],
    [soap(authHeader(`<![CDATA[${secret}]]>`)), {}],
    [soap(`${authHeader(escapeXml(secret))}<password>${secret}</password>`), {}],
    [soap(authHeader(escapeXml(secret)), checkLogin(escapeXml(secret))), {}],
    [soap(authHeader(escapeXml(secret)), checkLogin(secret)), {}],
  ]
}

/** Every marker of the password and every 4-letter piece of one: none may appear anywhere. */
function fragments(secret: string): string[] {
  const markers = secret.match(new RegExp(`[${markerLetters}]{6,}`, 'g')) ?? []
  const pieces = new Set<string>([secret])
  for (const found of markers) {
    for (let at = 0; at + 4 <= found.length; at++) pieces.add(found.slice(at, at + 4))
  }
  return [...pieces]
}

function expectNoSecret(secret: string, outputs: Record<string, string>) {
  for (const piece of fragments(secret)) {
    for (const [where, text] of Object.entries(outputs)) {
      expect(
        text.includes(piece),
        `${where} holds "${piece}" of the password ${JSON.stringify(secret)}`,
      ).toBe(false)
    }
  }
}

describe('in-process', () => {
  it('never shows a password in answers or the journal', async () => {
    await fc.assert(
      fc.asyncProperty(password, async (secret) => {
        const mock: IpsMock = createIpsMock({
          seed: seedWith(secret),
          startTime: '2030-01-01T00:00:00Z',
        })
        const outputs: Record<string, string> = {}
        for (const [index, [body, headers]] of requests(secret).entries()) {
          const response = await mock.handle(
            new Request(SERVICE_URL, {
              method: 'POST',
              body,
              headers: { 'content-type': 'text/xml', ...headers },
            }),
          )
          outputs[`answer ${index}`] = await response.text()
        }
        // The right password, escaped, logs in and is a valid login.
        expect(outputs['answer 0']).toContain('submitJobReturn')
        expect(outputs['answer 11']).toContain('ValidLogin')
        mock.journal.all().forEach((entry, index) => {
          outputs[`journal entry ${index}`] = JSON.stringify(entry)
        })
        expectNoSecret(secret, outputs)
      }),
      { numRuns: RUNS, seed: SEED },
    )
  })
})

describe('standalone server', () => {
  let server: RunningServer
  let origin: string
  const logged: string[] = []
  beforeAll(async () => {
    server = await startServer({
      port: 0,
      startTime: '2030-01-01T00:00:00Z',
      log: (line) => logged.push(line),
    })
    origin = new URL(server.url).origin
  })
  afterAll(() => server.close())

  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${origin}/__admin${path}`, {
      method,
      headers: method === 'GET' ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return `${response.status} ${await response.text()}`
  }

  it('never shows a password in answers, log lines, the journal or the admin API', async () => {
    await fc.assert(
      fc.asyncProperty(password, async (secret) => {
        logged.length = 0
        const outputs: Record<string, string> = {}
        outputs['PUT /seed'] = await admin('PUT', '/seed', seedWith(secret))
        expect(outputs['PUT /seed']).toMatch(/^200 /)
        // Seeds that are refused, with the password in them.
        outputs['PUT /seed (bad role)'] = await admin('PUT', '/seed', {
          ...seedWith(secret),
          users: [{ ...seedWith(secret).users[0], role: secret }],
        })
        outputs['PUT /seed (misspelt)'] = await admin('PUT', '/seed', {
          ...seedWith(secret),
          users: [{ email: EMAIL, pasword: secret, role: 'IpsUser', companies: ['acme'] }],
        })
        outputs['PUT /seed (array)'] = await admin('PUT', '/seed', {
          ...seedWith(secret),
          users: [{ ...seedWith(secret).users[0], password: [secret] }],
        })
        outputs['POST /faults'] = await admin('POST', '/faults', {
          fault: 30000,
          reason: 1,
          x: secret,
        })
        for (const [index, [body, headers]] of requests(secret).entries()) {
          const response = await fetch(server.serviceUrl, {
            method: 'POST',
            headers: { 'content-type': 'text/xml', ...headers },
            body,
          })
          outputs[`answer ${index}`] = await response.text()
        }
        expect(outputs['answer 0']).toContain('submitJobReturn')
        for (const path of ['/journal', '/seed', '/jobs', '/outbox', '/faults']) {
          outputs[`GET ${path}`] = await admin('GET', path)
        }
        outputs.log = logged.join('\n')
        expectNoSecret(secret, outputs)
        await admin('DELETE', '/journal')
      }),
      { numRuns: RUNS, seed: SEED },
    )
  })
})
