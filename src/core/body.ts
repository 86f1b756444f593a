import { fault } from '../faults/catalog.js'
import type { RawRequest } from './raw.js'

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })
const xmlMediaTypes = new Set(['text/xml', 'application/soap+xml', 'application/xml'])
const declaredEncoding = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/

/**
 * Reads a request body as UTF-8 XML text, refusing what IPS could not read as such.
 * @throws IpsFault 30003 when the body is too large, not UTF-8, declares another encoding, or
 * comes with a Content-Type that is not XML (no Content-Type at all is tolerated).
 */
export async function readXmlBody(request: RawRequest, maxBytes: number): Promise<string> {
  const type = request.headers.get('content-type')
  const media = type?.split(';')[0]?.trim().toLowerCase()
  if (media && !xmlMediaTypes.has(media)) {
    throw fault(
      'invalidRequestXml',
      `Content-Type '${media}' is not XML; send text/xml (SOAP 1.1) or application/soap+xml (SOAP 1.2)`,
    )
  }
  const declared = Number(request.headers.get('content-length'))
  if (request.oversize !== undefined) throw tooLarge(request.oversize)
  if (declared > maxBytes) throw tooLarge(maxBytes)
  const bytes = await request.bytes()
  if (bytes.byteLength > maxBytes) throw tooLarge(maxBytes)
  let text: string
  try {
    text = decoder.decode(bytes)
  } catch {
    throw fault('invalidRequestXml', 'Malformed XML: the body is not valid UTF-8')
  }
  const encoding = declaredEncoding.exec(text)?.[1]
  if (encoding && !/^utf-?8$/i.test(encoding)) {
    throw fault(
      'invalidRequestXml',
      `Malformed XML: encoding '${encoding}' is not supported; send UTF-8`,
    )
  }
  return text
}

function tooLarge(maxBytes: number) {
  return fault('invalidRequestXml', `The request body exceeds the limit of ${maxBytes} bytes`)
}
