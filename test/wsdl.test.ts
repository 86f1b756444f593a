import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { XmlDocument, type XmlElement, XsdValidator } from 'libxml2-wasm'
import { createClientAsync } from 'soap'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { namespaces, operations } from '../src/schema/table.js'
import { schemaFor } from '../src/schema/versions.js'
import { generateWsdl } from '../src/wsdl/generate.js'

const SERVICE_URL = 'http://127.0.0.1:8080/scene7/services/IpsApiService'
const BASE_NS = namespaces.base
const ns = {
  wsdl: 'http://schemas.xmlsoap.org/wsdl/',
  soap: 'http://schemas.xmlsoap.org/wsdl/soap/',
  soap12: 'http://schemas.xmlsoap.org/wsdl/soap12/',
  xsd: 'http://www.w3.org/2001/XMLSchema',
  env: 'http://schemas.xmlsoap.org/soap/envelope/',
}
/** Every SOAP operation of the table (the uploadPost entry is an HTTP form, not SOAP). */
const soapOperations = [...operations.keys()].filter((name) => /^\w+$/.test(name))

const uploadUrlsJob =
  '<uploadUrlsJob><urlArray><items><sourceUrl>https://img.test/a.jpg</sourceUrl><destPath>up/a.jpg</destPath></items></urlArray>' +
  '<overwrite>true</overwrite><readyForPublish>true</readyForPublish><createMask>false</createMask><emailSetting>All</emailSetting></uploadUrlsJob>'
const submitJobParam = (
  uri: string,
  body = `<companyHandle>c|1</companyHandle><jobName>j</jobName>${uploadUrlsJob}`,
) => `<submitJobParam xmlns="${uri}">${body}</submitJobParam>`

const attr = (node: XmlElement, name: string) => node.attrs.find((a) => a.name === name)?.value
const elements = (doc: XmlDocument | XmlElement, xpath: string) =>
  doc.find(xpath, ns) as XmlElement[]

/** Compiles every xsd:schema of a WSDL on its own (the IPS schemas reference nothing across). */
function compileSchemas(wsdl: string): Map<string, XsdValidator> {
  const doc = XmlDocument.fromString(wsdl)
  try {
    const validators = new Map<string, XsdValidator>()
    for (const schema of elements(doc, '/wsdl:definitions/wsdl:types/xsd:schema')) {
      const schemaDoc = XmlDocument.fromString(schema.toString())
      try {
        validators.set(attr(schema, 'targetNamespace') ?? '', XsdValidator.fromDoc(schemaDoc))
      } finally {
        schemaDoc.dispose()
      }
    }
    return validators
  } finally {
    doc.dispose()
  }
}

/** Validates `xml` (or its element at `xpath`) against the schema of its namespace. */
function validate(validators: Map<string, XsdValidator>, xml: string, xpath = '/*'): string | true {
  const doc = XmlDocument.fromString(xml)
  try {
    const [target] = elements(doc, xpath)
    if (!target) return `no element at ${xpath}`
    const validator = validators.get(target.namespaceUri)
    if (!validator) return `no schema for ${target.namespaceUri}`
    validator.validate(target)
    return true
  } catch (error) {
    return (error as Error).message
  } finally {
    doc.dispose()
  }
}

let folder: string
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'ips-mock-wsdl-'))
})
afterAll(async () => {
  await rm(folder, { recursive: true, force: true })
})

