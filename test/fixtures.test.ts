import { readdir, readFile } from 'node:fs/promises'
import { expect, it } from 'vitest'
import { createIpsMock } from '../src/index.js'
import { fixtureCases } from './support/fixture-cases.js'
import { sendTo } from './support/requests.js'
import { read } from './support/soap.js'
import { expectValidSoap, validateIpsElement } from './support/xsd.js'

const folder = new URL('../fixtures/submitJob/', import.meta.url)
const file = (name: string) => readFile(new URL(name, folder), 'utf8')

it('has a request and a response file for every case, and nothing else', async () => {
  const expected = fixtureCases.flatMap((c) => [`${c.name}.request.xml`, `${c.name}.response.xml`])
  expect((await readdir(folder)).sort()).toEqual(expected.sort())
})

it.each(fixtureCases)('$name: a fresh mock gives the recorded response', async (fixture) => {
  const request = await file(`${fixture.name}.request.xml`)
  expect(request).toBe(fixture.request)
  const mock = createIpsMock()
  const response = await sendTo(mock, request)
  const answer = await read(response)
  expect(answer.xml).toBe((await file(`${fixture.name}.response.xml`)).trimEnd())
  expectValidSoap(answer.xml)
  expect(answer.status).toBe(fixture.code === 0 ? 200 : 500)
  expect(answer.fault?.code ?? 0).toBe(fixture.code)
  expect(mock.store.jobs.count()).toBe(fixture.code === 0 ? 1 : 0)
})

it.each(fixtureCases.filter((c) => c.code === 0))(
  '$name: the request itself is valid against the reference XSD',
  async (fixture) => {
    const param = /<submitJobParam[\s\S]*<\/submitJobParam>/.exec(fixture.request)?.[0] ?? ''
    expect(validateIpsElement(param)).toEqual({ valid: true, errors: [] })
  },
)
