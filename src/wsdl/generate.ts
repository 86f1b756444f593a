import { namespaces, type OperationDef, operations } from '../schema/table.js'
import { schemaFor } from '../schema/versions.js'
import { baseElementNames, renderSchemas } from './schemas.js'
import { escapeAttribute, isNcName } from './xml.js'
import { IpsMockError } from '../errors/ips-mock-error.js'

/** What {@link generateWsdl} needs to know. */
export interface WsdlOptions {
  /** API version, e.g. '2014-04-03' or '2022-11-01-beta'; undefined = the unversioned namespace. */
  version?: string
  /** Absolute service URL written into soap:address / soap12:address. */
  serviceUrl: string
  /** Operation names to include (keys of `operations` in src/schema/table.ts), in order. */
  operations: readonly string[]
}

const WSDL = 'http://schemas.xmlsoap.org/wsdl/'
const SOAP11 = 'http://schemas.xmlsoap.org/wsdl/soap/'
const SOAP12 = 'http://schemas.xmlsoap.org/wsdl/soap12/'
const HTTP_TRANSPORT = 'http://schemas.xmlsoap.org/soap/http'
const FAULTS = ['authenticationFault', 'authorizationFault', 'ipsApiFault'] as const

function resolveOperations(names: readonly string[]): OperationDef[] {
  const resolved = new Map<string, OperationDef>()
  for (const name of names) {
    const op = operations.get(name)
    if (!op || !isNcName(name)) {
      throw new IpsMockError({
        code: 'INVALID_ARGUMENT',
        action: 'generate a WSDL',
        reason: `"${name}" is not an IPS SOAP operation`,
      })
    }
    if (baseElementNames.includes(op.input) || baseElementNames.includes(op.output)) {
      throw new IpsMockError({
        code: 'INVALID_ARGUMENT',
        action: 'generate a WSDL',
        reason: `"${name}" clashes with a header or fault`,
      })
    }
    resolved.set(name, op)
  }
  return [...resolved.values()]
}

function messages(ops: readonly OperationDef[]): string[] {
  const message = (name: string, part: string, element: string) =>
    `  <wsdl:message name="${name}">\n    <wsdl:part name="${part}" element="${element}"/>\n  </wsdl:message>`
  return [
    ...ops.flatMap((op) => [
      message(`${op.name}Request`, 'parameters', `tns:${op.input}`),
      message(`${op.name}Response`, 'parameters', `tns:${op.output}`),
    ]),
    message('authHeader', 'authHeader', 'ips:authHeader'),
    ...FAULTS.map((fault) => message(fault, 'fault', `ips:${fault}`)),
  ]
}

function portType(ops: readonly OperationDef[]): string {
  const operation = (op: OperationDef) =>
    [
      `    <wsdl:operation name="${op.name}">`,
      `      <wsdl:input name="${op.name}Request" message="tns:${op.name}Request"/>`,
      `      <wsdl:output name="${op.name}Response" message="tns:${op.name}Response"/>`,
      ...FAULTS.map((fault) => `      <wsdl:fault name="${fault}" message="tns:${fault}"/>`),
      '    </wsdl:operation>',
    ].join('\n')
  return `  <wsdl:portType name="IpsApiPortType">\n${ops.map(operation).join('\n')}\n  </wsdl:portType>`
}

function binding(name: string, soap: 'soap' | 'soap12', ops: readonly OperationDef[]): string {
  const operation = (op: OperationDef) =>
    [
      `    <wsdl:operation name="${op.name}">`,
      `      <${soap}:operation soapAction="${op.name}" style="document"/>`,
      `      <wsdl:input name="${op.name}Request">`,
      `        <${soap}:header message="tns:authHeader" part="authHeader" use="literal"/>`,
      `        <${soap}:body use="literal"/>`,
      '      </wsdl:input>',
      `      <wsdl:output name="${op.name}Response">`,
      `        <${soap}:body use="literal"/>`,
      '      </wsdl:output>',
      ...FAULTS.map(
        (fault) =>
          `      <wsdl:fault name="${fault}">\n        <${soap}:fault name="${fault}" use="literal"/>\n      </wsdl:fault>`,
      ),
      '    </wsdl:operation>',
    ].join('\n')
  return [
    `  <wsdl:binding name="${name}" type="tns:IpsApiPortType">`,
    `    <${soap}:binding style="document" transport="${HTTP_TRANSPORT}"/>`,
    ...ops.map(operation),
    '  </wsdl:binding>',
  ].join('\n')
}

function service(serviceUrl: string): string {
  const address = escapeAttribute(serviceUrl)
  return [
    '  <wsdl:service name="IpsApiService">',
    '    <wsdl:port name="IpsApiSoapPort" binding="tns:IpsApiSoapBinding">',
    `      <soap:address location="${address}"/>`,
    '    </wsdl:port>',
    '    <wsdl:port name="IpsApiSoap12Port" binding="tns:IpsApiSoap12Binding">',
    `      <soap12:address location="${address}"/>`,
    '    </wsdl:port>',
    '  </wsdl:service>',
  ].join('\n')
}

/**
 * Generates an IPS WSDL 1.1 document (document/literal, SOAP 1.1 and 1.2 bindings) from the
 * schema table of the version's API: exactly the elements and types that version has. Pure: the same options always give the same string; callers may cache it.
 * @example generateWsdl({ version: '2014-04-03', serviceUrl: 'http://127.0.0.1:8080/scene7/services/IpsApiService', operations: ['submitJob'] })
 */
export function generateWsdl(options: WsdlOptions): string {
  const { version } = options
  if (version !== undefined && !/^\d{4}-\d{2}-\d{2}(?:-beta)?$/.test(version)) {
    throw new IpsMockError({
      code: 'INVALID_ARGUMENT',
      action: 'generate a WSDL',
      reason: `"${version}" is not an IPS API version`,
    })
  }
  const tns = version === undefined ? namespaces.base : `${namespaces.base}/${version}`
  // An operation the version does not have (e.g. one added later) is left out of its WSDL.
  const schema = schemaFor(tns)
  const ops = resolveOperations(options.operations).filter((op) => schema.types.has(op.inputType))
  const schemas = renderSchemas(tns, ops).map((schema) => schema.replace(/^/gm, '    '))
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<wsdl:definitions xmlns:wsdl="${WSDL}" xmlns:soap="${SOAP11}" xmlns:soap12="${SOAP12}"` +
      ` xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:tns="${tns}"` +
      ` xmlns:ips="${namespaces.base}" targetNamespace="${tns}">`,
    '  <wsdl:types>',
    ...schemas,
    '  </wsdl:types>',
    ...messages(ops),
    portType(ops),
    binding('IpsApiSoapBinding', 'soap', ops),
    binding('IpsApiSoap12Binding', 'soap12', ops),
    service(options.serviceUrl),
    '</wsdl:definitions>',
    '',
  ].join('\n')
}
