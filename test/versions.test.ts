import { XmlDocument, type XmlElement } from 'libxml2-wasm'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { createIpsMock, type IpsMockOptions } from '../src/index.js'
import type { Addition } from '../src/schema/table.js'
import versionTable from '../src/schema/versions.json' with { type: 'json' }
import {
  describeAddition,
  newestSchema,
  schemaFor,
  versionOf,
  type VersionSchema,
} from '../src/schema/versions.js'
import { generateWsdl } from '../src/wsdl/generate.js'
import { operationHandlers } from '../src/operations/index.js'
import { BASE_NS, DEMO_CO, envelope, sendTo } from './support/requests.js'
import { read } from './support/soap.js'
import { expectValidSoap } from './support/xsd.js'
import { boundaries, missingIn } from './support/versions.js'

const nsOf = (version: string | undefined) => (version ? `${BASE_NS}/${version}` : BASE_NS)
const label = (version: string | undefined) => version ?? 'unversioned (pre-4.0)'

/** A submitJob envelope in `version`'s namespace with the given children of submitJobParam. */
const submit = (version: string | undefined, children: string, jobName = 'versioned') =>
  envelope(
    `<submitJobParam xmlns="${nsOf(version)}"><companyHandle>${DEMO_CO}</companyHandle><jobName>${jobName}</jobName>${children}</submitJobParam>`,
  )

const urls =
  '<urlArray><items><sourceUrl>https://img.example.test/a.jpg</sourceUrl><destPath>in/a.jpg</destPath></items></urlArray>'
const uploadDirectory = (extra: string, tail = '') =>
  `<uploadDirectoryJob><serverDir>in/</serverDir><overwrite>true</overwrite><readyForPublish>true</readyForPublish>${extra}<includeSubfolders>false</includeSubfolders><createMask>false</createMask><processMetadataFiles>false</processMetadataFiles><emailSetting>None</emailSetting>${tail}</uploadDirectoryJob>`

/**
 * One request element per version boundary of reference §2.4: accepted in the version that added
 * it, refused in the version before with the 30003 an unknown element gets.
 */
const cases: ReadonlyArray<{
  version: string
  before: string | undefined
  addedIn: string
  path: string
  children: string
}> = [
  {
    version: '2008-01-15',
    before: undefined,
    addedIn: '4.0 (2008-01-15)',
    path: 'submitJobParam/description',
    children:
      '<description>nightly</description><serverDirectoryPublishJob><emailSetting>None</emailSetting></serverDirectoryPublishJob>',
  },
  {
    version: '2008-09-10',
    before: '2008-01-15',
    addedIn: '4.2 (2008-09-10)',
    path: 'submitJobParam/uploadUrlsJob/preserveCrop',
    children: `<uploadUrlsJob>${urls}<overwrite>true</overwrite><readyForPublish>true</readyForPublish><createMask>false</createMask><preserveCrop>true</preserveCrop><emailSetting>None</emailSetting></uploadUrlsJob>`,
  },
  {
    version: '2010-01-31',
    before: '2009-07-31',
    addedIn: '4.5 (2010-01-31)',
    path: 'submitJobParam/createVideoSitemapJob',
    children: '<createVideoSitemapJob><forceUpdate>true</forceUpdate></createVideoSitemapJob>',
  },
  {
    version: '2012-02-14',
    before: '2010-01-31',
    addedIn: '6.0 (2012-02-14)',
    path: 'submitJobParam/videoPublishJob/contextHandle',
    children:
      '<videoPublishJob><emailSetting>None</emailSetting><contextHandle>pc|3004</contextHandle></videoPublishJob>',
  },
  {
    version: '2017-10-29-beta',
    before: '2014-04-03',
    addedIn: '2017-10-29-beta',
    path: 'submitJobParam/uploadDirectoryJob/synchronizationComplete',
    children: uploadDirectory('<synchronizationComplete>true</synchronizationComplete>'),
  },
  {
    version: '2021-04-26-beta',
    before: '2017-10-29-beta',
    addedIn: '2021-04-26-beta',
    path: 'submitJobParam/uploadDirectoryJob/jwtToken',
    children: uploadDirectory('', '<jwtToken>eyJ0</jwtToken>'),
  },
  {
    version: '2022-11-01-beta',
    before: '2021-04-26-beta',
    addedIn: '2022-11-01-beta',
    path: 'submitJobParam/uploadUrlsJob/sourceVideoAssetHandle',
    children: `<uploadUrlsJob>${urls}<overwrite>true</overwrite><readyForPublish>true</readyForPublish><createMask>false</createMask><emailSetting>None</emailSetting><sourceVideoAssetHandle>a|9</sourceVideoAssetHandle></uploadUrlsJob>`,
  },
]

