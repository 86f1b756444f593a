import { describe, expect, it } from 'vitest'
import { IpsFault } from '../src/faults/catalog.js'
import { parseXml, type XmlElement } from '../src/xml/parse.js'

/** The reason of the fault parsing `source` throws. */
function refusal(source: string): string {
  try {
    parseXml(source)
  } catch (error) {
    if (error instanceof IpsFault) return error.reason
    throw error
  }
  throw new Error(`parsed: ${source}`)
}

/** Whether `error` is the parser refusing its input, as opposed to failing. */
function isRefusal(error: unknown): boolean {
  return error instanceof IpsFault && error.code === 30003 && /^Malformed XML: /.test(error.reason)
}

const xmlName = /^[\p{L}_][\p{L}\p{N}_.-]*(?::[\p{L}_][\p{L}\p{N}_.-]*)?$/u

describe('names', () => {
  it.each(['a', 'A1', '_x', 'a.b-c_d', 'soapenv:Envelope', 'p:_q', 'é', 'ns:数据'])(
    'accepts <%s>',
    (name) => {
      const xmlns = name.includes(':') ? ` xmlns:${name.split(':')[0]}="urn:p"` : ''
      expect(parseXml(`<${name}${xmlns}/>`).name).toBe(name.split(':').pop())
    },
  )

  it.each(['1a', '-a', '.a', 'a:b:c', ':a', 'a:', 'a:1', 'a!', 'a#b'])('refuses <%s>', (name) => {
    expect(refusal(`<${name}/>`)).toMatch(/^Malformed XML: invalid element name/)
  })

  it('accepts exactly the names of the XML name rule, ASCII or not', () => {
    const alphabet = ['a', 'Z', '_', '1', '-', '.', ':', 'é', '数', '!']
    let checked = 0
    for (let seed = 1; checked < 2000; seed++) {
      // A small deterministic generator: the same names on every run.
      let state = seed
      const length = 1 + (seed % 5)
      let name = ''
      for (let index = 0; index < length; index++) {
        state = (state * 1103515245 + 12345) % 2147483648
        name += alphabet[state % alphabet.length]
      }
      const prefix = name.includes(':') ? name.split(':')[0] : ''
      const declared = prefix && xmlName.test(name) ? ` xmlns:${prefix}="urn:p"` : ''
      let parsed = true
      try {
        parseXml(`<${name}${declared}></${name}>`)
      } catch (error) {
        // Only the parser's own refusal counts; a crash (TypeError, RangeError …) fails the test.
        if (!isRefusal(error)) throw error
        parsed = false
      }
      expect({ name, parsed }).toEqual({ name, parsed: xmlName.test(name) })
      checked++
    }
  })

  it('refuses an attribute with an invalid name', () => {
    expect(refusal('<a 1b="x"/>')).toMatch(/^Malformed XML: invalid attribute name '1b'/)
  })
})

describe('namespaces', () => {
  const names = (element: XmlElement): string[] => [
    `{${element.ns}}${element.name}`,
    ...element.children.flatMap(names),
  ]

  it('resolves default and prefixed namespaces in their scope only', () => {
    const root = parseXml(
      '<e:Envelope xmlns:e="urn:env"><e:Body><p xmlns="urn:a"><q/><r xmlns="urn:b"><s/></r><t/></p><e:Tail/></e:Body><u/></e:Envelope>',
    )
    expect(names(root)).toEqual([
      '{urn:env}Envelope',
      '{urn:env}Body',
      '{urn:a}p',
      '{urn:a}q',
      '{urn:b}r',
      '{urn:b}s',
      '{urn:a}t',
      '{urn:env}Tail',
      '{}u',
    ])
  })

  it('lets a nested element rebind a prefix, and undeclare the default namespace', () => {
    const root = parseXml(
      '<x:a xmlns:x="urn:1" xmlns="urn:d"><x:b xmlns:x="urn:2"><c xmlns=""/></x:b><x:d/></x:a>',
    )
    expect(names(root)).toEqual(['{urn:1}a', '{urn:2}b', '{}c', '{urn:1}d'])
  })

  it('refuses an undeclared prefix, also one declared on a sibling only', () => {
    expect(refusal('<a><p:b/></a>')).toMatch(/namespace prefix 'p' is not declared/)
    expect(refusal('<a><b xmlns:p="urn:p"/><p:c/></a>')).toMatch(
      /namespace prefix 'p' is not declared/,
    )
  })

  it('keeps other attributes, and gives elements without any an empty set', () => {
    const root = parseXml('<a xmlns="urn:a" id="1" b:x="2" xmlns:b="urn:b"><c/></a>')
    expect({ ...root.attributes }).toEqual({ id: '1', 'b:x': '2' })
    expect(Object.keys(root.children[0]?.attributes ?? { missing: 1 })).toEqual([])
  })
})

describe('structure', () => {
  it('matches end tags exactly, allowing white space before the >', () => {
    expect(parseXml('<a><b>1</b ></a\n>').children[0]?.text).toBe('1')
    expect(refusal('<a><b></bb></a>')).toMatch(/expected '<\/b>', found '<\/bb>'/)
    expect(refusal('<a><bb></b></a>')).toMatch(/expected '<\/bb>', found '<\/b>'/)
    expect(refusal('<a></a x>')).toMatch(/expected '<\/a>', found '<\/a x>'/)
    expect(refusal('<a/></a>')).toMatch(/end tag 'a' without a start tag/)
  })

  it('refuses a DOCTYPE or an ENTITY declaration wherever it is', () => {
    for (const source of [
      '<!DOCTYPE a><a/>',
      '<a><!DOCTYPE a></a>',
      '<a><!-- x --><!ENTITY e "x"></a>',
    ]) {
      expect(refusal(source)).toBe('Malformed XML: a DOCTYPE is not allowed in a SOAP message')
    }
    expect(refusal('<a><!ELEMENT a ANY></a>')).toMatch(/unexpected markup declaration/)
  })

  it('reads comments, CDATA, processing instructions and entities', () => {
    const root = parseXml(
      '<?xml version="1.0"?><a><!-- <b/> --><![CDATA[<x> & y]]>&lt;&#65;&#x42;<?pi data?></a>',
    )
    expect(root.text).toBe('<x> & y<AB')
    expect(root.children).toEqual([])
  })

  it('refuses repeated attributes, namespace declarations included', () => {
    expect(refusal('<a x="1" x="2"/>')).toMatch(/attribute 'x' is repeated/)
    expect(refusal('<a xmlns="urn:a" xmlns="urn:b"/>')).toMatch(/attribute 'xmlns' is repeated/)
  })
})
