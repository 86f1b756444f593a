import { XMLParser } from 'fast-xml-parser'

const reader = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name) => name === 'items',
})

export interface FaultInfo {
  element: string
  code: number
  reason: string
  /** SOAP 1.1 faultcode or SOAP 1.2 Code/Value. */
  faultcode: string
  faultstring: string
}

export interface Answer {
  status: number
  contentType: string
  xml: string
  /** The Body child, parsed loosely (prefixes dropped) for assertions. */
  body: Record<string, unknown>
  fault?: FaultInfo
}

type Node = Record<string, unknown>

/** Reads a SOAP response for assertions: status, raw XML, Body content, fault detail. */
export async function read(response: Response): Promise<Answer> {
  const xml = await response.text()
  const parsed = reader.parse(xml) as Node
  const envelope = parsed.Envelope as Node
  const body = (envelope?.Body ?? {}) as Node
  const answer: Answer = {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    xml,
    body,
  }
  const soapFault = body.Fault as Node | undefined
  if (soapFault) {
    const detail = (soapFault.detail ?? soapFault.Detail) as Node
    const [element, content] = Object.entries(detail).find(([key]) => !key.startsWith('@')) as [
      string,
      Node,
    ]
    const text = (node: unknown) =>
      typeof node === 'object' && node !== null ? String((node as Node)['#text']) : String(node)
    answer.fault = {
      element,
      code: Number(text(content.code)),
      reason: text(content.reason),
      faultcode: soapFault.faultcode
        ? String(soapFault.faultcode)
        : String(((soapFault.Code as Node).Value as unknown) ?? ''),
      faultstring: soapFault.faultstring
        ? String(soapFault.faultstring)
        : text((soapFault.Reason as Node).Text),
    }
  }
  return answer
}