async function answer(body: string, options: IpsMockOptions = {}) {
  const mock = createIpsMock(options)
  const result = await read(await sendTo(mock, body))
  expectValidSoap(result.xml)
  return { ...result, mock }
}

describe('each version boundary of reference §2.4', () => {
  it('covers every boundary the reference lists', () => {
    expect(cases.map((c) => c.version)).toEqual(boundaries.map((b) => b.version))
    expect(cases.map((c) => c.before)).toEqual(boundaries.map((b) => b.before))
  })

  it.each(cases)('$path: accepted in $version', async ({ version, children }) => {
    const { fault, body, xml } = await answer(submit(version, children))
    expect(fault?.reason).toBeUndefined()
    expect(body.submitJobReturn).toEqual({ jobHandle: 'j|101|versioned|' })
    expect(xml).toContain(`<ns1:submitJobReturn xmlns:ns1="${nsOf(version)}">`)
  })

  it.each(cases)(
    '$path: refused in the version before ($before), naming the element and the version',
    async ({ before, addedIn, path, children }) => {
      const { fault, status, mock } = await answer(submit(before, children))
      const element = path.split('/').at(-1)
      expect(status).toBe(500)
      expect(fault).toMatchObject({
        element: 'ipsApiFault',
        code: 30003,
        reason: `${path}: unknown element; ${element} is not part of the ${label(before)} API; it was added in ${addedIn}`,
      })
      expect(mock.store.jobs.count()).toBe(0)
    },
  )

  it('refuses an element no version has as plainly unknown', async () => {
    const { fault } = await answer(
      submit(
        '2014-04-03',
        '<serverDirectoryPublishJob><emailSetting>None</emailSetting><colour>red</colour></serverDirectoryPublishJob>',
      ),
    )
    expect(fault?.code).toBe(30003)
    expect(fault?.reason).toBe(
      "submitJobParam/serverDirectoryPublishJob/colour: unknown element; ServerDirectoryPublishJob has no element 'colour'",
    )
  })

  it('gives a version between two documented ones the older one’s schema', async () => {
    // 2009-07-31 (4.4) changed nothing §2.4 lists: it has 4.2's preserveCrop, not 4.5's numUrls.
    const job = (extra: string) =>
      `<uploadUrlsJob>${urls}${extra}<overwrite>true</overwrite><readyForPublish>true</readyForPublish><createMask>false</createMask><emailSetting>None</emailSetting></uploadUrlsJob>`
    expect((await answer(submit('2009-07-31', job('')))).fault).toBeUndefined()
    expect((await answer(submit('2009-07-31', job('<numUrls>1</numUrls>')))).fault?.reason).toMatch(
      /numUrls is not part of the 2009-07-31 API; it was added in 4\.5 \(2010-01-31\)$/,
    )
    // An undocumented dated namespace takes the newest schema at or before its date.
    const sitemap = '<createVideoSitemapJob/>'
    expect((await answer(submit('2011-11-04-beta', sitemap))).fault).toBeUndefined()
    expect((await answer(submit('2023-01-15', cases[6]?.children ?? ''))).fault).toBeUndefined()
  })
})

describe('answers in a version carry only that version’s elements', () => {
  const later = '2030-06-01T00:00:00Z'
  const query = (operation: string, version: string | undefined) =>
    envelope(
      `<${operation}Param xmlns="${nsOf(version)}"><companyHandle>${DEMO_CO}</companyHandle></${operation}Param>`,
    )

  it('lists a createVideoSitemapJob without its job element in a namespace before 4.5', async () => {
    const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z' })
    const submitted = await read(
      await sendTo(
        mock,
        submit('2010-01-31', `<execTime>${later}</execTime><createVideoSitemapJob/>`, 'sitemap'),
      ),
    )
    expect(submitted.fault).toBeUndefined()
    const newer = await read(await sendTo(mock, query('getScheduledJobs', '2010-01-31')))
    const older = await read(await sendTo(mock, query('getScheduledJobs', '2009-07-31')))
    expectValidSoap(newer.xml)
    expectValidSoap(older.xml)
    expect(newer.xml).toContain('<ns1:createVideoSitemapJob/>')
    expect(older.xml).toContain('<ns1:originalName>sitemap</ns1:originalName>')
    expect(older.xml).not.toContain('createVideoSitemapJob')
  })

  it('writes TaskProgress/taskState from 6.0 on only', async () => {
    const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z' })
    const job =
      '<serverDirectoryPublishJob><emailSetting>None</emailSetting></serverDirectoryPublishJob>'
    expect((await read(await sendTo(mock, submit('2014-04-03', job)))).fault).toBeUndefined()
    await mock.clock.advance('1500ms')
    const newer = await read(await sendTo(mock, query('getActiveJobs', '2012-02-14')))
    const older = await read(await sendTo(mock, query('getActiveJobs', '2010-01-31')))
    expectValidSoap(newer.xml)
    expectValidSoap(older.xml)
    expect(newer.xml).toMatch(/<ns1:taskType>[^<]+<\/ns1:taskType><ns1:taskState>Processing</)
    expect(older.xml).toMatch(/<ns1:taskType>[^<]+<\/ns1:taskType><ns1:numProcessed>/)
  })
})

