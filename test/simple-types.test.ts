import { describe, expect, it } from 'vitest'
import { faults, IpsFault } from '../src/faults/catalog.js'
import {
  EARLIEST_INSTANT,
  formatSimple,
  isDateTime,
  isRepresentable,
  LATEST_INSTANT,
  parseSimple,
} from '../src/schema/simple-types.js'
import { readEnvelope } from '../src/soap/envelope.js'
import { soapFault } from '../src/soap/respond.js'
import { parseXml } from '../src/xml/parse.js'

/**
 * The XML Schema simple types of the IPS API (XML Schema Part 2: §3.2.2 boolean, §3.3.17 int,
 * §3.3.16 long, §3.2.5 double, §3.2.7 dateTime), each boundary of the lexical space, and the
 * SOAP envelope's shape (SOAP 1.1 §4, 1.2 part 1 §5).
 */
describe('xsd simple types', () => {
  it.each([
    ['xsd:boolean', ' 1 ', true],
    ['xsd:boolean', 'false', false],
    ['xsd:boolean', '0', false],
    ['xsd:boolean', 'TRUE', undefined],
    ['xsd:int', '-2147483648', -2147483648],
    ['xsd:int', '+2147483647', 2147483647],
    ['xsd:int', '2147483648', undefined],
    ['xsd:int', '1.0', undefined],
    ['xsd:int', '-2147483649', undefined],
    ['xsd:long', '9007199254740991', 9007199254740991],
    ['xsd:long', '9223372036854775807', '9223372036854775807'],
    ['xsd:long', '-9223372036854775808', '-9223372036854775808'],
    ['xsd:long', '9223372036854775808', undefined],
    ['xsd:long', '-9223372036854775809', undefined],
    ['xsd:long', '12a', undefined],
    ['xsd:double', 'INF', Infinity],
    ['xsd:double', '-INF', -Infinity],
    ['xsd:double', '+INF', Infinity],
    ['xsd:double', '.5e1', 5],
    ['xsd:double', '1.', 1],
    ['xsd:double', 'Infinity', undefined],
    ['xsd:double', '1e', undefined],
    ['xsd:double', '12', 12],
    ['xsd:double', '-12.5', -12.5],
    ['xsd:double', '.25', 0.25],
    ['xsd:double', '1.5E10', 15000000000],
    ['xsd:double', '25e-2', 0.25],
    ['xsd:double', '2E+3', 2000],
    ['xsd:double', '1,5', undefined],
    ['xsd:double', 'x1', undefined],
    ['xsd:string', ' kept as sent ', ' kept as sent '],
    ['xsd:dateTime', ' 2026-02-28T23:59:59Z ', '2026-02-28T23:59:59Z'],
    ['xsd:dateTime', '2026-02-29T00:00:00Z', undefined],
  ] as const)('reads %s %j as %j', (type, raw, expected) => {
    expect(parseSimple(type, raw)).toStrictEqual(expected)
  })

  it('reads NaN as a double that is not a number', () => {
    expect(parseSimple('xsd:double', 'NaN')).toBeNaN()
  })

  it.each([
    ['2024-02-29T12:00:00Z', true],
    ['2023-02-29T12:00:00Z', false],
    ['2026-12-01T24:00:00Z', true],
    ['2026-12-01T24:00:01Z', false],
    ['2026-12-01T24:01:00Z', false],
    ['2026-12-01T23:60:00Z', false],
    ['2026-12-01T23:00:60Z', false],
    ['2026-12-01T10:00:00+14:00', true],
    ['2026-12-01T10:00:00-14:00', true],
    ['2026-12-01T10:00:00+14:01', false],
    ['2026-12-01T10:00:00+05:60', false],
    ['2026-12-01T10:00:00+05:59', true],
    ['2026-13-01T10:00:00Z', false],
    ['2026-00-01T10:00:00Z', false],
    ['0000-01-01T10:00:00Z', false],
    ['2026-12-01T10:00:00', true],
    ['x2026-12-01T10:00:00Z', false],
    ['2026-12-01T10:00:00Zjunk', false],
  ])('decides whether %s is an xsd:dateTime IPS can take: %s', (value, expected) => {
    expect(isDateTime(value)).toBe(expected)
  })

  it.each([
    ['2000-02-29T12:00:00Z', true],
    ['1900-02-29T12:00:00Z', false],
    ['2100-02-29T12:00:00Z', false],
    ['2026-01-31T12:00:00Z', true],
    ['2026-04-30T12:00:00Z', true],
    ['2026-04-31T12:00:00Z', false],
    ['2026-06-31T12:00:00Z', false],
    ['2026-09-31T12:00:00Z', false],
    ['2026-11-31T12:00:00Z', false],
    ['2026-12-31T12:00:00Z', true],
    ['2026-12-00T12:00:00Z', false],
  ])('knows the Gregorian calendar: %s is a day: %s', (value, expected) => {
    expect(isDateTime(value)).toBe(expected)
  })

  it('can write back every instant from 0001-01-01T14:00:00Z to 9999-12-31T09:59:59.999Z, no other', () => {
    expect(new Date(EARLIEST_INSTANT).toISOString()).toBe('0001-01-01T14:00:00.000Z')
    expect(new Date(LATEST_INSTANT).toISOString()).toBe('9999-12-31T09:59:59.999Z')
    expect(isRepresentable(EARLIEST_INSTANT)).toBe(true)
    expect(isRepresentable(EARLIEST_INSTANT - 1)).toBe(false)
    expect(isRepresentable(LATEST_INSTANT)).toBe(true)
    expect(isRepresentable(LATEST_INSTANT + 1)).toBe(false)
    expect(isRepresentable(Number.NaN)).toBe(false)
  })

  it.each([
    // Years 0001 and 9999 are taken, within the instants the mock can write back in any zone.
    ['0001-06-01T00:00:00Z', true],
    ['9999-06-01T00:00:00Z', true],
    ['0001-01-01T14:00:00Z', true],
    ['0001-01-01T13:59:59Z', false],
    ['9999-12-31T09:59:59.5Z', true],
    ['9999-12-31T10:00:00Z', false],
    ['10000-01-01T00:00:00Z', false],
    // An offset is subtracted from the wall time: -09:00 is nine hours later in UTC.
    ['0001-01-01T05:00:00-09:00', true],
    ['0001-01-01T04:59:59-09:00', false],
    ['9999-12-31T18:59:59+09:00', true],
    ['9999-12-31T19:00:00+09:00', false],
    // Without an offset the server's zone applies, which may be anything up to ±14:00.
    ['0001-01-02T04:00:00', true],
    ['0001-01-02T03:59:59', false],
    ['9999-12-30T19:59:59', true],
    ['9999-12-30T20:00:00', false],
  ])('takes %s as an instant the mock can store and write back: %s', (value, expected) => {
    expect(isDateTime(value)).toBe(expected)
  })

  it.each([
    [Infinity, 'INF'],
    [-Infinity, '-INF'],
    [-0.5, '-0.5'],
    [true, 'true'],
    ['9223372036854775807', '9223372036854775807'],
    [new Date(Date.UTC(2026, 11, 1, 9, 30)), '2026-12-01T09:30:00.000Z'],
  ])('writes %j as %j', (value, expected) => {
    expect(formatSimple(value)).toBe(expected)
  })
})

