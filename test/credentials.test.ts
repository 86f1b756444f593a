import { describe, expect, it } from 'vitest'
import { findAuthHeader, readCredentials, readHeaderOptions } from '../src/auth/credentials.js'
import { IpsFault } from '../src/faults/catalog.js'
import { parseXml, type XmlElement } from '../src/xml/parse.js'

/**
 * The authHeader fields and credential sources of reference §3.1, read one at a time: each
 * boundary of a field's accepted values, and the precedence of the three credential sources.
 */
const ips = 'http://www.scene7.com/IpsApi/xsd/2014-04-03'
const legacy = 'http://www.scene7.com/IpsApi'

function header(fields: string, ns = ips): XmlElement {
  return parseXml(`<authHeader xmlns="${ns}">${fields}</authHeader>`)
}

function legacyHeaders(user: string, password?: string): XmlElement[] {
  const element = (name: string, text: string) =>
    parseXml(`<${name} xmlns="${legacy}">${text}</${name}>`)
  return password === undefined
    ? [element('AuthUser', user)]
    : [element('AuthUser', user), element('AuthPassword', password)]
}

function basic(pair: string): string {
  return `Basic ${Buffer.from(pair).toString('base64')}`
}

function refusal(run: () => unknown): { code: number; reason: string } {
  try {
    run()
  } catch (error) {
    if (error instanceof IpsFault) return { code: error.definition.code, reason: error.reason }
    throw error
  }
  throw new Error('accepted')
}

describe('authHeader request options', () => {
  it('accepts faultHttpStatusCode from 200 to 599, three digits, around spaces', () => {
    expect(readHeaderOptions(header('<faultHttpStatusCode>200</faultHttpStatusCode>'))).toEqual({
      faultHttpStatusCode: 200,
    })
    expect(readHeaderOptions(header('<faultHttpStatusCode> 599 </faultHttpStatusCode>'))).toEqual({
      faultHttpStatusCode: 599,
    })
  })

  it.each(['199', '600', '0200', '20', '2e2', 'abc', ''])(
    'refuses faultHttpStatusCode %j with 30003 naming the field and the value',
    (value) => {
      const refused = refusal(() =>
        readHeaderOptions(header(`<faultHttpStatusCode>${value}</faultHttpStatusCode>`)),
      )
      expect(refused).toEqual({
        code: 30003,
        reason: `authHeader/faultHttpStatusCode: '${value}' is not an HTTP status between 200 and 599`,
      })
    },
  )

  it.each([
    ['true', true],
    ['1', true],
    [' false ', false],
    ['0', false],
  ])('reads gzipResponse %j as %j', (value, expected) => {
    expect(readHeaderOptions(header(`<gzipResponse>${value}</gzipResponse>`))).toEqual({
      gzipResponse: expected,
    })
  })

  it('refuses a gzipResponse that is no xsd:boolean, naming the value', () => {
    expect(refusal(() => readHeaderOptions(header('<gzipResponse>TRUE</gzipResponse>')))).toEqual({
      code: 30003,
      reason: "authHeader/gzipResponse: 'TRUE' is not a valid xsd:boolean",
    })
  })

  it('keeps locale, appName and appVersion as sent, and nothing that was not sent', () => {
    const fields = '<locale> de_DE</locale><appName>Uploader</appName><appVersion>2.1</appVersion>'
    expect(readHeaderOptions(header(fields))).toEqual({
      locale: ' de_DE',
      appName: 'Uploader',
      appVersion: '2.1',
    })
    expect(readHeaderOptions(header('<user>u@x</user>'))).toEqual({})
    expect(readHeaderOptions(undefined)).toEqual({})
  })

  it('refuses a field holding an element with 30003, naming header and field', () => {
    expect(refusal(() => readHeaderOptions(header('<appName><b/>x</appName>')))).toEqual({
      code: 30003,
      reason: 'authHeader/appName: element content is not allowed in a field of a simple type',
    })
  })
})

describe('credential sources (reference §3.1)', () => {
  it('finds authHeader only by its name in an IPS namespace', () => {
    const wanted = header('<user>u@x</user>')
    const stray = header('<user>v@x</user>', 'urn:other')
    const other = parseXml(`<otherHeader xmlns="${ips}"/>`)
    expect(findAuthHeader([stray, other, wanted])).toBe(wanted)
    expect(findAuthHeader([stray, other])).toBeUndefined()
  })

  it('takes user and password from authHeader, trimming the user and defaulting the password', () => {
    expect(readCredentials([], header('<user> u@x </user><password>p w</password>'), null)).toEqual(
      { user: 'u@x', password: 'p w', source: 'authHeader' },
    )
    expect(readCredentials([], header('<user>u@x</user>'), null)).toEqual({
      user: 'u@x',
      password: '',
      source: 'authHeader',
    })
  })

  it('falls back from an authHeader whose user is blank to the legacy headers, then to Basic', () => {
    const blank = header('<user>  </user><password>p</password>')
    expect(readCredentials(legacyHeaders(' old@x ', 'pw'), blank, null)).toEqual({
      user: 'old@x',
      password: 'pw',
      source: 'legacyHeaders',
    })
    expect(readCredentials(legacyHeaders('old@x'), undefined, null)).toEqual({
      user: 'old@x',
      password: '',
      source: 'legacyHeaders',
    })
    expect(readCredentials(legacyHeaders(' '), blank, basic('b@x:pw'))).toEqual({
      user: 'b@x',
      password: 'pw',
      source: 'httpBasic',
    })
  })

  it('reads the legacy headers only in their own namespace', () => {
    const elsewhere = [parseXml(`<AuthUser xmlns="${ips}">old@x</AuthUser>`)]
    expect(readCredentials(elsewhere, undefined, null)).toEqual({ source: 'none' })
  })

  it('reads HTTP Basic in any case of the scheme, with spaces around the token', () => {
    const token = Buffer.from('b@x:a:b').toString('base64')
    expect(readCredentials([], undefined, `basic   ${token}  `)).toEqual({
      user: 'b@x',
      password: 'a:b',
      source: 'httpBasic',
    })
  })

  it.each([
    ['another scheme', `Bearer ${Buffer.from('b@x:pw').toString('base64')}`],
    ['no space after the scheme', `Basic${Buffer.from('b@x:pw').toString('base64')}`],
    ['text before the scheme', `x Basic ${Buffer.from('b@x:pw').toString('base64')}`],
    ['text after the token', `Basic ${Buffer.from('b@x:pw').toString('base64')} x`],
    ['a pair without a colon', basic('b@x')],
    ['no token', 'Basic '],
  ])('reads no credentials from a Basic header with %s', (_, authorization) => {
    expect(readCredentials([], undefined, authorization)).toEqual({ source: 'none' })
  })

  it('names a stray authHeader only when no IPS authHeader was found', () => {
    const stray = header('<user>v@x</user>', 'urn:other')
    expect(readCredentials([stray], undefined, null)).toEqual({
      source: 'none',
      strayAuthHeaderNs: 'urn:other',
    })
    const ipsHeader = header('<password>p</password>')
    expect(readCredentials([stray, ipsHeader], ipsHeader, null)).toEqual({ source: 'none' })
  })
})
