// The submitJob fixtures: each response file is what the mock answers (a golden), and each golden
// is checked against what the mock did not produce: fixtures/submitJob/expected.json (written by
// hand from the reference), the reference XSDs, and the values the request itself determines.
import { readdir, readFile } from 'node:fs/promises'
import { expect, it } from 'vitest'
import { createIpsMock } from '../src/index.js'
import { fixtureCases } from './support/fixture-cases.js'
import { expectedAnswers, findElement, handleFor } from './support/independent.js'
import { sendTo } from './support/requests.js'
import { read } from './support/soap.js'
import { expectValidSoap, validateIpsElement } from './support/xsd.js'

const folder = new URL('../fixtures/submitJob/', import.meta.url)
const file = (name: string) => readFile(new URL(name, folder), 'utf8')
const expected = expectedAnswers()

it('has a request and a response file for every case, an expectation, and nothing else', async () => {
  const files = fixtureCases.flatMap((c) => [`${c.name}.request.xml`, `${c.name}.response.xml`])
  expect((await readdir(folder)).sort()).toEqual([...files, 'expected.json'].sort())
  expect(Object.keys(expected).sort()).toEqual(fixtureCases.map((c) => c.name).sort())
})

it.each(fixtureCases)('$name: a fresh mock gives the recorded response', async (fixture) => {
  const request = await file(`${fixture.name}.request.xml`)
  expect(request).toBe(fixture.request)
  const mock = createIpsMock()
  const answer = await read(await sendTo(mock, request))
  expect(answer.xml).toBe((await file(`${fixture.name}.response.xml`)).trimEnd())
  expect(mock.store.jobs.count()).toBe(fixture.code === 0 ? 1 : 0)
})

it.each(fixtureCases)(
  '$name: the recorded response is what expected.json says',
  async (fixture) => {
    const want = expected[fixture.name]
    if (!want) throw new Error(`expected.json has no case ${fixture.name}`)
    const xml = (await file(`${fixture.name}.response.xml`)).trimEnd()
    expectValidSoap(xml)
    const answer = await read(new Response(xml, { status: want.status }))
    if (want.fault) {
      expect(fixture.code).toBe(want.fault.code)
      expect(answer.fault).toEqual({
        element: want.fault.element,
        code: want.fault.code,
        reason: want.fault.reason,
        faultcode: want.fault.faultcode,
        faultstring: want.fault.faultstring,
      })
    } else {
      expect(fixture.code).toBe(0)
      expect(answer.fault).toBeUndefined()
      const returned = findElement(xml, 'submitJobReturn')
      expect(returned?.namespace).toBe(want.return?.namespace)
      expect(findElement(xml, 'jobHandle')?.text).toBe(want.return?.jobHandle)
    }
  },
)

it.each(fixtureCases)('$name: the live answer has the expected status', async (fixture) => {
  const answer = await sendTo(createIpsMock(), await file(`${fixture.name}.request.xml`))
  expect(answer.status).toBe(expected[fixture.name]?.status)
})

it.each(fixtureCases.filter((c) => c.code === 0))(
  '$name: the request is valid against the reference XSD and determines the answer',
  async (fixture) => {
    const request = await file(`${fixture.name}.request.xml`)
    const param = /<submitJobParam[\s\S]*<\/submitJobParam>/.exec(request)?.[0] ?? ''
    expect(validateIpsElement(param)).toEqual({ valid: true, errors: [] })
    // The answer is in the request's namespace (§2.3) and the handle echoes the job name (§5.1).
    const want = expected[fixture.name]?.return
    expect(want?.namespace).toBe(findElement(request, 'submitJobParam')?.namespace)
    expect(want?.jobHandle).toBe(handleFor(request))
  },
)

it('places the malformed-XML column where the truncated request leaves an end tag open', async () => {
  const request = await file('fault-30003-malformed-xml.request.xml')
  const reason = expected['fault-30003-malformed-xml']?.fault?.reason ?? ''
  expect(request).not.toContain('\n')
  expect(reason).toBe(
    `Malformed XML: an end tag is not closed at line 1, column ${request.lastIndexOf('</') + 1}`,
  )
})
