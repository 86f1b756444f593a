import { IpsMockError } from '../errors/ips-mock-error.js'

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#x9;',
  '\n': '&#xA;',
  '\r': '&#xD;',
}

/** False for characters XML 1.0 cannot carry at all, not even as a character reference. */
function representable(value: string): boolean {
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0
    if (code < 0x20 && code !== 0x9 && code !== 0xa && code !== 0xd) return false
    // for…of yields surrogate pairs whole, so a surrogate seen here is a lone one.
    if ((code >= 0xd800 && code <= 0xdfff) || code === 0xfffe || code === 0xffff) return false
  }
  return true
}

/**
 * Escapes a string for a double- or single-quoted XML attribute value. Tabs and line breaks
 * become character references, so attribute-value normalisation cannot alter them; characters
 * XML 1.0 cannot represent (most C0 controls, lone surrogates, U+FFFE/U+FFFF) are refused.
 * @example escapeAttribute('http://h/s?a=1&b="2"') // 'http://h/s?a=1&amp;b=&quot;2&quot;'
 */
export function escapeAttribute(value: string): string {
  if (!representable(value)) {
    throw new IpsMockError({
      code: 'UNREPRESENTABLE',
      action: 'write',
      subject: JSON.stringify(value).slice(1, -1),
      reason: 'it contains a character XML 1.0 cannot represent',
    })
  }
  return value.replace(/[&<>"'\t\n\r]/g, (char) => escapes[char] ?? char)
}

/**
 * True for a name usable as a WSDL/XSD component name (an XML NCName, ASCII subset).
 * @example isNcName('submitJob') // true; isNcName('uploadPost (HTTP)') // false
 */
export function isNcName(name: string): boolean {
  return /^[A-Za-z_][\w.-]*$/.test(name)
}
