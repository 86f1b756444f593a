import { describe, expect, it } from 'vitest'
import { expectValidSoap, validateIpsElement, validateSoapResponse } from './support/xsd.js'

// The oracle must be able to fail: every check below pairs a document the reference XSDs accept
// with a near copy they reject, and asserts where the rejection points.

const NS = 'http://www.scene7.com/IpsApi/xsd/2014-04-03'
const BASE = 'http://www.scene7.com/IpsApi/xsd'
const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/'
const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope'

const soap11 = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${SOAP11}"><soapenv:Header/><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`
const soap12 = (body: string) =>
  `<env:Envelope xmlns:env="${SOAP12}"><env:Body>${body}</env:Body></env:Envelope>`

const submitJobReturn = (ns: string, content = '<ns1:jobHandle>j|101|upload|</ns1:jobHandle>') =>
  `<ns1:submitJobReturn xmlns:ns1="${ns}">${content}</ns1:submitJobReturn>`

/** The fault detail element exactly as the IPS service writes it. */
const ipsApiFault = (code: string) =>
  `<ns1:ipsApiFault xmlns:ns1="${BASE}"><code xmlns="${BASE}">${code}</code><reason xmlns="${BASE}">x</reason></ns1:ipsApiFault>`
const fault11 = (detail: string) =>
  soap11(
    `<soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>IpsApiException</faultstring><detail>${detail}</detail></soapenv:Fault>`,
  )
const fault12 = (detail: string, value = 'env:Sender', lang = ' xml:lang="en"') =>
  soap12(
    `<env:Fault><env:Code><env:Value>${value}</env:Value></env:Code><env:Reason><env:Text${lang}>IpsApiException</env:Text></env:Reason><env:Detail>${detail}</env:Detail></env:Fault>`,
  )

/** An ActiveJob item with every required field, in schema order. */
const activeJobFields = [
  '<companyHandle>c|1</companyHandle>',
  '<jobHandle>j|1|a|</jobHandle>',
  '<name>a</name>',
  '<originalName>a</originalName>',
  '<type>UrlUpload</type>',
  '<state>Running</state>',
  '<submitUserEmail>u@test</submitUserEmail>',
  '<serverName>ips</serverName>',
  '<startDate>2024-01-02T03:04:05Z</startDate>',
  '<triggerTime>2024-01-02T03:04:05Z</triggerTime>',
  '<totalSize>1</totalSize>',
  '<progress>0</progress>',
  '<progressMessage>queued</progressMessage>',
  '<lastProgressUpdate>2024-01-02T03:04:05Z</lastProgressUpdate>',
  '<taskProgressArray/>',
]
const getActiveJobsReturn = (fields: string[]) =>
  `<getActiveJobsReturn xmlns="${NS}"><jobArray><items>${fields.join('')}</items></jobArray></getActiveJobsReturn>`

const VALID = { valid: true, errors: [] }

