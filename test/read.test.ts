// Reading a request's elements against the schema table: what reaches the operations, and how a
// request that does not fit is refused (reference §4.2: 30003 for structure and types, 30002 for
// a missing element).
import { describe, expect, it } from 'vitest'
import { IpsMockError } from '../src/errors/ips-mock-error.js'
import { faults, IpsFault } from '../src/faults/catalog.js'
import { readComplex, readParam } from '../src/schema/read.js'
import type { TypeDef } from '../src/schema/table.js'
import { schemaFor } from '../src/schema/versions.js'
import { parseXml } from '../src/xml/parse.js'
import { caught } from './support/caught.js'

const ns = 'http://www.scene7.com/IpsApi/xsd/2014-04-03'

function read(xml: string, input: string, inputType: string): unknown {
  return readParam(parseXml(xml), schemaFor(ns), { input, inputType })
}

function refusal(xml: string, input: string, inputType: string) {
  const error = caught(() => read(xml, input, inputType))
  expect(error).toBeInstanceOf(IpsFault)
  const { definition, reason } = error as IpsFault
  return { code: definition.code, reason }
}

describe('reading a param against the schema table', () => {
  it('keeps only the elements the request sends: no key for an absent one, no empty array', () => {
    const param = `<getActiveJobsParam xmlns="${ns}"><jobHandle>j|1</jobHandle></getActiveJobsParam>`
    expect(read(param, 'getActiveJobsParam', 'GetActiveJobsParam')).toStrictEqual({
      jobHandle: 'j|1',
    })
    const array = schemaFor(ns).getType('StringArray')
    expect(readComplex(parseXml(`<a xmlns="${ns}"/>`), array, ns, 'a')).toStrictEqual({})
    expect(
      readComplex(parseXml(`<a xmlns="${ns}"><items>x</items><items/></a>`), array, ns, 'a'),
    ).toStrictEqual({ items: ['x', ''] })
  })

  it('refuses a simple element with child elements (30003)', () => {
    const param = `<stopJobParam xmlns="${ns}"><companyHandle>c|1<b/></companyHandle><jobHandle>j|1</jobHandle></stopJobParam>`
    expect(refusal(param, 'stopJobParam', 'StopJobParam')).toEqual({
      code: faults.invalidRequestXml.code,
      reason: 'stopJobParam/companyHandle: expected a xsd:string value, found child elements',
    })
  })

  it('refuses an empty required boolean as not a boolean (30003), not as missing', () => {
    const param = `<getAllCompaniesParam xmlns="${ns}"><includeExpired/></getAllCompaniesParam>`
    expect(refusal(param, 'getAllCompaniesParam', 'GetAllCompaniesParam')).toEqual({
      code: faults.invalidRequestXml.code,
      reason: "getAllCompaniesParam/includeExpired: '' is not a valid xsd:boolean",
    })
  })

  it('refuses an operation its namespace’s API version does not have, naming the version that added it (30003)', () => {
    const param = `<getArchivedJobLogDetailsParam xmlns="${ns}"/>`
    expect(
      refusal(param, 'getArchivedJobLogDetailsParam', 'GetArchivedJobLogDetailsParam'),
    ).toEqual({
      code: faults.invalidRequestXml.code,
      reason:
        'getArchivedJobLogDetailsParam: unknown operation element; getArchivedJobLogDetailsParam is not part of the 2014-04-03 API; it was added in 2021-04-26-beta',
    })
  })

  it('treats a table entry naming a type it does not define as a fault of ips-mock, not of the request', () => {
    const broken: TypeDef = {
      name: 'Broken',
      elements: [{ name: 'x', type: 'Undefined', min: 1, max: 1 }],
      index: new Map([['x', 0]]),
    }
    const error = caught(() =>
      readComplex(parseXml(`<p xmlns="${ns}"><x>1</x></p>`), broken, ns, 'p'),
    )
    expect(error).toBeInstanceOf(IpsMockError)
    expect(error).toMatchObject({
      code: 'INTERNAL',
      action: 'read a simple value of type',
      subject: 'Undefined',
      reason: 'it is not a simple type',
    })
  })
})
