/**
 * Reading XML for expectations without the mock's code: libxml2 (libxml2-wasm) parses requests and
 * responses, and the expectations come from hand-written files (fixtures/submitJob/expected.json,
 * fixtures/reference/). Nothing here imports from src/.
 */
import { readFileSync } from 'node:fs'
import { XmlDocument, XmlElement } from 'libxml2-wasm'

/** What one element holds: its namespace, local name and text, or `undefined` when absent. */
export interface Found {
  namespace: string
  name: string
  text: string
}

/** The first element with this local name, in document order (any namespace). */
export function findElement(xml: string, localName: string): Found | undefined {
  const doc = XmlDocument.fromString(xml)
  try {
    const node = doc.get(`//*[local-name()='${localName}']`)
    if (!(node instanceof XmlElement)) return undefined
    return { namespace: node.namespaceUri, name: node.name, text: node.content }
  } finally {
    doc.dispose()
  }
}

/** Whether libxml2 reads `xml` as a well-formed document. */
export function isWellFormed(xml: string): boolean {
  try {
    XmlDocument.fromString(xml).dispose()
    return true
  } catch {
    return false
  }
}

/** A hand-written expectation of fixtures/submitJob/expected.json. */
export interface ExpectedAnswer {
  status: number
  return?: { namespace: string; jobHandle: string }
  fault?: {
    code: number
    element: string
    faultcode: string
    faultstring: string
    reason: string
  }
  source?: string
}

const expectedFile = new URL('../../fixtures/submitJob/expected.json', import.meta.url)

/** fixtures/submitJob/expected.json, by case name. */
export function expectedAnswers(): Record<string, ExpectedAnswer> {
  return (
    JSON.parse(readFileSync(expectedFile, 'utf8')) as { cases: Record<string, ExpectedAnswer> }
  ).cases
}

const referenceFolder = new URL('../../fixtures/reference/', import.meta.url)

/** A file of fixtures/reference/ (the IPS reference's examples, copied verbatim). */
export function referenceFile(name: string): string {
  return readFileSync(new URL(name, referenceFolder), 'utf8')
}

/** The rows of the first Markdown table in `text`, as arrays of trimmed cells. */
export function markdownRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|[-|\s]+\|$/.test(line))
    .slice(1)
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    )
}

/**
 * The job handle IPS gives a submitted job, from the request alone (reference §5, §5.1): in the
 * unversioned namespace `<company>|<jobName>|` (the documented `47|My Test Job|`); in a versioned
 * one the modern form `j|<company id>|<jobName>|`, the company id being the number of `c|<id>`.
 */
export function handleFor(request: string): string {
  const company = findElement(request, 'companyHandle')?.text ?? ''
  const jobName = findElement(request, 'jobName')?.text ?? ''
  const namespace = findElement(request, 'submitJobParam')?.namespace ?? ''
  if (namespace === 'http://www.scene7.com/IpsApi/xsd') return `${company}|${jobName}|`
  return `j|${company.replace(/^c\|/, '')}|${jobName}|`
}

/**
 * Every leaf under the first element named `localName`, read by libxml2, as
 * `name[i]/name[i]…` → text (i counts same-named siblings from 1).
 */
export function leafValues(xml: string, localName: string): Record<string, string> {
  const doc = XmlDocument.fromString(xml)
  const found: Record<string, string> = {}
  const walk = (element: XmlElement, path: string) => {
    const kids: XmlElement[] = []
    for (let node = element.firstChild; node; node = node.next) {
      if (node instanceof XmlElement) kids.push(node)
    }
    if (kids.length === 0 && path !== '') found[path] = element.content
    const seen = new Map<string, number>()
    for (const kid of kids) {
      const index = (seen.get(kid.name) ?? 0) + 1
      seen.set(kid.name, index)
      walk(kid, `${path}${path ? '/' : ''}${kid.name}[${index}]`)
    }
  }
  try {
    const root = doc.get(`//*[local-name()='${localName}']`)
    if (root instanceof XmlElement) walk(root, '')
    return found
  } finally {
    doc.dispose()
  }
}

/** A stored value flattened the way `leafValues` reads XML: arrays as repeated elements. */
export function flatten(value: unknown, path = ''): Record<string, string> {
  if (value === null || typeof value !== 'object') return path ? { [path]: String(value) } : {}
  const found: Record<string, string> = {}
  for (const [key, child] of Object.entries(value)) {
    const items = Array.isArray(child) ? child : [child]
    items.forEach((item, index) => {
      Object.assign(found, flatten(item, `${path}${path ? '/' : ''}${key}[${index + 1}]`))
    })
  }
  return found
}
