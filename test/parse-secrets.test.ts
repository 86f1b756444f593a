/**
 * A password the client failed to escape breaks the XML around it. The 30003 that answers names
 * the problem and its place, never any of the text, so no part of the password comes back in
 * the fault, the journal or the server's log line.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createIpsMock } from '../src/index.js'
import { type RunningServer, startServer } from '../src/server.js'
import { envelope, operationParam, DEMO_CO, sendTo } from './support/requests.js'
import { read } from './support/soap.js'

/** The request of a user whose password is written into the XML as it is, unescaped. */
const requestWith = (password: string) =>
  envelope(operationParam('getActiveJobs', { companyHandle: DEMO_CO }), {
    auth: { user: 'user@demo-co.test', password },
  })

/** What a malformed-XML reason may say: fixed words, limits and a place, nothing else. */
const reasonShape = /^Malformed XML: [a-z0-9 ',&<]+ at line \d+, column \d+$/

/** Every piece of `secret` of three characters or more. */
function pieces(secret: string): string[] {
  const found = new Set<string>()
  for (let from = 0; from < secret.length; from++) {
    for (let to = from + 3; to <= secret.length; to++) found.add(secret.slice(from, to))
  }
  return [...found]
}

const metacharacters = ['<', '>', '&', "'", '"', '/', '=', '!', '?', '[', ']', ';', '#', ' ']
/**
 * Passwords that break the XML: XML metacharacters inside letters that no answer or journal
 * entry otherwise holds (q, x, z, j), so finding a piece of one proves it was echoed.
 */
const brokenPassword = fc
  .tuple(
    fc.stringMatching(/^[QXZJ][qxzj]{2,6}$/),
    fc.array(fc.constantFrom(...metacharacters), { minLength: 1, maxLength: 4 }),
    fc.stringMatching(/^[QXZJqxzj0-9]{3,10}$/),
  )
  .map(([head, marks, tail]) => `${head}${marks.join('')}${tail}`)

describe('in-process', () => {
  const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z' })

  it("answers Pa<x'SECRET with a reason that quotes none of it", async () => {
    const answer = await read(await sendTo(mock, requestWith("Pa<x'SECRET")))
    const body = requestWith("Pa<x'SECRET")
    expect(answer.fault).toMatchObject({
      code: 30003,
      reason: `Malformed XML: an invalid element name at line 1, column ${body.indexOf("<x'") + 1}`,
    })
    const entry = mock.journal.find({ faultCode: 30003 }).at(-1)
    expect(JSON.stringify(entry)).not.toMatch(/SECRET|x'S|Pa</)
  })

  it('never echoes any piece of a password that breaks the XML', async () => {
    await fc.assert(
      fc.asyncProperty(brokenPassword, async (password) => {
        mock.journal.clear()
        const answer = await read(await sendTo(mock, requestWith(password)))
        if (answer.fault?.code !== 30003) return // the XML stayed well-formed: not this test's case
        expect(answer.fault.reason).toMatch(reasonShape)
        const journal = JSON.stringify(mock.journal.find({}))
        const telling = pieces(password).filter((piece) => /[a-z].*[a-z]/i.test(piece))
        for (const piece of telling) {
          expect(answer.xml).not.toContain(piece)
          expect(journal).not.toContain(piece)
        }
      }),
      { numRuns: 300, seed: 15 },
    )
  })
})

describe('standalone server', () => {
  let server: RunningServer
  const lines: string[] = []
  beforeAll(async () => {
    server = await startServer({ port: 0, log: (line) => lines.push(line) })
  })
  afterAll(() => server.close())

  it('keeps the password out of the fault and the log line', async () => {
    const password = "Zq<!--Kv&'Wx"
    const response = await fetch(server.serviceUrl, {
      method: 'POST',
      body: requestWith(password),
      headers: { 'content-type': 'text/xml' },
    })
    const answer = await read(response)
    expect(answer.fault?.code).toBe(30003)
    expect(answer.fault?.reason).toMatch(reasonShape)
    expect(lines.length).toBeGreaterThan(0)
    for (const text of [answer.xml, ...lines]) {
      for (const piece of ['Zq<', 'Kv&', "'Wx", 'Kv']) expect(text).not.toContain(piece)
    }
  })
})
