import { namespaces } from '../schema/table.js'
import { faultStrings, type IpsFault } from '../faults/catalog.js'
import { SOAP11, SOAP12, type SoapVersion } from './namespaces.js'
import { escapeXml } from '../xml/escape.js'

const contentTypes: Record<SoapVersion, string> = {
  '1.1': 'text/xml;charset=UTF-8',
  '1.2': 'application/soap+xml;charset=UTF-8',
}

/** The response Content-Type for a SOAP version. */
export function soapContentType(version: SoapVersion): string {
  return contentTypes[version]
}

/**
 * Wraps a body in a SOAP envelope of the request's version, in the documented shape: prefix
 * `soapenv` and an empty Header (reference §1.1).
 */
export function soapEnvelope(version: SoapVersion, body: string): string {
  const ns = version === '1.1' ? SOAP11 : SOAP12
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${ns}"><soapenv:Header/><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`
}

/**
 * The fault detail element, in the unversioned namespace whatever the request's version,
 * written like the documented sample (§4.1).
 */
export function faultDetail(error: IpsFault): string {
  const ns = namespaces.base
  return (
    `<ns1:${error.element} xmlns:ns1="${ns}">` +
    `<code xmlns="${ns}">${error.code}</code>` +
    `<reason xmlns="${ns}">${escapeXml(error.reason)}</reason>` +
    `</ns1:${error.element}>`
  )
}

/**
 * The one place an IPS fault becomes a SOAP Fault: SOAP 1.1 faultcode/faultstring/detail, or
 * SOAP 1.2 Code/Reason/Detail.
 * @example soapFault('1.1', new IpsFault('invalidCredentials', 'Invalid username/password'))
 */
export function soapFault(version: SoapVersion, error: IpsFault): string {
  const faultstring = faultStrings[error.element]
  const detail = faultDetail(error)
  if (version === '1.1') {
    return soapEnvelope(
      version,
      `<soapenv:Fault><faultcode>soapenv:${error.definition.faultcode}</faultcode><faultstring>${faultstring}</faultstring><detail>${detail}</detail></soapenv:Fault>`,
    )
  }
  const code = error.definition.faultcode === 'Client' ? 'Sender' : 'Receiver'
  return soapEnvelope(
    version,
    `<soapenv:Fault><soapenv:Code><soapenv:Value>soapenv:${code}</soapenv:Value></soapenv:Code><soapenv:Reason><soapenv:Text xml:lang="en">${faultstring}</soapenv:Text></soapenv:Reason><soapenv:Detail>${detail}</soapenv:Detail></soapenv:Fault>`,
  )
}