describe('versionLenient', () => {
  const exportJob =
    '<exportJob><assetHandleArray><items>a|1</items></assetHandleArray><fmt>orig</fmt><emailSetting>None</emailSetting></exportJob>'

  it('is off by default: exportJob is refused in 2008-01-15', async () => {
    expect((await answer(submit('2008-01-15', exportJob))).fault?.code).toBe(30003)
  })

  it('accepts and answers the newest schema in every namespace when on', async () => {
    const mock = createIpsMock({ versionLenient: true, startTime: '2030-01-01T00:00:00Z' })
    const body = submit(undefined, `<execTime>2030-06-01T00:00:00Z</execTime>${exportJob}`, 'x')
    const submitted = await read(await sendTo(mock, body))
    expect(submitted.fault).toBeUndefined()
    const listed = await read(
      await sendTo(
        mock,
        envelope(
          `<getScheduledJobsParam xmlns="${BASE_NS}"><companyHandle>${DEMO_CO}</companyHandle></getScheduledJobsParam>`,
        ),
      ),
    )
    expect(listed.xml).toContain('<ns1:exportJob>')
  })
})

/** `Type/element` of every complex type and global element of a WSDL's version schema. */
function wsdlElements(version: string | undefined): {
  types: Set<string>
  elements: Set<string>
  refs: Map<string, string>
} {
  const wsdl = generateWsdl({
    serviceUrl: 'http://127.0.0.1/scene7/services/IpsApiService',
    operations: Object.keys(operationHandlers),
    ...(version ? { version } : {}),
  })
  const doc = XmlDocument.fromString(wsdl)
  const xsd = { xsd: 'http://www.w3.org/2001/XMLSchema', wsdl: 'http://schemas.xmlsoap.org/wsdl/' }
  try {
    const [schema] = doc.find('/wsdl:definitions/wsdl:types/xsd:schema[1]', xsd) as XmlElement[]
    const types = new Set<string>()
    const elements = new Set<string>()
    const refs = new Map<string, string>()
    const named = (node: XmlElement) => node.attrs.find((a) => a.name === 'name')?.value ?? ''
    const typeOf = (node: XmlElement) => node.attrs.find((a) => a.name === 'type')?.value ?? ''
    const add = (type: string, child: XmlElement) => {
      elements.add(`${type}/${named(child)}`)
      const ref = typeOf(child)
      if (ref.startsWith('tns:')) refs.set(`${type}/${named(child)}`, ref.slice(4))
    }
    for (const type of schema?.find('xsd:complexType', xsd) as XmlElement[]) {
      types.add(named(type))
      for (const child of type.find('xsd:sequence/xsd:element', xsd) as XmlElement[]) {
        add(named(type), child)
      }
    }
    for (const global of schema?.find('xsd:element', xsd) as XmlElement[]) {
      const name = named(global)
      const typeName = `${name[0]?.toUpperCase()}${name.slice(1)}`
      if (
        ['AuthHeader', 'AuthenticationFault', 'AuthorizationFault', 'IpsApiFault'].includes(
          typeName,
        )
      )
        continue
      types.add(typeName)
      for (const child of global.find(
        'xsd:complexType/xsd:sequence/xsd:element',
        xsd,
      ) as XmlElement[]) {
        add(typeName, child)
      }
    }
    return { types, elements, refs }
  } finally {
    doc.dispose()
  }
}