describe('validateIpsElement', () => {
  it('accepts a valid submitJobReturn in the 2014-04-03 namespace', () => {
    expect(validateIpsElement(submitJobReturn(NS))).toEqual(VALID)
  })

  it('rejects a submitJobReturn without jobHandle', () => {
    const result = validateIpsElement(submitJobReturn(NS, ''))
    expect(result.valid).toBe(false)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain(`'{${NS}}submitJobReturn': Missing child element(s)`)
    expect(result.errors[0]).toContain(`{${NS}}jobHandle`)
  })

  it('accepts getActiveJobsReturn items in schema order and rejects them out of order', () => {
    expect(validateIpsElement(getActiveJobsReturn(activeJobFields))).toEqual(VALID)
    const [company, job, name, ...rest] = activeJobFields as [string, string, string, ...string[]]
    const swapped = validateIpsElement(getActiveJobsReturn([company, name, job, ...rest]))
    expect(swapped.valid).toBe(false)
    expect(swapped.errors[0]).toContain(`'{${NS}}name': This element is not expected`)
    expect(swapped.errors[0]).toContain(`Expected is ( {${NS}}jobHandle )`)
  })

  it('rejects a value of the wrong simple type', () => {
    const fields = activeJobFields.map((f) => f.replace('<totalSize>1<', '<totalSize>big<'))
    const result = validateIpsElement(getActiveJobsReturn(fields))
    expect(result.valid).toBe(false)
    expect(result.errors[0]).toContain(`'{${NS}}totalSize': 'big' is not a valid value`)
  })

  it('validates the same elements in the unversioned namespace', () => {
    expect(validateIpsElement(submitJobReturn(BASE))).toEqual(VALID)
    expect(validateIpsElement(submitJobReturn(BASE, '')).errors[0]).toContain(`{${BASE}}jobHandle`)
  })

  it('validates fault elements and the docs authHeader against ips-base.xsd', () => {
    expect(validateIpsElement(ipsApiFault('30003'))).toEqual(VALID)
    const bad = validateIpsElement(ipsApiFault('abc'))
    expect(bad.valid).toBe(false)
    expect(bad.errors[0]).toMatch(
      /^ips-base\.xsd: Element '\{http:\/\/www\.scene7\.com\/IpsApi\/xsd\}code': 'abc'/,
    )
    // ips-base.xsd's authHeader requires user and password; the versioned one does not.
    expect(
      validateIpsElement(`<authHeader xmlns="${BASE}"><locale>en</locale></authHeader>`).errors[0],
    ).toContain(`'{${BASE}}locale': This element is not expected. Expected is ( {${BASE}}user )`)
  })

  it('rejects fault elements outside the unversioned namespace', () => {
    expect(
      validateIpsElement(
        `<ipsApiFault xmlns="${NS}"><code>1</code><reason>r</reason></ipsApiFault>`,
      ),
    ).toEqual({ valid: false, errors: [`ipsApiFault must be in ${BASE}, found ${NS}`] })
  })

  it('rejects a root element outside the IPS namespaces', () => {
    expect(validateIpsElement('<submitJobReturn xmlns="urn:other"/>')).toEqual({
      valid: false,
      errors: [
        `{urn:other}submitJobReturn is not in an IPS namespace (${BASE}[/YYYY-MM-DD[-beta]])`,
      ],
    })
    expect(validateIpsElement('<submitJobReturn/>').errors[0]).toContain('not in an IPS namespace')
    expect(validateIpsElement(`<unknownReturn xmlns="${NS}"/>`).errors[0]).toContain(
      `'{${NS}}unknownReturn': No matching global declaration`,
    )
  })

  it('reports XML that is not well-formed', () => {
    const result = validateIpsElement('<submitJobReturn>')
    expect(result.valid).toBe(false)
    expect(result.errors[0]).toMatch(/^not well-formed XML: /)
  })
})

