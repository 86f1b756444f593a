import { escapeXml } from '../xml/escape.js'
import type { StateGenerator } from '../contract/generators.js'
import type { PactMatcher, PactRule } from './template.js'
import { IpsMockError } from '../errors/ips-mock-error.js'

/** pact-js's XmlBuilder tree, as `XmlBuilder#build` serialises it. */
interface BuilderElement {
  name: string
  attributes?: Record<string, string> | Map<string, string>
  children?: BuilderNode[]
}
interface BuilderText {
  content: string
  matcher?: Record<string, unknown>
}
interface BuilderEachLike {
  'pact:matcher:type': string
  value: BuilderElement
  examples?: number
  [option: string]: unknown
}
type BuilderNode = BuilderElement | BuilderText | BuilderEachLike

/**
 * What `namespaceRules` gives back: plain XML, rules keyed by namespace URI, state generators.
 * @example
 * import { XmlBuilder } from '@pact-foundation/pact'
 * const { xml, rules }: NamespacedBody = namespaceRules(new XmlBuilder('1.0', 'UTF-8', 'S:Envelope').build(() => {}))
 */
export interface NamespacedBody {
  /** The body as plain XML, each matcher replaced by its example. */
  xml: string
  /** For `matchingRules({ body: rules })`. */
  rules: PactRule[]
  /** `fromProviderState` values, for `stateGeneratorsComment` (pact-js drops them for XML). */
  generators: StateGenerator[]
}

const segment = (name: string) => `['${name.replaceAll("'", "\\'")}']`

const isEachLike = (node: BuilderNode): node is BuilderEachLike =>
  'pact:matcher:type' in node && 'value' in node
const isText = (node: BuilderNode): node is BuilderText => 'content' in node

const entriesOf = (attributes: BuilderElement['attributes']): [string, string][] =>
  attributes instanceof Map ? [...attributes] : Object.entries(attributes ?? {})

/** A pact-js matcher as a rule: its type and options, without example or generator. */
function ruleOf(matcher: Record<string, unknown>): PactMatcher {
  const rule: PactMatcher = { 'pact:matcher:type': String(matcher['pact:matcher:type']) }
  for (const [key, value] of Object.entries(matcher)) {
    if (!['pact:matcher:type', 'pact:generator:type', 'value', 'expression'].includes(key)) {
      rule[key] = value
    }
  }
  return rule
}

function rootOf(builder: unknown): BuilderElement {
  const parsed = typeof builder === 'string' ? (JSON.parse(builder) as unknown) : builder
  const root = (parsed as { root?: BuilderElement } | undefined)?.root ?? parsed
  if (!root || typeof (root as BuilderElement).name !== 'string') {
    throw new IpsMockError({
      code: 'INVALID_ARGUMENT',
      action: 'read the XmlBuilder body',
      reason: 'it is neither an XmlBuilder nor the string its build() returned',
      remedy: 'Pass the XmlBuilder, or the string its build() returned.',
    })
  }
  return root as BuilderElement
}

/**
 * Re-keys the matching rules of a pact-js `XmlBuilder` body by namespace URI. XmlBuilder keys its
 * rules by prefixed names (`$.soapenv:Envelope.soapenv:Body…`) while the verifier names each
 * namespaced element `<namespace URI>:<local name>`, so its matchers never apply and values are
 * compared literally (pact-js #632). Give the result's `xml` and `rules` to the request or response
 * builder instead of the XmlBuilder; `eachLike` keeps its meaning (and its trap: each item may
 * hold only the children of its template).
 * @example
 * import { XmlBuilder } from '@pact-foundation/pact'
 * const built = new XmlBuilder('1.0', 'UTF-8', 'S:Envelope').build((envelope) => {
 *   envelope.setAttributes({ 'xmlns:S': 'http://schemas.xmlsoap.org/soap/envelope/' } as never)
 * })
 * const body = namespaceRules(built)
 * pact
 *   .addInteraction()
 *   .uponReceiving('getActiveJobs')
 *   .withRequest('POST', '/scene7/services/IpsApiService')
 *   .willRespondWith(200, (response) => {
 *     response.xmlBody(body.xml).matchingRules({ body: body.rules })
 *   })
 */
export function namespaceRules(builder: unknown): NamespacedBody {
  const out: string[] = []
  const rules = new Map<string, PactMatcher>()
  const generators: StateGenerator[] = []

  const walk = (
    element: BuilderElement,
    scope: ReadonlyMap<string, string>,
    uri: string,
    q: string,
    rule?: PactMatcher,
  ) => {
    const inner = new Map(scope)
    let attributes = ''
    for (const [name, value] of entriesOf(element.attributes)) {
      if (name === 'xmlns') inner.set('', value)
      else if (name.startsWith('xmlns:')) inner.set(name.slice(6), value)
      attributes += ` ${name}="${escapeXml(String(value))}"`
    }
    const colon = element.name.indexOf(':')
    const prefix = colon < 0 ? '' : element.name.slice(0, colon)
    const local = element.name.slice(colon + 1)
    const ns = inner.get(prefix)
    if (ns === undefined) {
      throw new IpsMockError({
        code: 'INVALID_ARGUMENT',
        action: 'read the XmlBuilder body',
        reason: `the prefix "${prefix}" of <${element.name}> is not declared`,
        remedy: `Declare it with an xmlns:${prefix} attribute.`,
      })
    }
    const here = `${uri}${segment(ns ? `${ns}:${local}` : local)}`
    const prefixed = `${q}${segment(element.name)}`
    if (rule) rules.set(here, rule)
    const children = element.children ?? []
    if (children.length === 0) {
      out.push(`<${element.name}${attributes}/>`)
      return
    }
    out.push(`<${element.name}${attributes}>`)
    for (const child of children) {
      if (isText(child)) {
        out.push(escapeXml(child.content))
        if (child.matcher) {
          rules.set(`${here}['#text']`, ruleOf(child.matcher))
          const expression = child.matcher.expression
          if (
            child.matcher['pact:generator:type'] === 'ProviderState' &&
            typeof expression === 'string'
          ) {
            generators.push({ path: `${prefixed}['#text']`, expression })
          }
        }
      } else if (isEachLike(child)) {
        const { examples = 1 } = child
        const eachRule = ruleOf(child)
        delete eachRule.examples
        for (let index = 0; index < Math.max(1, examples); index++) {
          walk(child.value, inner, here, prefixed, eachRule)
        }
      } else {
        walk(child, inner, here, prefixed)
      }
    }
    out.push(`</${element.name}>`)
  }
  walk(rootOf(builder), new Map([['', '']]), '$', '$')
  return {
    xml: out.join(''),
    rules: [...rules].map(([path, rule]) => ({ path, rules: [rule] })),
    generators,
  }
}
