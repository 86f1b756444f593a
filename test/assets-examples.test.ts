// Each documented example of the assets reference, as a fixture in fixtures/assets-examples/: the
// state the example presupposes (a seed), its request, and the values the reference states for
// its answer. The values are the reference's, quoted from fixtures/reference/assets-examples.md
// (a verbatim copy of those passages), never the mock's own recorded output.
import { readdirSync, readFileSync } from 'node:fs'
import { XmlDocument, XmlElement, type XmlTreeNode } from 'libxml2-wasm'
import { describe, expect, it } from 'vitest'
import { createIpsMock } from '../src/index.js'
import type { SeedData } from '../src/store/seed.js'
import type { OutObject } from '../src/schema/write.js'
import { envelope, sendTo } from './support/requests.js'
import { read } from './support/soap.js'
import { authDocument, uploadJobOptions, uploadParamsDocument } from './support/upload.js'

interface Example {
  operation: string
  section: string
  /** The passage of the reference the example comes from, verbatim. */
  quote: string
  /** What the example presupposes, in words. */
  state: string
  seed: SeedData & { users: { email: string; password: string }[] }
  namespace: string
  /** A SOAP operation's request element. */
  request?: string
  /** An UploadFile POST: the auth extras, the uploadPostParam fields, the file parts. */
  form?: {
    auth: Record<string, string>
    password?: string
    uploadParams: OutObject
    files: { part: string; filename: string }[]
  }
  /** Documented values by dotted path into the answer. */
  answer: Record<string, string>
  /** Paths the reference says are absent. */
  absent?: string[]
  /** How many items the example lists, by path. */
  counts?: Record<string, number>
  /** Paths where ips-mock knowingly answers otherwise, and why. */
  differs?: Record<string, string>
}

const dir = new URL('../fixtures/assets-examples/', import.meta.url)
const passages = readFileSync(
  new URL('../fixtures/reference/assets-examples.md', import.meta.url),
  'utf8',
)
const examples = readdirSync(dir)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => [file, JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Example] as const)

/**
 * The value at a dotted path: `assetArray.items.0.name`, or `countArray.items[assetType=Image].count`
 * for the item whose field has that value (where the reference does not fix an order).
 */
function at(value: unknown, path: string): unknown {
  let here = value
  for (const key of path.split('.')) {
    if (typeof here !== 'object' || here === null) return undefined
    const where = /^(\w+)\[(\w+)=([^\]]*)\]$/.exec(key)
    if (where) {
      const list = (here as Record<string, unknown>)[where[1] as string]
      here = Array.isArray(list)
        ? list.find((item) => String(at(item, where[2] as string)) === where[3])
        : undefined
    } else here = (here as Record<string, unknown>)[key]
  }
  return here
}

/** A bare XML answer (the servlet's): root element, namespace, and each child's text. */
function bare(xml: string): Record<string, string> {
  const document = XmlDocument.fromString(xml)
  try {
    const root = document.root
    const fields: Record<string, string> = { element: root.name, namespace: root.namespaceUri }
    for (let node: XmlTreeNode | null = root.firstChild; node; node = node.next) {
      if (node instanceof XmlElement) fields[node.name] = node.content
    }
    return fields
  } finally {
    document.dispose()
  }
}

async function soapAnswer(example: Example) {
  const mock = createIpsMock({ seed: example.seed })
  const [login] = example.seed.users
  const auth = { user: login?.email ?? '', password: login?.password ?? '' }
  const answer = await read(await sendTo(mock, envelope(example.request ?? '', { auth })))
  expect(answer.fault, answer.fault?.reason).toBeUndefined()
  return answer.body[`${example.operation}Return`]
}

async function servletAnswer(example: Example) {
  const mock = createIpsMock({ seed: example.seed })
  const form = example.form as NonNullable<Example['form']>
  const [login] = example.seed.users
  const user = { user: login?.email ?? '', password: form.password ?? login?.password ?? '' }
  const body = new FormData()
  body.append('auth', authDocument(user, form.auth, example.namespace))
  body.append(
    'uploadParams',
    uploadParamsDocument(
      { ...form.uploadParams, uploadParams: uploadJobOptions },
      example.namespace,
    ),
  )
  for (const file of form.files) body.append(file.part, new Blob(['bytes']), file.filename)
  const response = await mock.handle(
    new Request('https://s7sps1ssl.scene7.com/scene7/UploadFile', { method: 'POST', body }),
  )
  return {
    status: String(response.status),
    contentType: response.headers.get('content-type') ?? '',
    ...bare(await response.text()),
  }
}

it('has a fixture for each documented example of the served operations and the servlet', () => {
  expect(examples.map(([file]) => file)).toEqual([
    'checkAssetNames.json',
    'createFolder.json',
    'deleteAssets.json',
    'getAssetCounts.json',
    'getAssetsByName.json',
    'getFolders.json',
    'moveAssets.json',
    'searchAssets.json',
    'servlet-fault.json',
    'servlet-upload.json',
  ])
})

describe.each(examples)('%s', (_, example) => {
  it('quotes the reference verbatim, and every value it expects is in the quote', () => {
    expect(passages).toContain(example.quote)
    for (const value of Object.values(example.answer)) expect(example.quote).toContain(value)
    for (const path of Object.keys(example.differs ?? {})) {
      expect(Object.keys(example.answer)).not.toContain(path)
    }
  })

  it(`answers what ${example.section} documents`, async () => {
    const answer = example.form ? await servletAnswer(example) : await soapAnswer(example)
    for (const [path, value] of Object.entries(example.answer)) {
      if (example.operation === 'UploadFile' && path === 'jobHandle') {
        // The documented form, the trailing number aside (unconfirmed, see `differs`).
        expect(String(at(answer, path))).toMatch(
          new RegExp(`^${escape(value.replace(/\d+$/, ''))}\\d+$`),
        )
      } else {
        expect(String(at(answer, path)), path).toBe(value)
      }
    }
    for (const path of example.absent ?? []) expect(at(answer, path), path).toBeUndefined()
    for (const [path, count] of Object.entries(example.counts ?? {})) {
      expect(at(answer, path), path).toHaveLength(count)
    }
  })
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