describe('each version’s WSDL', () => {
  it.each(boundaries)(
    'differs from the one before $version by exactly the §2.4 row',
    ({ version, before, added }) => {
      const older = wsdlElements(before)
      const newer = wsdlElements(version)
      const removed = [...older.elements].filter((path) => !newer.elements.has(path))
      expect(removed).toEqual([])
      // Elements that appear in types both versions have are the row itself; a type the newer
      // version gains is reachable only through one of the row's elements.
      const gained = [...newer.elements].filter(
        (path) => !older.elements.has(path) && older.types.has(path.split('/')[0] ?? ''),
      )
      const served = added.filter((path) => newer.types.has(path.split('/')[0] ?? ''))
      expect(gained.sort()).toEqual([...served].sort())
      const newTypes = [...newer.types].filter((type) => !older.types.has(type))
      const reachable = new Set<string>()
      const pending = gained.map((path) => newer.refs.get(path)).filter((t) => t !== undefined)
      for (let type = pending.pop(); type !== undefined; type = pending.pop()) {
        if (reachable.has(type) || older.types.has(type)) continue
        reachable.add(type)
        for (const [path, ref] of newer.refs) if (path.startsWith(`${type}/`)) pending.push(ref)
      }
      expect(newTypes.sort()).toEqual([...reachable].sort())
    },
  )

  it('has none of the elements a version lacks, and all it has', () => {
    for (const version of [undefined, '2008-01-15', '2009-07-31', '2013-02-15', '2014-04-03']) {
      const { elements } = wsdlElements(version)
      const missing = missingIn(version)
      for (const path of missing) expect(elements.has(path), `${version} ${path}`).toBe(false)
      expect(elements.has('SubmitJobParam/jobName')).toBe(true)
    }
    expect(wsdlElements('2008-01-15').elements.has('SubmitJobParam/exportJob')).toBe(false)
    expect(wsdlElements('2012-02-14').elements.has('SubmitJobParam/exportJob')).toBe(true)
  })

  it('is the same for versions §2.4 lists no change between', () => {
    const text = (version: string) => [...wsdlElements(version).elements].sort()
    expect(text('2009-07-31')).toEqual(text('2008-09-10'))
    expect(text('2014-04-03')).toEqual(text('2012-02-14'))
    expect(text('2013-02-15')).toEqual(text('2012-02-14'))
  })
})

describe('the schema of a namespace', () => {
  const laterSchema = `${BASE_NS}/2021-04-26-beta`

  it('reads the version of a whole IPS namespace only', () => {
    expect(versionOf(BASE_NS)).toBeUndefined()
    expect(versionOf(`${BASE_NS}/2014-04-03`)).toBe('2014-04-03')
    expect(versionOf(`${BASE_NS}/2017-10-29-beta`)).toBe('2017-10-29-beta')
    expect(versionOf(`urn:x:${BASE_NS}/2008-01-15`)).toBeNull()
    expect(versionOf(`${BASE_NS}/2008-01-15/more`)).toBeNull()
  })

  it('gives a URI that is not an IPS namespace the newest schema (2022-11-01-beta)', () => {
    expect(newestSchema.version).toBe('2022-11-01-beta')
    for (const ns of ['urn:x', `urn:x:${BASE_NS}/2008-01-15`, `${BASE_NS}/2008-01-15/more`]) {
      expect(schemaFor(ns), ns).toBe(newestSchema)
    }
  })

  it('gives a dated namespace without -beta the schema of that date’s beta', async () => {
    // 2017-10-29 has the 2017-10-29-beta schema (synchronizationComplete), 2021-04-26 the
    // 2021-04-26-beta one (jwtToken); the day before 2017-10-29 has neither.
    const sync = uploadDirectory('<synchronizationComplete>true</synchronizationComplete>')
    const jwtToken = uploadDirectory('', '<jwtToken>eyJ0</jwtToken>')
    expect((await answer(submit('2017-10-29', sync))).fault?.reason).toBeUndefined()
    expect((await answer(submit('2021-04-26', jwtToken))).fault?.reason).toBeUndefined()
    expect((await answer(submit('2017-10-28', sync))).fault?.reason).toMatch(
      /synchronizationComplete is not part of the 2017-10-28 API; it was added in 2017-10-29-beta$/,
    )
  })

  it('has the archived-job-log operation and the types added after 2017-10-29-beta only from 2021-04-26-beta on', () => {
    // Reference: getArchivedJobLogDetails is in the AEM schemas from 2021-04-26-beta; ThreeDInfo,
    // MetadataOptions and the video smart-crop types are absent from 2017-10-29-beta,
    // AudioCaptionsMetadata from 2021-04-26-beta too.
    const older = schemaFor(`${BASE_NS}/2017-10-29-beta`)
    const newer = schemaFor(laterSchema)
    const added = ['getArchivedJobLogDetailsParam', 'getArchivedJobLogDetailsReturn']
    for (const name of added) {
      expect(older.elements.has(name), name).toBe(false)
      expect(newer.elements.get(name)?.elementName, name).toBe(name)
      expect(describeAddition(older.laterElements.get(name) as Addition)).toBe('2021-04-26-beta')
    }
    expect([...older.laterElements.keys()].sort()).toEqual(added)
    expect(newer.laterElements.size).toBe(0)
    for (const type of ['ThreeDInfo', 'MetadataOptions', 'VideoSmartCropArray']) {
      expect(older.types.has(type), type).toBe(false)
      expect(newer.types.has(type), type).toBe(true)
    }
    expect(newer.types.has('AudioCaptionsMetadata')).toBe(false)
    expect(newestSchema.types.has('AudioCaptionsMetadata')).toBe(true)
  })

  it('fails loudly on a type the version’s schema lacks, naming the schema', () => {
    const lookUp = (schema: VersionSchema, name: string) => {
      try {
        return schema.getType(name)
      } catch (error) {
        return error
      }
    }
    const missing = (schema: string, subject: string) => ({
      name: 'IpsMockError',
      code: 'INTERNAL',
      action: 'find IPS type',
      subject,
      reason: `the ${schema} schema table has no such type`,
    })
    expect(lookUp(schemaFor(BASE_NS), 'ThreeDInfo')).toMatchObject(
      missing('unversioned', 'ThreeDInfo'),
    )
    expect(lookUp(schemaFor(laterSchema), 'ThreeDInfo')).toMatchObject({ name: 'ThreeDInfo' })
    expect(lookUp(newestSchema, 'NoSuchType')).toMatchObject(
      missing('2022-11-01-beta', 'NoSuchType'),
    )
  })
})

