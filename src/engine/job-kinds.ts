import type { Faker } from '@faker-js/faker'

/** A file or asset a job run works through. */
export interface WorkItem {
  name: string
  assetType: string
  assetHandle?: string
}

/** How one job element behaves in the log: its log types and where its work items come from. */
export interface JobKind {
  /** JobLog.logType and the first detail line. */
  begin: string
  end: string
  success: string
  warning: string
  error: string
  /** The work items of a run, from the job's parameters (or faker for server-side work). */
  items(params: Record<string, unknown>, faker: Faker): WorkItem[]
}

const assetTypes: Array<[RegExp, string]> = [
  [/\.(mp4|mov|avi|m4v|webm)$/i, 'Video'],
  [/\.pdf$/i, 'Pdf'],
  [/\.(ai|eps|ps)$/i, 'MasterImage'],
  [/\.(zip)$/i, 'Zip'],
  [/\.(xml)$/i, 'Xml'],
]

function assetTypeOf(name: string): string {
  return assetTypes.find(([pattern]) => pattern.test(name))?.[1] ?? 'MasterImage'
}

function handles(value: unknown): string[] {
  const items = (value as { items?: unknown } | undefined)?.items
  return Array.isArray(items) ? items.map(String) : []
}

function fromHandles(list: string[], faker: Faker): WorkItem[] {
  return list.map((assetHandle) => {
    const name = `${faker.system.commonFileName('jpg')}`
    return { name, assetType: 'MasterImage', assetHandle }
  })
}

function files(faker: Faker, min: number, max: number, extension = 'jpg'): WorkItem[] {
  return Array.from({ length: faker.number.int({ min, max }) }, () => {
    const name = faker.system.commonFileName(extension)
    return { name, assetType: assetTypeOf(name) }
  })
}

function kind(
  begin: string,
  end: string,
  success: string,
  warning: string,
  error: string,
  items: JobKind['items'],
): JobKind {
  return { begin, end, success, warning, error, items }
}

const upload = (items: JobKind['items']) =>
  kind('BeginUpload', 'EndUpload', 'UploadSuccess', 'UploadWarning', 'UploadError', items)

/**
 * Log behaviour per submitJob job element. The log type constants are IPS's own (reference §8,
 * typos included); which job uses which is a guess where IPS documents no pairing.
 */
export const jobKinds: Readonly<Record<string, JobKind>> = {
  imageServingPublishJob: kind(
    'BeginImageServingPublish',
    'EndImageServingPublish',
    'ImageServingPublishSuccess',
    'ImageServingPublishWarning',
    'ImageServingPublishError',
    (_, faker) => files(faker, 5, 20),
  ),
  imageRenderingPublishJob: kind(
    'BeginImageRenderingPublish',
    'EndImageRenderingPublish',
    'ImageRenderingPublishSuccess',
    'ImageRenderingPublishError',
    'ImageRenderingPublishError',
    (_, faker) => files(faker, 3, 10, 'vnt'),
  ),
  videoPublishJob: kind(
    'BeginVideoPublish',
    'EndVideoPublish',
    'VideoPubilshSuccess',
    'VideoPublishWarning',
    'VideoPublishError',
    (_, faker) => files(faker, 1, 5, 'mp4'),
  ),
  serverDirectoryPublishJob: kind(
    'BeginServerDirectoryPublish',
    'EndServerDirectoryPublish',
    'ServerDirectoryPublishSuccess',
    'ServerDirectoryPublishWarning',
    'ServerDirectoryPublishError',
    (_, faker) => files(faker, 3, 12),
  ),
  metadataPublishJob: kind(
    'BeginMetadata',
    'EndMetadata',
    'MetadataSuccess',
    'MetadataFailure',
    'MetadataFailure',
    (_, faker) => files(faker, 2, 8, 'xml'),
  ),
  uploadDirectoryJob: upload((_, faker) => files(faker, 3, 8)),
  uploadUrlsJob: kind(
    'BeginUploadUrls',
    'EndUploadUrls',
    'UploadSuccess',
    'UploadWarning',
    'UploadError',
    (params) => {
      const urls = ((params.urlArray as { items?: unknown[] } | undefined)?.items ?? []) as Array<{
        destPath: string
      }>
      return urls.map((url) => ({ name: url.destPath, assetType: assetTypeOf(url.destPath) }))
    },
  ),
  optimizeImagesJob: kind(
    'BeginReoptimize',
    'endReoptimize',
    'ReoptimizeSuccess',
    'ReoptimizeFailure',
    'ReoptimizeFailure',
    (_, faker) => files(faker, 2, 10),
  ),
  ripPdfsJob: upload((params, faker) => fromHandles(handles(params.pdfHandleArray), faker)),
  reprocessAssetsJob: kind(
    'BeginReoptimize',
    'endReoptimize',
    'ReoptimizeSuccess',
    'ReoptimizeFailure',
    'ReoptimizeFailure',
    (params, faker) => fromHandles(handles(params.assetHandleArray), faker),
  ),
  createVideoSitemapJob: kind(
    'BeginVideoPublish',
    'EndVideoPublish',
    'VideoPubilshSuccess',
    'VideoPublishWarning',
    'VideoPublishError',
    () => [{ name: 'sitemap.xml', assetType: 'Xml' }],
  ),
  // Clients take the first detail whose assetName starts with http as the download (§6.9).
  exportJob: kind(
    'BeginGet',
    'EndGet',
    'ReturnSuccess',
    'GetFailure',
    'GetFailure',
    (params, faker) => [
      {
        name: `https://export.ips-mock.test/${faker.string.alphanumeric(12).toLowerCase()}.zip`,
        assetType: 'Zip',
      },
      ...fromHandles(handles(params.assetHandleArray), faker),
    ],
  ),
  automatedSetGenerationJob: upload((params, faker) =>
    fromHandles(handles(params.assetHandleArray), faker).map(({ name, assetHandle }) => ({
      name,
      assetType: 'ImageSet',
      assetHandle,
    })),
  ),
}
