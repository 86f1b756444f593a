/**
 * The reference's version differences (README §2.4 of the IPS reference), written out by hand as
 * the tests' own expectation: for each version boundary, what the newer version added, as
 * `Type/element`. Independent of src/schema/versions.json on purpose: a transcription slip in
 * either one fails the tests instead of agreeing with itself.
 */
export interface Boundary {
  /** The namespace version that first has the elements (`''` is never a boundary). */
  version: string
  /** The version just before it, which lacks them (`undefined` = the unversioned namespace). */
  before: string | undefined
  /** What the newer version added. */
  added: readonly string[]
}

const uploadJobs = ['UploadDirectoryJob', 'UploadUrlsJob', 'UploadPostJob']
const each = (types: readonly string[], elements: readonly string[]) =>
  types.flatMap((type) => elements.map((element) => `${type}/${element}`))
const jobLists = ['SubmitJobParam', 'ActiveJob', 'ScheduledJob']
const mediaJobs = [...uploadJobs, 'ReprocessAssetsJob']
const absentIn2017 = [
  'metadataOptions',
  'jwtToken',
  'imsOrg',
  'apikey',
  'ignoreSmartCropGeneration',
  'preserveSmartCrop',
]

export const boundaries: readonly Boundary[] = [
  {
    version: '2008-01-15',
    before: undefined,
    added: [
      'SubmitJobParam/locale',
      'SubmitJobParam/description',
      ...each(jobLists, ['optimizeImagesJob', 'reprocessAssetsJob']),
    ],
  },
  {
    version: '2008-09-10',
    before: '2008-01-15',
    added: each(mediaJobs, ['preservePublishState', 'preserveCrop']),
  },
  {
    version: '2010-01-31',
    before: '2009-07-31',
    added: [
      'UploadUrlsJob/numUrls',
      ...each(jobLists, ['createVideoSitemapJob']),
      'ImageServingPublishJob/contextHandle',
    ],
  },
  {
    version: '2012-02-14',
    before: '2010-01-31',
    added: [
      ...each(jobLists, ['exportJob']),
      'TaskProgress/taskState',
      'ImageRenderingPublishJob/contextHandle',
      'VideoPublishJob/contextHandle',
    ],
  },
  {
    version: '2017-10-29-beta',
    before: '2014-04-03',
    added: [
      ...each(mediaJobs, ['synchronizationComplete', 'autoSmartCropOptionsArray', 'cssOptions']),
      'RipPdfsJob/autoSmartCropOptionsArray',
      'AutomatedSetGenerationJob/synchronizationComplete',
      'MediaOptions/avsEncodingArray',
    ],
  },
  {
    version: '2021-04-26-beta',
    before: '2017-10-29-beta',
    added: [
      ...each(mediaJobs, absentIn2017),
      'ReprocessAssetsJob/overwriteAVS',
      'MediaOptions/videoSmartCropArray',
      'MediaOptions/videoSmartCropSampleRate',
      'User/defaultRole',
      'User/role',
      // Assets reference §4.1: threeDInfo is absent from the 2017-10-29-beta schema.
      'Asset/threeDInfo',
    ],
  },
  {
    version: '2022-11-01-beta',
    before: '2021-04-26-beta',
    added: [
      ...each(
        ['UploadUrlsJob', 'UploadPostJob'],
        ['sourceVideoAssetHandle', 'audioCaptionsMetadata'],
      ),
      'MediaOptions/cmafConformance',
    ],
  },
]

/** The job elements of `submitJobParam` in the unversioned (pre-4.0) namespace (reference §2.4). */
export const preV4JobElements = [
  'imageServingPublishJob',
  'imageRenderingPublishJob',
  'videoPublishJob',
  'serverDirectoryPublishJob',
  'metadataPublishJob',
  'uploadDirectoryJob',
  'uploadUrlsJob',
  'ripPdfsJob',
  'automatedSetGenerationJob',
]

/** Job elements that a version's `submitJobParam` lacks, by the boundaries above. */
export function jobElementsMissingIn(version: string | undefined): string[] {
  const date = version?.slice(0, 10) ?? ''
  return boundaries
    .filter((boundary) => boundary.version.slice(0, 10) > date)
    .flatMap((boundary) => boundary.added)
    .filter((path) => path.startsWith('SubmitJobParam/') && path.endsWith('Job'))
    .map((path) => path.slice('SubmitJobParam/'.length))
}

/** Every `Type/element` that `version` (undefined = unversioned) lacks, by the boundaries above. */
export function missingIn(version: string | undefined): string[] {
  const date = version?.slice(0, 10) ?? ''
  return boundaries
    .filter((boundary) => boundary.version.slice(0, 10) > date)
    .flatMap((boundary) => boundary.added)
}

/** Types of the assets reference, which the reference XSD (the submitJob subset) does not define. */
const outsideReferenceXsd = new Set(['Asset'])

/**
 * The reference XSD (written for the newest schema) cut down to one version: each element the
 * version lacks is removed from its type (a named complexType, or the anonymous type of the
 * global element `submitJobParam` for `SubmitJobParam`).
 */
export function xsdForVersion(xsd: string, version: string | undefined): string {
  let text = xsd
  for (const path of missingIn(version)) {
    const [type = '', element = ''] = path.split('/')
    if (outsideReferenceXsd.has(type)) continue
    const global = `${type[0]?.toLowerCase()}${type.slice(1)}`
    const start = Math.max(
      text.indexOf(`<xsd:complexType name="${type}">`),
      type.endsWith('Param') || type.endsWith('Return')
        ? text.indexOf(`<xsd:element name="${global}">`)
        : -1,
    )
    if (start < 0) throw new Error(`xsdForVersion: no type ${type} in the XSD`)
    const end = text.indexOf('</xsd:complexType>', start)
    const block = text.slice(start, end)
    const cut = block.replace(
      new RegExp(
        `\\s*<xsd:element name="${element}"(?:[^>]*/>|[^>]*[^/]>[\\s\\S]*?</xsd:element>)`,
      ),
      '',
    )
    if (cut === block) throw new Error(`xsdForVersion: no element ${path} in the XSD`)
    text = text.slice(0, start) + cut + text.slice(end)
  }
  return text
}