describe('validateSoapResponse', () => {
  it('accepts a SOAP 1.1 submitJobReturn in the 2014-04-03 namespace', () => {
    expect(validateSoapResponse(soap11(submitJobReturn(NS)))).toEqual(VALID)
  })

  it('rejects a SOAP 1.1 submitJobReturn without jobHandle', () => {
    const result = validateSoapResponse(soap11(submitJobReturn(NS, '')))
    expect(result.valid).toBe(false)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain(`{${NS}}jobHandle`)
    expect(result.errors[0]).toContain('(at /soapenv:Envelope/soapenv:Body/ns1:submitJobReturn)')
  })

  it('accepts a SOAP 1.1 ipsApiFault and rejects one whose code is not an xsd:int', () => {
    expect(validateSoapResponse(fault11(ipsApiFault('30003')))).toEqual(VALID)
    const result = validateSoapResponse(fault11(ipsApiFault('abc')))
    expect(result.valid).toBe(false)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain(`Element '{${BASE}}code': 'abc' is not a valid value`)
    expect(result.errors[0]).toContain("atomic type 'xs:int'")
  })

  it('accepts a SOAP 1.2 fault and a SOAP 1.2 return', () => {
    expect(validateSoapResponse(fault12(ipsApiFault('30003')))).toEqual(VALID)
    expect(validateSoapResponse(soap12(submitJobReturn(NS)))).toEqual(VALID)
  })

  it('checks the SOAP 1.2 fault structure: Code/Value, Reason/Text xml:lang', () => {
    const value = validateSoapResponse(fault12(ipsApiFault('1'), 'env:Client'))
    expect(value.valid).toBe(false)
    expect(value.errors[0]).toContain(`Element '{${SOAP12}}Value': [facet 'enumeration']`)
    const lang = validateSoapResponse(fault12(ipsApiFault('1'), 'env:Sender', ''))
    expect(lang).toEqual({
      valid: false,
      errors: [
        `soap12-envelope.xsd: Element '{${SOAP12}}Text': the attribute xml:lang is required`,
      ],
    })
  })

  it('checks the SOAP 1.1 fault structure: faultcode is a QName and comes first', () => {
    const order = validateSoapResponse(
      soap11(
        `<soapenv:Fault><faultstring>x</faultstring><faultcode>soapenv:Client</faultcode><detail>${ipsApiFault('1')}</detail></soapenv:Fault>`,
      ),
    )
    expect(order.valid).toBe(false)
    expect(order.errors[0]).toContain("Element 'faultstring': This element is not expected")
    const prefix = validateSoapResponse(
      fault11(ipsApiFault('1')).replace('soapenv:Client', 'nope:Client'),
    )
    expect(prefix.errors[0]).toContain("'nope:Client' has no corresponding namespace declaration")
  })

  it('rejects an envelope with two Body children', () => {
    const result = validateSoapResponse(soap11(submitJobReturn(NS) + submitJobReturn(NS)))
    expect(result).toEqual({
      valid: false,
      errors: [
        `Body: expected exactly one child element, found {${NS}}submitJobReturn, {${NS}}submitJobReturn`,
      ],
    })
    expect(validateSoapResponse(soap11('')).errors).toEqual([
      'Body: expected exactly one child element, found none',
    ])
  })

  it('rejects a Header after the Body and text in the Body', () => {
    const late = validateSoapResponse(
      `<s:Envelope xmlns:s="${SOAP11}"><s:Body>${submitJobReturn(NS)}</s:Body><s:Header/></s:Envelope>`,
    )
    expect(late.valid).toBe(false)
    expect(late.errors[0]).toContain(`Element '{${SOAP11}}Header': This element is not expected`)
    const text = validateSoapResponse(soap11(`oops${submitJobReturn(NS)}`))
    expect(text.errors[0]).toContain(`Element '{${SOAP11}}Body': Character content`)
  })

  it('validates the unversioned namespace for returns and faults', () => {
    expect(validateSoapResponse(soap11(submitJobReturn(BASE)))).toEqual(VALID)
    expect(validateSoapResponse(soap11(submitJobReturn(BASE, ''))).errors[0]).toContain(
      `{${BASE}}jobHandle`,
    )
    const auth = `<ns1:authenticationFault xmlns:ns1="${BASE}"><ns1:code>10000</ns1:code><ns1:reason>no credentials</ns1:reason></ns1:authenticationFault>`
    expect(validateSoapResponse(fault11(auth))).toEqual(VALID)
    expect(validateSoapResponse(fault12(auth))).toEqual(VALID)
    expect(
      validateSoapResponse(fault11(auth.replace(/<ns1:reason>.*<\/ns1:reason>/, ''))).errors[0],
    ).toContain(
      `'{${BASE}}authenticationFault': Missing child element(s). Expected is ( {${BASE}}reason )`,
    )
  })

  it('rejects a root outside the SOAP namespaces', () => {
    expect(validateSoapResponse(submitJobReturn(NS))).toEqual({
      valid: false,
      errors: [`the root element {${NS}}submitJobReturn is not a SOAP 1.1 or 1.2 Envelope`],
    })
    expect(validateSoapResponse('<Envelope/>').valid).toBe(false)
  })

  it('rejects a Body child that is neither a *Return element nor a Fault', () => {
    expect(validateSoapResponse(soap11(`<ns1:submitJobParam xmlns:ns1="${NS}"/>`))).toEqual({
      valid: false,
      errors: [`Body: {${NS}}submitJobParam is neither a *Return element nor a {${SOAP11}}Fault`],
    })
    expect(validateSoapResponse(soap11('<x:fooReturn xmlns:x="urn:x"/>')).errors).toEqual([
      `{urn:x}fooReturn is not in an IPS namespace (${BASE}[/YYYY-MM-DD[-beta]])`,
    ])
  })

  it('rejects a fault whose detail is not one IPS fault element', () => {
    expect(validateSoapResponse(fault11('')).errors).toEqual([
      'detail: expected exactly one fault element, found none',
    ])
    expect(validateSoapResponse(fault11(ipsApiFault('1') + ipsApiFault('2'))).valid).toBe(false)
    expect(validateSoapResponse(fault11(`<authHeader xmlns="${BASE}"/>`)).errors[0]).toContain(
      `{${BASE}}authHeader is not an IPS fault element`,
    )
    const versioned = fault11(ipsApiFault('1').replaceAll(`"${BASE}"`, `"${NS}"`))
    expect(validateSoapResponse(versioned).errors[0]).toContain(
      `{${NS}}ipsApiFault is not an IPS fault element`,
    )
  })
})

describe('expectValidSoap', () => {
  it('passes a valid response and throws with the problems for an invalid one', () => {
    expect(() => expectValidSoap(soap11(submitJobReturn(NS)))).not.toThrow()
    expect(() => expectValidSoap(fault11(ipsApiFault('abc')))).toThrow(
      /not valid against the reference XSDs:\n {2}- ips-base\.xsd: Element '\{http:\/\/www\.scene7\.com\/IpsApi\/xsd\}code'/,
    )
  })
})
