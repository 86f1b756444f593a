import { describe, expect, it } from 'vitest'
import { getType } from '../src/schema/table.js'
import { writeElement } from '../src/schema/write.js'

const NS = 'http://www.scene7.com/IpsApi/xsd/2014-04-03'

const job = {
  // Out of schema order on purpose: the writer follows the schema, not the object.
  type: 'UrlUpload',
  jobHandle: 'j|1|a & b|',
  companyHandle: 'c|1',
  name: undefined,
  taskProgressArray: { items: [{ taskType: 'UrlUpload', taskItemProgressArray: {} }] },
  uploadUrlsJob: {
    urlArray: {
      items: [{ sourceUrl: 'https://a.test/1.jpg' }, { sourceUrl: 'https://a.test/2.jpg' }],
    },
    numUrls: 2,
  },
}
const returned = { jobArray: { items: [job] } }

describe('writeElement', () => {
  it('writes children in schema order, repeats arrays, skips undefined, closes empty ones', () => {
    expect(
      writeElement('getActiveJobsReturn', getType('GetActiveJobsReturn'), returned, NS, ''),
    ).toBe(
      `<getActiveJobsReturn xmlns="${NS}"><jobArray><items>` +
        '<companyHandle>c|1</companyHandle><jobHandle>j|1|a &amp; b|</jobHandle><type>UrlUpload</type>' +
        '<taskProgressArray><items><taskType>UrlUpload</taskType><taskItemProgressArray/></items></taskProgressArray>' +
        '<uploadUrlsJob><urlArray><items><sourceUrl>https://a.test/1.jpg</sourceUrl></items>' +
        '<items><sourceUrl>https://a.test/2.jpg</sourceUrl></items></urlArray><numUrls>2</numUrls></uploadUrlsJob>' +
        '</items></jobArray></getActiveJobsReturn>',
    )
  })

  it('qualifies every element with the prefix it is given, whichever prefix came first', () => {
    const type = getType('GetActiveJobsReturn')
    const plain = writeElement('getActiveJobsReturn', type, returned, NS, '')
    const prefixed = writeElement('getActiveJobsReturn', type, returned, NS, 'ns1')
    expect(prefixed).toBe(
      plain
        .replace(` xmlns="${NS}"`, ` xmlns:ns1="${NS}"`)
        .replace(/<(\/?)([a-zA-Z])/g, '<$1ns1:$2'),
    )
    expect(writeElement('getActiveJobsReturn', type, returned, NS, '')).toBe(plain)
  })

  it('leaves out an undefined item of an array, simple or complex', () => {
    expect(
      writeElement(
        'handleArray',
        getType('HandleArray'),
        { items: ['a|1', undefined, 'a|2'] },
        NS,
        '',
      ),
    ).toBe(`<handleArray xmlns="${NS}"><items>a|1</items><items>a|2</items></handleArray>`)
    expect(
      writeElement(
        'getActiveJobsReturn',
        getType('GetActiveJobsReturn'),
        { jobArray: { items: [undefined] } },
        NS,
        '',
      ),
    ).toBe(`<getActiveJobsReturn xmlns="${NS}"><jobArray/></getActiveJobsReturn>`)
  })

  it('writes an element with no children as an empty tag', () => {
    expect(writeElement('getActiveJobsReturn', getType('GetActiveJobsReturn'), {}, NS, 'ns1')).toBe(
      `<ns1:getActiveJobsReturn xmlns:ns1="${NS}"/>`,
    )
  })
})
