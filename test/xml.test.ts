import { describe, expect, it } from 'vitest'
import { XmlSyntaxError } from '../src/xml/error.js'
import { defaultXmlLimits, parseXml, type XmlElement, type XmlLimits } from '../src/xml/parse.js'

/** The message of the syntax error parsing `source` throws. */
function refusal(source: string): string {
  try {
    parseXml(source)
  } catch (error) {
    if (error instanceof XmlSyntaxError) return error.message
    throw error
  }
  throw new Error(`parsed: ${source}`)
}

/** `<problem> at line 1, column <n>`, the column where `marker` first occurs in the one-line `source`. */
function at(problem: string, source: string, marker: string): string {
  const index = source.indexOf(marker)
  if (index === -1) throw new Error(`no ${marker} in ${source}`)
  return `${problem} at line 1, column ${index + 1}`
}

/** Whether `error` is the parser refusing its input, as opposed to failing. */
function isRefusal(error: unknown): boolean {
  return error instanceof XmlSyntaxError
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
    expect(refusal(`<${name}/>`)).toBe('an invalid element name at line 1, column 1')
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
    expect(refusal('<a 1b="x"/>')).toBe('an invalid attribute name at line 1, column 4')
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
    const undeclared = 'an undeclared namespace prefix'
    expect(refusal('<a><p:b/></a>')).toBe(at(undeclared, '<a><p:b/></a>', '<p:b'))
    const sibling = '<a><b xmlns:p="urn:p"/><p:c/></a>'
    expect(refusal(sibling)).toBe(at(undeclared, sibling, '<p:c'))
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
    const mismatch = 'an end tag that does not match its start tag'
    expect(refusal('<a><b></bb></a>')).toBe(at(mismatch, '<a><b></bb></a>', '</bb>'))
    expect(refusal('<a><bb></b></a>')).toBe(at(mismatch, '<a><bb></b></a>', '</b>'))
    expect(refusal('<a></a x>')).toBe(at(mismatch, '<a></a x>', '</a x>'))
    expect(refusal('<a/></a>')).toBe(at('an end tag without a start tag', '<a/></a>', '</a>'))
  })

  it('refuses a DOCTYPE or an ENTITY declaration wherever it is', () => {
    for (const [source, marker] of [
      ['<!DOCTYPE a><a/>', '<!DOCTYPE'],
      ['<a><!DOCTYPE a></a>', '<!DOCTYPE'],
      ['<a><!-- x --><!ENTITY e "x"></a>', '<!ENTITY'],
    ] as const) {
      expect(refusal(source)).toBe(at('a DOCTYPE is not allowed in a SOAP message', source, marker))
    }
    const element = '<a><!ELEMENT a ANY></a>'
    expect(refusal(element)).toBe(at('an unexpected markup declaration', element, '<!ELEMENT'))
  })

  it('reads comments, CDATA, processing instructions and entities', () => {
    const root = parseXml(
      '<?xml version="1.0"?><a><!-- <b/> --><![CDATA[<x> & y]]>&lt;&#65;&#x42;<?pi data?></a>',
    )
    expect(root.text).toBe('<x> & y<AB')
    expect(root.children).toEqual([])
  })

  it("refuses ']]>' in character data, and reads it split over CDATA sections or escaped", () => {
    const problem = 'a CDATA end marker outside a CDATA section'
    for (const source of [
      '<a>]]>x</a>',
      '<a>x ]]> y</a>',
      '<a><b/>]]></a>',
      '<a><![CDATA[x]]>]]></a>',
      '<a>&amp;]]></a>',
    ]) {
      const marker = source.lastIndexOf(']]>')
      expect(refusal(source)).toBe(`${problem} at line 1, column ${marker + 1}`)
    }
    expect(refusal('<a>\n\n  ]]></a>')).toBe(`${problem} at line 3, column 3`)
    expect(parseXml('<a><![CDATA[]]]]><![CDATA[>]]></a>').text).toBe(']]>')
    expect(parseXml('<a>]]&gt; ]] > ] ]></a>').text).toBe(']]> ]] > ] ]>')
  })

  it('refuses repeated attributes, namespace declarations included', () => {
    expect(refusal('<a x="1" x="2"/>')).toBe(
      at('a repeated attribute', '<a x="1" x="2"/>', 'x="2"'),
    )
    const twice = '<a xmlns="urn:a" xmlns="urn:b"/>'
    expect(refusal(twice)).toBe(at('a repeated attribute', twice, 'xmlns="urn:b"'))
  })
})

describe('limits met while reading', () => {
  const limited = (maxTextLength: number) => ({ ...defaultXmlLimits, maxTextLength })
  const refusalWith = (source: string, limits: XmlLimits) => {
    try {
      parseXml(source, limits)
    } catch (error) {
      if (error instanceof XmlSyntaxError) return error.message
      throw error
    }
    throw new Error(`parsed: ${source}`)
  }

  it('refuses a character XML forbids wherever it stands, far into the document too', () => {
    const filler = 'x'.repeat(200_000)
    for (const source of [
      `<a>${filler}\u0001</a>`,
      `<a>${filler}<b c="\u0002"/></a>`,
      `<a>${filler}<!-- \u0003 --></a>`,
      `<a>${filler}<![CDATA[\u0004]]></a>`,
      `<a>${filler}</a><?pi \u0005?>`,
      `<a>${filler}</a>\u0006`,
      `<a>${filler}\uFFFE</a>`,
    ]) {
      const codes = Array.from(source, (char) => char.charCodeAt(0))
      const bad = codes.findIndex((code) => code < 0x20 || code === 0xfffe)
      expect(refusal(source)).toBe(`a character XML does not allow at line 1, column ${bad + 1}`)
    }
  })

  it('decodes a text of entities up to the text limit, and refuses one a character longer', () => {
    const amps = (count: number) => `<a>${'&amp;'.repeat(count)}</a>`
    expect(parseXml(amps(10), limited(10)).text).toBe('&'.repeat(10))
    expect(refusalWith(amps(11), limited(10))).toBe(
      'text longer than 10 characters at line 1, column 4',
    )
    const refs = (count: number) => `<a>${'&#65;&lt;'.repeat(count)}</a>`
    expect(parseXml(refs(5), limited(10)).text).toBe('A<'.repeat(5))
    expect(refusalWith(`<a>x${'&#65;'.repeat(10)}</a>`, limited(10))).toBe(
      'text longer than 10 characters at line 1, column 4',
    )
    // A flood is refused once it is sure to pass the limit, and never returned cut short.
    expect(refusalWith(`<a>${'&#65;'.repeat(30)}</a>`, limited(10))).toBe(
      'text longer than 10 characters at line 1, column 4',
    )
    // The longest reference (ten characters) still yields a character: ten of them fit.
    expect(parseXml(`<a>${'&#0000065;'.repeat(10)}</a>`, limited(10)).text).toBe('A'.repeat(10))
    // The limit counts an element's whole text, over comments and CDATA sections.
    expect(refusalWith('<a>&lt;&lt;<!-- -->&gt;&gt;<![CDATA[123456]]>7</a>', limited(10))).toMatch(
      /^text longer than 10 characters at line 1, column \d+$/,
    )
  })
})
