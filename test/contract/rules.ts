import { patterns as shipped } from '../../src/pact/matchers.js'
import { parseXml, type XmlElement } from '../../src/xml/parse.js'

/** A Pact matcher in pact-js's `Rules` format. */
export interface Matcher {
  'pact:matcher:type': 'regex'
  regex: string
}

/** A matching rule for one body path. */
export interface BodyRule {
  path: string
  rules: Matcher[]
}

const regex = (pattern: string): Matcher => ({ 'pact:matcher:type': 'regex', regex: pattern })

/**
 * The value patterns ips-mock/pact ships (handles in every observed form, dates, counts, text),
 * and a faultcode QName in the SOAP envelope namespace whatever its prefix. What the patterns
 * accept is pinned by hand-written values in test/pact/patterns.test.ts, not by this file.
 */
const patterns = {
  ...shipped,
  faultcode: (local: string) => `^(?:[A-Za-z_][\\w.-]*:)?${local}$`,
}

const dateTimeValue = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/
const countName = /(?:Count|Rows|Number|Size|^progress|^totalRows)$/

/** The matcher for a leaf element's value, or none when the value is pinned literally. */
function matcherFor(element: XmlElement, parent: XmlElement | undefined): Matcher | undefined {
  const { name, text } = element
  if (name === 'jobHandle' || name === 'submittedHandle' || name === 'parentJobHandle') {
    return regex(patterns.jobHandle)
  }
  if (/companyHandle$/i.test(name)) return regex(patterns.companyHandle)
  if (/userHandle$/i.test(name)) return regex(patterns.userHandle)
  if (name === 'assetHandle') return regex(patterns.assetHandle)
  if (name.endsWith('Handle')) return regex(patterns.handle)
  if (dateTimeValue.test(text)) return regex(patterns.dateTime)
  if (countName.test(name) && /^-?\d+$/.test(text)) return regex(patterns.integer)
  // Fault detail: the reason is free-form (reference §4.2); the code stays pinned.
  if (name === 'reason' && parent && /Fault$/.test(parent.name)) return regex(patterns.text)
  if (name === 'faultcode' || (name === 'Value' && parent?.name === 'Code')) {
    return regex(patterns.faultcode(text.slice(text.indexOf(':') + 1)))
  }
  return undefined
}

/** A path segment keyed by namespace URI, as Pact's XML matcher names elements. */
const segment = (element: XmlElement) => `['${element.ns ? `${element.ns}:` : ''}${element.name}']`

/**
 * Matching rules for a SOAP response body: every generated value (handles, dates, counts, fault
 * reasons, faultcode prefixes) gets a regex, keyed by namespace URI rather than prefix, so a
 * provider that uses other prefixes or a default namespace still matches.
 */
export function responseRules(xml: string): BodyRule[] {
  const rules = new Map<string, Matcher>()
  const walk = (element: XmlElement, path: string, parent?: XmlElement) => {
    const here = `${path}${segment(element)}`
    if (element.children.length === 0) {
      const matcher = matcherFor(element, parent)
      if (matcher) rules.set(`${here}['#text']`, matcher)
      return
    }
    for (const child of element.children) walk(child, here, element)
  }
  walk(parseXml(xml), '$')
  return [...rules].map(([path, matcher]) => ({ path, rules: [matcher] }))
}
