import { readFileSync } from 'node:fs'
import { XmlDocument, XmlElement, type XmlTreeNode } from 'libxml2-wasm'
import { describe, expect, it } from 'vitest'
import { createIpsMock, type SeedData } from '../src/index.js'
import { BASE_NS, DEMO_CO, envelope, NS_2014, sendTo, SOAP12 } from './support/requests.js'
import { read } from './support/soap.js'
import { expectValidSoap } from './support/xsd.js'

const folder = new URL('../fixtures/documented/', import.meta.url)
const fixture = (name: string) => readFileSync(new URL(name, folder), 'utf8')
const seed = JSON.parse(fixture('seed.json')) as SeedData

/** An element as namespace, local name, text and children: what a namespace-aware reader sees. */
type Tree = { ns: string; name: string; text: string; children: Tree[] }
function tree(element: XmlElement): Tree {
  const children: Tree[] = []
  let text = ''
  for (let node: XmlTreeNode | null = element.firstChild; node; node = node.next) {
    if (node instanceof XmlElement) children.push(tree(node))
    else text += node.content
  }
  return { ns: element.namespaceUri, name: element.name, text: text.trim(), children }
}
function parse(xml: string, xpath?: string): Tree {
  const doc = XmlDocument.fromString(xml)
  try {
    const soap = { s11: 'http://schemas.xmlsoap.org/soap/envelope/', s12: SOAP12 }
    const [target] = (xpath ? doc.find(xpath, soap) : [doc.root]) as XmlElement[]
    if (!target) throw new Error(`nothing at ${xpath}`)
    return tree(target)
  } finally {
    doc.dispose()
  }
}

describe('the documented submitJob example (reference §5)', () => {
  const request = fixture('submitJob.request.xml')
  const documented = fixture('submitJob.response.xml').trim()

  it('answers the documented return element, for the legacy company handle 47', async () => {
    const mock = createIpsMock({ seed })
    const answer = await read(await sendTo(mock, request))
    expectValidSoap(answer.xml)
    expect(answer.status).toBe(200)
    expect(parse(answer.xml, '/s11:Envelope/s11:Body/*')).toEqual(parse(documented))
    expect(mock.store.job('47|My Test Job|')?.originalName).toBe('My Test Job')
  })

  it('is the documented text itself over SOAP 1.2, whose return element takes a default namespace', async () => {
    const mock = createIpsMock({ seed })
    const soap12 = request.replace(
      'http://schemas.xmlsoap.org/soap/envelope/',
      'http://www.w3.org/2003/05/soap-envelope',
    )
    const answer = await read(
      await sendTo(mock, soap12, { 'content-type': 'application/soap+xml' }),
    )
    expect(answer.xml).toContain(`<soapenv:Body>${documented}</soapenv:Body>`)
  })

  it('keeps the legacy form for later jobs and lists them so', async () => {
    const mock = createIpsMock({ seed })
    await read(await sendTo(mock, request))
    const second = await read(await sendTo(mock, request))
    expect(second.body.submitJobReturn).toEqual({ jobHandle: '47|My Test Job_1|' })
    const listed = await read(
      await sendTo(
        mock,
        request.replace(
          /<submitJobParam[\s\S]*<\/submitJobParam>/,
          `<getActiveJobsParam xmlns="${BASE_NS}"><companyHandle>47</companyHandle></getActiveJobsParam>`,
        ),
      ),
    )
    expectValidSoap(listed.xml)
    expect(listed.xml).toContain('<ns1:jobHandle>47|My Test Job|</ns1:jobHandle>')
    expect(listed.xml).toContain('<ns1:companyHandle>47</ns1:companyHandle>')
  })

  it('gives a modern c|… company modern job handles', async () => {
    const mock = createIpsMock()
    const answer = await read(
      await sendTo(
        mock,
        envelope(
          `<submitJobParam xmlns="${NS_2014}"><companyHandle>${DEMO_CO}</companyHandle><jobName>My Test Job</jobName><imageServingPublishJob><publishType>Full</publishType><emailSetting>Error</emailSetting></imageServingPublishJob></submitJobParam>`,
        ),
      ),
    )
    expect(answer.body.submitJobReturn).toEqual({ jobHandle: 'j|101|My Test Job|' })
  })
})

describe('empty required strings', () => {
  const job =
    '<imageServingPublishJob><publishType>Full</publishType><emailSetting>Error</emailSetting></imageServingPublishJob>'
  const submit = (fields: string, children = job) =>
    envelope(`<submitJobParam xmlns="${NS_2014}">${fields}${children}</submitJobParam>`)

  it.each([
    ['an empty jobName (what suds sends for an unset field)', '<jobName/>'],
    ['a jobName of spaces only', '<jobName>   </jobName>'],
  ])('refuses %s like a missing one (30002), storing nothing', async (_label, jobName) => {
    const mock = createIpsMock()
    const answer = await read(
      await sendTo(mock, submit(`<companyHandle>${DEMO_CO}</companyHandle>${jobName}`)),
    )
    expectValidSoap(answer.xml)
    expect(answer.fault).toMatchObject({
      code: 30002,
      reason: 'submitJobParam/jobName: required element is empty',
    })
    expect(mock.store.jobs.count()).toBe(0)
  })

  it('refuses an empty companyHandle and an empty required string inside a job', async () => {
    const mock = createIpsMock()
    const noCompany = await read(await sendTo(mock, submit('<companyHandle/><jobName>j</jobName>')))
    expect(noCompany.fault).toMatchObject({
      code: 30002,
      reason: 'submitJobParam/companyHandle: required element is empty',
    })
    const uploadDirectory =
      '<uploadDirectoryJob><serverDir></serverDir><overwrite>true</overwrite><readyForPublish>true</readyForPublish><includeSubfolders>false</includeSubfolders><createMask>false</createMask><processMetadataFiles>false</processMetadataFiles><emailSetting>None</emailSetting></uploadDirectoryJob>'
    const noDir = await read(
      await sendTo(
        mock,
        submit(`<companyHandle>${DEMO_CO}</companyHandle><jobName>j</jobName>`, uploadDirectory),
      ),
    )
    expect(noDir.fault).toMatchObject({
      code: 30002,
      reason: 'submitJobParam/uploadDirectoryJob/serverDir: required element is empty',
    })
    expect(mock.store.jobs.count()).toBe(0)
  })

  it('accepts an empty optional string (description) as sent', async () => {
    const mock = createIpsMock()
    const answer = await read(
      await sendTo(
        mock,
        submit(`<companyHandle>${DEMO_CO}</companyHandle><jobName>j</jobName><description/>`),
      ),
    )
    expect(answer.fault).toBeUndefined()
    expect(mock.store.job('j|101|j|')?.description).toBe('')
  })
})
