// The drift guard: the contract in contracts/ must keep agreeing with the submitJob fixtures and
// with the reference XSDs, and name only provider states the mock can set up.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { providerStates } from '../../src/admin/provider-states.js'
import { servedOperations } from '../../src/pact/request.js'
import { jobElements } from '../support/requests.js'
import { validateIpsElement, validateSoapResponse } from '../support/xsd.js'
import { contractCases, fixture } from './cases.js'

interface Interaction {
  description: string
  providerStates?: { name: string }[]
  request: { body: { content: string } }
  response: { status: number; body: { content: string } }
}

const contract = JSON.parse(
  readFileSync(new URL('../../contracts/ips-consumer-scene7-ips.json', import.meta.url), 'utf8'),
) as { consumer: { name: string }; provider: { name: string }; interactions: Interaction[] }

const byDescription = new Map(contract.interactions.map((i) => [i.description, i]))

/** The single child of a SOAP request's Body, as a document of its own. */
function bodyChild(envelope: string): string {
  const body = /<(\w+:)?Body>([\s\S]*)<\/\1?Body>/.exec(envelope)
  if (!body?.[2]) throw new Error(`no SOAP Body in ${envelope.slice(0, 200)}`)
  return body[2]
}

it('is a Pact V4 contract between ips-consumer and scene7-ips', () => {
  expect(contract.consumer.name).toBe('ips-consumer')
  expect(contract.provider.name).toBe('scene7-ips')
  expect([...byDescription.keys()].sort()).toEqual(contractCases.map((c) => c.description).sort())
})

describe.each(contract.interactions.map((i) => [i.description, i] as const))(
  '%s',
  (_, interaction) => {
    it('has a response body valid against the reference XSDs', () => {
      const { valid, errors } = validateSoapResponse(interaction.response.body.content)
      expect(errors).toEqual([])
      expect(valid).toBe(true)
    })

    it('sets up a provider state ips-mock knows', () => {
      for (const state of interaction.providerStates ?? []) {
        expect(Object.keys(providerStates)).toContain(state.name)
      }
    })

    const testCase = contractCases.find((c) => c.description === interaction.description)
    if (testCase?.fixture) {
      const name = testCase.fixture
      it(`sends and receives exactly fixtures/submitJob/${name}.*.xml`, () => {
        expect(interaction.request.body.content).toBe(fixture(name, 'request'))
        expect(interaction.response.body.content).toBe(fixture(name, 'response'))
      })
    }
    if (interaction.response.status === 200) {
      it('sends a request whose operation element is valid against the reference XSDs', () => {
        expect(validateIpsElement(bodyChild(interaction.request.body.content)).errors).toEqual([])
      })
    }
  },
)

it('covers every served operation, job type, execTime, execSchedule and each documented fault', () => {
  const descriptions = contract.interactions.map((i) => i.description)
  const faultCodes = new Set(
    contract.interactions.map(
      (i) => /<(?:\w+:)?code[^>]*>(\d+)</.exec(i.response.body.content)?.[1] ?? '',
    ),
  )
  for (const code of ['10000', '10001', '20000', '20002', '20003', '20006', '20007', '20009']) {
    expect(faultCodes).toContain(code)
  }
  for (const code of ['30001', '30002', '30003']) expect(faultCodes).toContain(code)
  const accepted = contract.interactions.filter((i) => i.response.status === 200)
  expect(jobElements).toHaveLength(13)
  for (const element of jobElements) {
    expect(
      accepted.some((i) => new RegExp(`<${element}[\\s/>]`).test(i.request.body.content)),
    ).toBe(true)
  }
  expect(contract.interactions.some((i) => i.request.body.content.includes('<execTime>'))).toBe(
    true,
  )
  expect(contract.interactions.some((i) => i.request.body.content.includes('<execSchedule>'))).toBe(
    true,
  )
  // Every operation ips-mock/pact builds interactions for has one in the contract too.
  for (const operation of servedOperations) {
    expect(descriptions.some((d) => d.startsWith(`${operation} `))).toBe(true)
  }
})
