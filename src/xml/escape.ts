const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\r': '&#xD;',
  '\t': '&#x9;',
}
const special = /[&<>"\r\t]/
const specials = /[&<>"\r\t]/g

/**
 * Escapes text for element content or a double-quoted attribute value. A carriage return and a
 * tab become character references: a reader normalises a literal CR to LF (XML 1.0 §2.11), so
 * only the reference brings it back, and a tab keeps its place in an attribute too.
 * @example escapeXml('a&b\r\n') // 'a&amp;b&#xD;\n'
 */
export function escapeXml(value: string): string {
  return special.test(value) ? value.replace(specials, (char) => escapes[char] ?? char) : value
}
