import { REDACTED } from './plain.js'

/** A start tag's name: `<password`, `<ns1:AuthPassword` … up to whitespace, `/` or `>`. */
const nameEnd = /[\s/<>]/g

function isSecret(name: string): boolean {
  const local = name.slice(name.indexOf(':') + 1)
  return local.length >= 8 && local.slice(-8).toLowerCase() === 'password'
}

/** Where `</name` closes the element whose content starts at `from`; CDATA and comments skipped. */
function closingTag(text: string, name: string, from: number): number {
  let at = text.indexOf('<', from)
  while (at !== -1) {
    if (text.startsWith('</', at) && text.startsWith(name, at + 2)) return at
    const skip = text.startsWith('<![CDATA[', at) ? ']]>' : text.startsWith('<!--', at) ? '-->' : ''
    const next = skip ? text.indexOf(skip, at) : at
    if (next === -1) return -1
    at = text.indexOf('<', next + 1)
  }
  return -1
}

/**
 * XML text with the content of every element whose local name ends in `password` (any case)
 * replaced by `[redacted]`. It works on text, not on a parse, so a broken or cut-off body is
 * redacted too: an element left open hides everything after it. One pass, linear in the text.
 * @example redactXml('<a><password>s3cret</password></a>') // '<a><password>[redacted]</password></a>'
 */
export function redactXml(text: string): string {
  let out = ''
  let copied = 0
  let at = text.indexOf('<')
  while (at !== -1) {
    nameEnd.lastIndex = at + 1
    const end = nameEnd.exec(text)
    const name = text.slice(at + 1, end ? end.index : text.length)
    if (!isSecret(name)) {
      at = text.indexOf('<', at + 1)
      continue
    }
    const close = text.indexOf('>', at)
    if (close === -1 || text[close - 1] === '/') {
      at = close === -1 ? -1 : text.indexOf('<', close)
      continue
    }
    const closing = closingTag(text, name, close + 1)
    out += `${text.slice(copied, close + 1)}${REDACTED}`
    if (closing === -1) return out
    copied = closing
    at = text.indexOf('<', closing + 1)
  }
  return out + text.slice(copied)
}