describe('the version table, checked against the reference schema when loaded', () => {
  const schemaDir = fileURLToPath(new URL('../src/schema/', import.meta.url))
  const scratch = mkdtempSync(join(tmpdir(), 'ips-mock-versions-'))
  mkdirSync(join(scratch, 'schema'))
  // src/schema/versions.ts as it is, beside its table.ts and IpsMockError, over a changed
  // versions.json: each load builds the schema tables afresh.
  symlinkSync(join(schemaDir, 'table.ts'), join(scratch, 'schema', 'table.ts'))
  symlinkSync(join(schemaDir, '..', 'errors'), join(scratch, 'errors'))
  afterAll(() => rmSync(scratch, { recursive: true, force: true }))
  let loads = 0

  /** Loads src/schema/versions.ts afresh over a changed copy of versions.json. */
  async function loadWith(change: (table: typeof versionTable) => typeof versionTable) {
    loads += 1
    const dir = join(scratch, 'schema')
    writeFileSync(
      join(dir, `versions-${loads}.json`),
      JSON.stringify(change(structuredClone(versionTable))),
    )
    writeFileSync(
      join(dir, `versions-${loads}.ts`),
      readFileSync(join(schemaDir, 'versions.ts'), 'utf8').replace(
        "'./versions.json'",
        `'./versions-${loads}.json'`,
      ),
    )
    try {
      return (await import(pathToFileURL(join(dir, `versions-${loads}.ts`)).href)) as unknown
    } catch (error) {
      return error
    }
  }
  const refused = (reason: string) => ({
    name: 'IpsMockError',
    code: 'INTERNAL',
    action: 'build the schema table',
    reason,
  })
  const withAdded = (added: Record<string, string[]>) => (table: typeof versionTable) => {
    table.versions.push({ version: '2030-01-01', release: '9.0', change: '', added })
    return table
  }

  it('loads the bundled table', async () => {
    expect(await loadWith((table) => table)).toHaveProperty('schemaFor')
  })

  it('refuses an entry naming an element the reference type lacks', async () => {
    expect(await loadWith(withAdded({ SubmitJobParam: ['jobName', 'colour'] }))).toMatchObject(
      refused(
        'versions.json names "SubmitJobParam/colour", which the reference schema does not have',
      ),
    )
  })

  it('refuses an entry naming a type the reference lacks', async () => {
    expect(await loadWith(withAdded({ ColourJob: ['colour'] }))).toMatchObject(
      refused('versions.json names "ColourJob/colour", which the reference schema does not have'),
    )
  })

  it('refuses a table with no snapshot after one the reference says lacks an element', async () => {
    // sourceVideoAssetHandle is absent from 2017-10-29-beta and 2021-04-26-beta: without the
    // 2022-11-01-beta entry nothing says where it was added.
    const cut = (table: typeof versionTable) => {
      table.versions = table.versions.filter((entry) => entry.version !== '2022-11-01-beta')
      return table
    }
    expect(await loadWith(cut)).toMatchObject(
      refused('no snapshot follows "2021-04-26-beta" in versions.json'),
    )
  })
})
