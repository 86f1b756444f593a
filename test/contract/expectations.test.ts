// The contract and the mock, each against expectations neither produced: test/contract/expected.ts
// (hand-written from the reference) and fixtures/submitJob/expected.json. The consumer test
// records the mock's answers into contracts/ and `verify` replays them against the mock, so those
// two agree by construction; this test fails when they agree on something the reference does not.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { setUpProviderState } from '../../src/admin/provider-states.js'
import { createIpsMock } from '../../src/index.js'
import { expectedAnswers, findElement, leafValues } from '../support/independent.js'
import { read } from '../support/soap.js'
import { contractCases, requestHeaders, SERVICE_PATH } from './cases.js'
import { type ContractExpectation, contractExpectations } from './expected.js'

interface Interaction {
  description: string
  response: { status: number; body: { content: string } }
}

const contract = JSON.parse(
  readFileSync(new URL('../../contracts/ips-consumer-scene7-ips.json', import.meta.url), 'utf8'),
) as { interactions: Interaction[] }
const fixtureAnswers = expectedAnswers()

/** The Body child of a SOAP response: its local name and its text as a document of its own. */
function bodyChild(xml: string): { name: string; xml: string } {
  const match = /<(\w+:)?Body>([\s\S]*)<\/\1?Body>/.exec(xml)
  const inner = match?.[2] ?? ''
  const name = /^<(?:\w+:)?(\w+)/.exec(inner)?.[1] ?? ''
  return { name, xml: inner }
}

/** Checks one SOAP response against a hand-written expectation. */
async function check(expectation: ContractExpectation, status: number, xml: string) {
  expect(status).toBe(expectation.status)
  const child = bodyChild(xml)
  expect(child.name).toBe(expectation.element)
  if (expectation.fault) {
    const answer = await read(new Response(xml, { status }))
    expect(answer.fault).toMatchObject({
      code: expectation.fault.code,
      element: expectation.fault.element,
      faultstring: expectation.fault.faultstring,
    })
    if (typeof expectation.fault.reason === 'string') {
      expect(answer.fault?.reason).toBe(expectation.fault.reason)
    } else {
      expect(answer.fault?.reason).toMatch(expectation.fault.reason)
    }
    return
  }
  if (expectation.defaultNamespace) {
    expect(child.xml).toMatch(new RegExp(`^<${expectation.element} xmlns="`))
  }
  const values = leafValues(child.xml, expectation.element)
  if (expectation.empty) {
    expect(values).toEqual({})
    expect(findElement(child.xml, expectation.element)?.text).toBe('')
  }
  if (expectation.items !== undefined) {
    const itemPaths = new Set(
      Object.keys(values)
        .map((path) => /^[^/]+\/items\[(\d+)\]/.exec(path)?.[1])
        .filter((index) => index !== undefined),
    )
    expect(itemPaths.size).toBe(expectation.items)
  }
  for (const [path, want] of Object.entries(expectation.values ?? {})) {
    if (typeof want === 'string') expect(values[path], path).toBe(want)
    else expect(values[path], path).toMatch(want)
  }
}

/** The expectation of a contract case pinned to a fixture, from fixtures/submitJob/expected.json. */
function fromFixture(name: string): ContractExpectation {
  const answer = fixtureAnswers[name]
  if (!answer) throw new Error(`fixtures/submitJob/expected.json has no case ${name}`)
  return answer.fault
    ? {
        status: 500,
        source: 'fixtures/submitJob/expected.json',
        element: 'Fault',
        fault: answer.fault,
      }
    : {
        status: 200,
        source: 'fixtures/submitJob/expected.json',
        element: 'submitJobReturn',
        values: { 'jobHandle[1]': answer.return?.jobHandle ?? '' },
      }
}

const expectationOf = (description: string): ContractExpectation | undefined => {
  const testCase = contractCases.find((c) => c.description === description)
  return testCase?.fixture ? fromFixture(testCase.fixture) : contractExpectations[description]
}

it('has an independent expectation for every interaction, and none for others', () => {
  const unpinned = contractCases.filter((c) => !c.fixture).map((c) => c.description)
  expect(Object.keys(contractExpectations).sort()).toEqual(unpinned.sort())
  for (const interaction of contract.interactions) {
    expect(expectationOf(interaction.description), interaction.description).toBeDefined()
  }
})

describe.each(contractCases.map((c) => [c.description, c] as const))(
  '%s',
  (description, testCase) => {
    const expectation = expectationOf(description) as ContractExpectation

    it('is what the contract records', async () => {
      const interaction = contract.interactions.find((i) => i.description === description)
      expect(interaction, 'contracts/ lacks this interaction').toBeDefined()
      await check(
        expectation,
        interaction?.response.status ?? 0,
        interaction?.response.body.content ?? '',
      )
    })

    it('is what the mock answers in the provider state', async () => {
      const mock = createIpsMock()
      const values = await setUpProviderState(mock, testCase.state)
      const response = await mock.handle(
        new Request(`http://ips.test${SERVICE_PATH}`, {
          method: 'POST',
          headers: requestHeaders(testCase),
          body: testCase.request(values),
        }),
      )
      await check(expectation, response.status, await response.text())
    })
  },
)
