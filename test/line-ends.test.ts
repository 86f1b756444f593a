/**
 * Line ends and the characters XML must keep (XML 1.0 §2.11, §3.3.3): input CR LF and a lone CR
 * read as LF, `&#13;` keeps a CR, attribute values normalise white space; output escapes CR and
 * TAB, so a job whose name holds them is found again by the handle a real XML client read back.
 */
import { XmlDocument, XmlElement, type XmlTreeNode } from 'libxml2-wasm'
import { describe, expect, it } from 'vitest'
import { escapeXml } from '../src/xml/escape.js'
import { parseXml } from '../src/xml/parse.js'
import { eachRuntime, type Runtime } from './support/matrix.js'
import { DEMO_CO, envelope, operationParam, submitJobRequest } from './support/requests.js'

describe('the parser', () => {
  it('reads CR LF and a lone CR as LF, and &#13; as a CR', () => {
    expect(parseXml('<a>1\r\n2\r3\n4&#13;5&#xD;\r\n</a>').text).toBe('1\n2\n3\n4\r5\r\n')
    expect(parseXml('<a><![CDATA[1\r\n2\r3]]></a>').text).toBe('1\n2\n3')
  })

  it('normalises attribute values: literal white space reads as a space, references stay', () => {
    const root = parseXml('<a b="1\r\n2\r3\t4&#9;5&#10;6&#13;7"/>')
    expect(root.attributes.b).toBe('1 2 3 4\t5\n6\r7')
  })

  it('counts lines across CR LF and a lone CR alike in a syntax error', () => {
    expect(() => parseXml('<a>\r\n\r<b></a>')).toThrow(
      'an end tag that does not match its start tag at line 3, column 4',
    )
  })
})

describe('the writer', () => {
  it('escapes CR and TAB as character references and leaves LF as it is', () => {
    expect(escapeXml('a\rb\tc\nd&<>"')).toBe('a&#xD;b&#x9;c\nd&amp;&lt;&gt;&quot;')
  })
})

const JOB_NAME = 'two\r\nlines\tand a\rreturn'

/** A libxml2 element's text, as an XML client reads it. */
function textOf(doc: XmlDocument, localName: string): string {
  const node = doc.get(`//*[local-name()='${localName}']`)
  if (!node) throw new Error(`no ${localName} in ${doc.toString()}`)
  return node.content
}

/** `template` with the text of its `localName` element set to `value`, serialised by libxml2. */
function withText(template: string, localName: string, value: string): string {
  const doc = XmlDocument.fromString(template)
  try {
    const element = doc.get(`//*[local-name()='${localName}']`)
    if (!(element instanceof XmlElement)) throw new Error(`no ${localName}`)
    let child: XmlTreeNode | null = element.firstChild
    while (child) {
      const next: XmlTreeNode | null = child.next
      child.remove()
      child = next
    }
    element.addText(value)
    return doc.toString({ format: false })
  } finally {
    doc.dispose()
  }
}

/** Sends a request and reads the answer with libxml2. */
async function exchange(runtime: Runtime, body: string): Promise<XmlDocument> {
  const response = await runtime.post(body)
  return XmlDocument.fromString(await response.text())
}

eachRuntime({}, (runtime) => {
  it('finds a job whose name holds CR LF, TAB and CR again by the handle libxml2 read back', async () => {
    const submit = withText(submitJobRequest('optimizeImagesJob'), 'jobName', JOB_NAME)
    // libxml2 writes the CR as a character reference, as every conforming writer must.
    expect(submit).toContain('two&#13;\nlines\tand a&#13;return')
    const answer = await exchange(runtime(), submit)
    const handle = textOf(answer, 'jobHandle')
    answer.dispose()
    expect(handle).toBe(`j|101|${JOB_NAME}|`)

    const query = envelope(
      operationParam('getActiveJobs', { companyHandle: DEMO_CO, jobHandle: 'HANDLE' }),
    )
    const found = await exchange(runtime(), withText(query, 'jobHandle', handle))
    try {
      expect(textOf(found, 'jobHandle')).toBe(handle)
      expect(textOf(found, 'name')).toBe(JOB_NAME)
    } finally {
      found.dispose()
    }
  })

  it('reads a raw CR in a name as LF, so the handle it answers finds the job', async () => {
    const body = submitJobRequest('optimizeImagesJob', 'minimal', { jobName: 'raw' }).replace(
      '<jobName>raw</jobName>',
      '<jobName>raw\rcr\r\ncrlf</jobName>',
    )
    const answer = await exchange(runtime(), body)
    const handle = textOf(answer, 'jobHandle')
    answer.dispose()
    expect(handle).toBe('j|101|raw\ncr\ncrlf|')
    expect(runtime().mock.store.job(handle)?.name).toBe('raw\ncr\ncrlf')
  })
})