describe('SOAP envelope shape', () => {
  const soap11 = 'http://schemas.xmlsoap.org/soap/envelope/'
  const soap12 = 'http://www.w3.org/2003/05/soap-envelope'
  const op = '<checkLogin xmlns="urn:x"/>'

  function refusal(xml: string): string {
    try {
      readEnvelope(parseXml(xml))
    } catch (error) {
      if (error instanceof IpsFault && error.definition === faults.invalidRequestXml) {
        return error.reason
      }
      throw error
    }
    throw new Error('accepted')
  }

  it('reads both SOAP versions, with and without a Header', () => {
    const withHeader = readEnvelope(
      parseXml(
        `<e:Envelope xmlns:e="${soap12}"><e:Header><h/></e:Header><e:Body>${op}</e:Body></e:Envelope>`,
      ),
    )
    expect(withHeader.version).toBe('1.2')
    expect(withHeader.headers.map((header) => header.name)).toEqual(['h'])
    expect(withHeader.body.name).toBe('checkLogin')
    const bare = readEnvelope(
      parseXml(`<e:Envelope xmlns:e="${soap11}"><e:Body>${op}</e:Body></e:Envelope>`),
    )
    expect(bare.version).toBe('1.1')
    expect(bare.headers).toEqual([])
  })

  it.each([
    [
      `<e:Envelope xmlns:e="${soap11}"><e:Body>${op}</e:Body><e:Body/></e:Envelope>`,
      'Envelope: nothing may follow the Body',
    ],
    [
      `<e:Envelope xmlns:e="${soap11}"><e:Header/><e:Body>${op}</e:Body><x/></e:Envelope>`,
      'Envelope: nothing may follow the Body',
    ],
    [
      `<e:Envelope xmlns:e="${soap11}"><e:Header/></e:Envelope>`,
      'Envelope: expected an optional Header followed by a Body',
    ],
    [
      `<e:Envelope xmlns:e="${soap11}"><Body xmlns="${soap12}">${op}</Body></e:Envelope>`,
      'Envelope: expected an optional Header followed by a Body',
    ],
    [
      `<e:Envelope xmlns:e="${soap11}"><e:Body>${op}${op}</e:Body></e:Envelope>`,
      'Body: expected exactly one operation element, found 2',
    ],
    [
      `<e:Envelope xmlns:e="${soap11}"><e:Body>x${op}</e:Body></e:Envelope>`,
      'Body: expected exactly one operation element, found 1 and text',
    ],
    [
      `<e:Envelope xmlns:e="${soap11}"><e:Body/></e:Envelope>`,
      'Body: expected exactly one operation element, found 0',
    ],
    [
      `<Envelope xmlns="urn:not-soap"><Body>${op}</Body></Envelope>`,
      'Not a SOAP message: the root element is {urn:not-soap}Envelope, expected a SOAP 1.1 or 1.2 Envelope',
    ],
    [
      `<e:Body xmlns:e="${soap11}">${op}</e:Body>`,
      'Not a SOAP message: the root element is {http://schemas.xmlsoap.org/soap/envelope/}Body, expected a SOAP 1.1 or 1.2 Envelope',
    ],
    [
      `<e:Envelope xmlns:e="${soap11}"/>`,
      'Envelope: expected an optional Header followed by a Body',
    ],
    [
      `<e:Envelope xmlns:e="${soap11}"><Header xmlns="urn:x"/><e:Body>${op}</e:Body></e:Envelope>`,
      'Envelope: expected an optional Header followed by a Body',
    ],
    [
      `<e:Envelope xmlns:e="${soap11}"><e:Body>\n  ${op}\n  ${op}\n</e:Body></e:Envelope>`,
      'Body: expected exactly one operation element, found 2',
    ],
    [
      `<Envelope/>`,
      'Not a SOAP message: the root element is Envelope, expected a SOAP 1.1 or 1.2 Envelope',
    ],
  ])('refuses %s with 30003: %s', (xml, reason) => {
    expect(refusal(xml)).toBe(reason)
  })

  it.each([
    ['exception', 'Receiver'],
    ['invalidRequestXml', 'Sender'],
  ] as const)('answers %s in SOAP 1.2 with the Code %s (SOAP 1.2 part 1 §5.4.6)', (name, code) => {
    const xml = soapFault('1.2', new IpsFault(name, 'why'))
    expect(xml).toContain(
      `<soapenv:Code><soapenv:Value>soapenv:${code}</soapenv:Value></soapenv:Code>`,
    )
  })
})