describe.each([
  { label: 'unversioned', version: undefined, tns: BASE_NS },
  { label: '2014-04-03', version: '2014-04-03', tns: `${BASE_NS}/2014-04-03` },
  { label: '2022-11-01-beta', version: '2022-11-01-beta', tns: `${BASE_NS}/2022-11-01-beta` },
])('$label', ({ version, tns }) => {
  const wsdl = generateWsdl({ version, serviceUrl: SERVICE_URL, operations: soapOperations })

  it('is a well-formed WSDL with one portType, two bindings and two ports', () => {
    const doc = XmlDocument.fromString(wsdl)
    try {
      expect(attr(doc.root, 'targetNamespace')).toBe(tns)
      const schemas = elements(doc, '/wsdl:definitions/wsdl:types/xsd:schema')
      expect(schemas.map((s) => attr(s, 'targetNamespace'))).toEqual(
        version ? [tns, BASE_NS] : [BASE_NS],
      )
      const globals = elements(doc, '//xsd:schema/xsd:element').map((e) => attr(e, 'name'))
      expect(new Set(globals).size).toBe(globals.length)
      expect(globals).toEqual(
        expect.arrayContaining(['authHeader', 'ipsApiFault', 'submitJobParam']),
      )
      const portOps = elements(doc, '//wsdl:portType[@name="IpsApiPortType"]/wsdl:operation')
      // getArchivedJobLogDetails is absent in 2017-10-29-beta and older (reference §9).
      const versionOps =
        version && version >= '2021-04-26'
          ? soapOperations
          : soapOperations.filter((name) => name !== 'getArchivedJobLogDetails')
      expect(portOps.map((op) => attr(op, 'name'))).toEqual(versionOps)
      for (const [binding, soap] of [
        ['IpsApiSoapBinding', 'soap'],
        ['IpsApiSoap12Binding', 'soap12'],
      ]) {
        const op = `//wsdl:binding[@name="${binding}"]/wsdl:operation[@name="submitJob"]`
        const [action] = elements(doc, `${op}/${soap}:operation`)
        expect(action && attr(action, 'soapAction')).toBe('submitJob')
        expect(elements(doc, `${op}/wsdl:input/${soap}:header[@part="authHeader"]`)).toHaveLength(1)
        expect(elements(doc, `${op}/wsdl:fault/${soap}:fault[@use="literal"]`)).toHaveLength(3)
      }
      const addresses = elements(doc, '//wsdl:service[@name="IpsApiService"]/wsdl:port/*')
      expect(addresses.map((a) => [a.namespaceUri, attr(a, 'location')])).toEqual([
        [ns.soap, SERVICE_URL],
        [ns.soap12, SERVICE_URL],
      ])
    } finally {
      doc.dispose()
    }
  })

  it('embeds schemas that libxml2 compiles and that validate real documents', () => {
    const validators = compileSchemas(wsdl)
    try {
      expect(validate(validators, submitJobParam(tns))).toBe(true)
      const swapped = `<jobName>j</jobName><companyHandle>c|1</companyHandle>${uploadUrlsJob}`
      expect(validate(validators, submitJobParam(tns, swapped))).toMatch(/jobName.*not expected/)
      const auth = `<authHeader xmlns="${BASE_NS}"><user>u</user><password>p</password><appName>a</appName></authHeader>`
      expect(validate(validators, auth)).toBe(true)
      expect(validate(validators, auth.replace('<user>u</user>', ''))).toMatch(
        /password.*not expected/,
      )
      const fault = `<ipsApiFault xmlns="${BASE_NS}"><code>30001</code><reason>r</reason></ipsApiFault>`
      expect(validate(validators, fault)).toBe(true)
      if (version) expect(validate(validators, submitJobParam(BASE_NS))).not.toBe(true)
    } finally {
      for (const validator of validators.values()) validator.dispose()
    }
  })

  it('gives node-soap a client for both ports whose requests the schemas accept', async () => {
    const file = join(folder, `IpsApi-${version ?? 'base'}.wsdl`)
    await writeFile(file, wsdl)
    const sent: { url: string; body: string; headers: Record<string, string> }[] = []
    const httpClient = {
      request(
        url: string,
        body: string,
        callback: (...args: unknown[]) => void,
        headers: Record<string, string>,
      ) {
        sent.push({ url, body, headers })
        const reply = `<soapenv:Envelope xmlns:soapenv="${ns.env}"><soapenv:Body><ns1:submitJobReturn xmlns:ns1="${tns}"><ns1:jobHandle>j|1|x|</ns1:jobHandle></ns1:submitJobReturn></soapenv:Body></soapenv:Envelope>`
        callback(null, { status: 200, statusCode: 200, headers: {} }, reply)
      },
    }
    const client = await createClientAsync(file, { strict: true, httpClient: httpClient as any })
    const service = client.describe().IpsApiService
    expect(Object.keys(service)).toEqual(['IpsApiSoapPort', 'IpsApiSoap12Port'])
    for (const port of Object.values(service) as Record<
      string,
      { input: Record<string, unknown> }
    >[]) {
      const submitJob = port.submitJob
      expect(submitJob?.input).toMatchObject({
        companyHandle: 'xsd:string',
        execTime: 'xsd:dateTime',
        uploadUrlsJob: {
          urlArray: { 'items[]': { sourceUrl: 'xsd:string', destPath: 'xsd:string' } },
          overwrite: 'xsd:boolean',
          targetNamespace: tns,
        },
      })
      expect(Object.keys(submitJob?.input ?? {}).slice(0, 3)).toEqual([
        'companyHandle',
        'userHandle',
        'jobName',
      ])
      expect(submitJob).toMatchObject({ output: { jobHandle: 'xsd:string' } })
    }

    client.addSoapHeader({ authHeader: { user: 'u', password: 'p' } }, '', 'ips', BASE_NS)
    const [result] = await client.submitJobAsync({
      companyHandle: 'c|1',
      jobName: 'j',
      uploadUrlsJob: {
        urlArray: { items: [{ sourceUrl: 'https://img.test/a.jpg', destPath: 'up/a.jpg' }] },
        overwrite: true,
        readyForPublish: true,
        createMask: false,
        emailSetting: 'All',
      },
    })
    expect(result).toEqual({ jobHandle: 'j|1|x|' })
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ url: SERVICE_URL, headers: { SOAPAction: '"submitJob"' } })
    expect(client.lastRequest).toBe(sent[0]?.body)
    const validators = compileSchemas(wsdl)
    try {
      const request = client.lastRequest ?? ''
      expect(validate(validators, request, '/env:Envelope/env:Body/*')).toBe(true)
      expect(validate(validators, request, '/env:Envelope/env:Header/*')).toBe(true)
    } finally {
      for (const validator of validators.values()) validator.dispose()
    }
  })
})

