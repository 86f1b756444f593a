import type { StateGenerator } from '../contract/generators.js'
import { escapeXml } from '../xml/escape.js'
import { isValueMatcher, type PlainValue, type ValueMatcher } from './matchers.js'

/** One element of a pact body before it is written: its namespace, prefix, text or children. */
export interface TemplateNode {
  ns: string
  name: string
  /** '' writes the element in a default namespace. */
  prefix: string
  /** Attributes written as they are (namespace declarations are added where needed). */
  attributes?: Readonly<Record<string, string>>
  /** The element's text, literal or matched; absent for an element with children. */
  value?: PlainValue | ValueMatcher
  children?: TemplateNode[]
}

/**
 * A matcher as Pact's `Rules` format (pact-js `matchingRules`) takes it.
 * @example
 * const rules: PactRule[] = ipsInteraction('getActiveJobs').response.rules
 * console.log(rules.map((rule) => rule.path))
 */
export interface PactRule {
  path: string
  rules: PactMatcher[]
}

/**
 * One matcher of a rule, e.g. `{ 'pact:matcher:type': 'regex', regex: '^\\d+$' }`.
 * @example
 * const matcher: PactMatcher = { 'pact:matcher:type': 'regex', regex: '^j\\|' }
 */
export interface PactMatcher {
  'pact:matcher:type': string
  [option: string]: unknown
}

/** A written body: its XML, its rules keyed by namespace URI, its provider-state generators. */
export interface WrittenBody {
  xml: string
  rules: PactRule[]
  generators: StateGenerator[]
}

const segment = (name: string) => `['${name.replaceAll("'", "\\'")}']`

const text = (value: PlainValue | ValueMatcher): string =>
  isValueMatcher(value)
    ? value.example
    : value instanceof Date
      ? value.toISOString()
      : String(value)

function ruleOf(matcher: ValueMatcher): PactMatcher | undefined {
  switch (matcher['ips-mock:matcher']) {
    case 'regex':
      return { 'pact:matcher:type': 'regex', regex: matcher.regex }
    case 'type':
    case 'providerState':
      return { 'pact:matcher:type': 'type' }
    default:
      return undefined
  }
}

/**
 * Writes a template as XML and collects its matching rules. Pact's XML matcher names a
 * namespaced element `<namespace URI>:<local name>` whatever its prefix, so rules are keyed that
 * way (`$['http://…/envelope/:Envelope']…['#text']`); the generators Pact applies to a request
 * read its elements by their prefixed names, so those are keyed by prefix. A path holds one rule;
 * where repeated elements disagree, a literal value wins, so nothing is matched more loosely than
 * one of its examples asks.
 */
export function writeTemplate(root: TemplateNode): WrittenBody {
  const out: string[] = []
  const rules = new Map<string, PactMatcher>()
  const literal = new Set<string>()
  const generators = new Map<string, string>()

  const walk = (node: TemplateNode, scope: ReadonlyMap<string, string>, uri: string, q: string) => {
    const tag = node.prefix ? `${node.prefix}:${node.name}` : node.name
    const here = `${uri}${segment(node.ns ? `${node.ns}:${node.name}` : node.name)}`
    const prefixed = `${q}${segment(tag)}`
    let attributes = ''
    let inner = scope
    if (scope.get(node.prefix) !== node.ns) {
      attributes += node.prefix
        ? ` xmlns:${node.prefix}="${escapeXml(node.ns)}"`
        : ` xmlns="${escapeXml(node.ns)}"`
      inner = new Map(scope).set(node.prefix, node.ns)
    }
    for (const [name, value] of Object.entries(node.attributes ?? {})) {
      attributes += ` ${name}="${escapeXml(value)}"`
    }
    const children = node.children ?? []
    if (node.value === undefined && children.length === 0) {
      out.push(`<${tag}${attributes}/>`)
      return
    }
    out.push(`<${tag}${attributes}>`)
    if (node.value !== undefined) {
      out.push(escapeXml(text(node.value)))
      const textPath = `${here}['#text']`
      const rule = isValueMatcher(node.value) ? ruleOf(node.value) : undefined
      if (rule === undefined) {
        literal.add(textPath)
        rules.delete(textPath)
      } else if (!literal.has(textPath) && !rules.has(textPath)) {
        rules.set(textPath, rule)
      }
      if (isValueMatcher(node.value) && node.value.expression !== undefined) {
        generators.set(`${prefixed}['#text']`, node.value.expression)
      }
    }
    for (const child of children) walk(child, inner, here, prefixed)
    out.push(`</${tag}>`)
  }
  walk(root, new Map([['', '']]), '$', '$')
  return {
    xml: out.join(''),
    rules: [...rules].map(([path, rule]) => ({ path, rules: [rule] })),
    generators: [...generators].map(([path, expression]) => ({ path, expression })),
  }
}
