import { fault } from '../faults/catalog.js'
import { parseXml, type XmlElement, type XmlLimits } from '../xml/parse.js'
import { XmlSyntaxError } from '../xml/error.js'

/**
 * Parses a request body; a document that is not well-formed XML is IPS fault 30003, its reason
 * naming the problem and where it is, never the text (which may hold a password).
 * @throws IpsFault 30003 `Malformed XML: <problem> at line <n>, column <n>`.
 * @example readRequestXml(body, defaultXmlLimits).name // 'Envelope'
 */
export function readRequestXml(text: string, limits: XmlLimits): XmlElement {
  try {
    return parseXml(text, limits)
  } catch (error) {
    if (error instanceof XmlSyntaxError) {
      throw fault('invalidRequestXml', `Malformed XML: ${error.message}`)
    }
    throw error
  }
}