it('writes every reachable type once, in table order, exactly as the table says', () => {
  const wsdl = generateWsdl({
    version: '2014-04-03',
    serviceUrl: SERVICE_URL,
    operations: soapOperations,
  })
  const reversed = [...soapOperations].reverse()
  const other = generateWsdl({
    version: '2014-04-03',
    serviceUrl: SERVICE_URL,
    operations: reversed,
  })
  const doc = XmlDocument.fromString(wsdl)
  const otherDoc = XmlDocument.fromString(other)
  try {
    const names = (d: XmlDocument) =>
      elements(d, '//xsd:schema/xsd:complexType').map((t) => attr(t, 'name') ?? '')
    const typeNames = names(doc)
    expect(typeNames).toEqual(names(otherDoc))
    expect(new Set(typeNames).size).toBe(typeNames.length)
    expect(typeNames).toEqual(expect.arrayContaining(['UploadUrlsJob', 'UploadUrlArray']))
    const getType = (name: string) => schemaFor(`${BASE_NS}/2014-04-03`).getType(name)
    const occurs = (n: number) => (n === Number.POSITIVE_INFINITY ? 'unbounded' : String(n))
    const expected = (typeName: string) =>
      getType(typeName).elements.map((e) => [
        e.name,
        e.type.startsWith('xsd:') ? e.type : `tns:${e.type}`,
        String(e.min),
        occurs(e.max),
      ])
    const actual = (sequence: string) =>
      elements(doc, `${sequence}/xsd:sequence/xsd:element`).map((e) =>
        ['name', 'type', 'minOccurs', 'maxOccurs'].map((a) => attr(e, a)),
      )
    for (const name of typeNames) {
      expect(actual(`//xsd:complexType[@name="${name}"]`)).toEqual(expected(name))
      for (const ref of getType(name).elements) {
        if (!ref.type.startsWith('xsd:')) expect(typeNames).toContain(ref.type)
      }
    }
    for (const op of soapOperations.map((name) => operations.get(name))) {
      if (!op || op.name === 'getArchivedJobLogDetails') continue
      expect(actual(`//xsd:element[@name="${op.input}"]/xsd:complexType`)).toEqual(
        expected(op.inputType),
      )
      expect(actual(`//xsd:element[@name="${op.output}"]/xsd:complexType`)).toEqual(
        expected(op.outputType),
      )
    }
    expect(wsdl).toContain('maxOccurs="unbounded"')
    expect(elements(doc, '//xsd:restriction')).toHaveLength(0)
    const [sortBy] = elements(
      doc,
      '//xsd:element[@name="getJobLogsParam"]//xsd:element[@name="sortBy"]',
    )
    expect(sortBy && attr(sortBy, 'type')).toBe('xsd:string')
    expect(sortBy?.toString()).toContain('Documented values: JobName, LogType')
  } finally {
    doc.dispose()
    otherDoc.dispose()
  }
})

it('is deterministic and includes only the operations asked for', () => {
  const options = { version: '2013-02-15', serviceUrl: SERVICE_URL, operations: ['stopJob'] }
  const wsdl = generateWsdl(options)
  expect(generateWsdl(options)).toBe(wsdl)
  expect(wsdl).toContain('<xsd:element name="stopJobParam">')
  expect(wsdl).not.toContain('submitJob')
  expect(wsdl).not.toContain('<xsd:complexType name=')
})

it('escapes the service URL and refuses what XML cannot carry', () => {
  const serviceUrl = `http://h/s?a=1&b="2"&c='<3>'`
  const wsdl = generateWsdl({ serviceUrl, operations: ['submitJob'] })
  const doc = XmlDocument.fromString(wsdl)
  try {
    const locations = elements(doc, '//wsdl:port/*').map((a) => attr(a, 'location'))
    expect(locations).toEqual([serviceUrl, serviceUrl])
  } finally {
    doc.dispose()
  }
  expect(() => generateWsdl({ serviceUrl: 'http://h/\u0000', operations: [] })).toThrow(/XML 1.0/)
})

it('refuses unknown operations and malformed versions', () => {
  expect(() => generateWsdl({ serviceUrl: SERVICE_URL, operations: ['nope'] })).toThrow(/"nope"/)
  const upload =
    [...operations.keys()].find((name) => name.startsWith('uploadPost')) ?? 'uploadPost'
  expect(() => generateWsdl({ serviceUrl: SERVICE_URL, operations: [upload] })).toThrow()
  const bad = { version: '2014-04-03"/>', serviceUrl: SERVICE_URL, operations: [] }
  expect(() => generateWsdl(bad)).toThrow(/not an IPS API version/)
})
