import type { Faker } from '@faker-js/faker'

/** A file or asset a job run works through. */
export interface WorkItem {
  /** What the detail line's message names (a file, a path, an asset's virtual path). */
  name: string
  assetType: string
  assetHandle?: string
  /** The asset's name (IPS ID), when it differs from `name`. */
  assetName?: string
  /** For uploads: the target path in IPS (folder + file name). */
  path?: string
  /** For uploads: the file's size in bytes, when known. */
  size?: number
}

/** A file the UploadFile servlet received for a job: its target path and size. */
export interface PostedFile {
  path: string
  size: number
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
  /** How many items `items` returns, drawing no more from faker than it needs for that. */
  count(params: Record<string, unknown>, faker: Faker): number
  /** Whether items carry asset handles (the job names existing assets). */
  namesAssets: boolean
}

/** Where a kind's work items come from. */
type Work = Pick<JobKind, 'items' | 'count' | 'namesAssets'>

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

function urlsOf(params: Record<string, unknown>): Array<{ destPath: string }> {
  return ((params.urlArray as { items?: unknown[] } | undefined)?.items ?? []) as Array<{
    destPath: string
  }>
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

/** Asset handles from an `*HandleArray` element of the job's parameters. */
function assetWork(element: string, map: (items: WorkItem[]) => WorkItem[] = (i) => i): Work {
  return {
    items: (params, faker) => map(fromHandles(handles(params[element]), faker)),
    count: (params) => handles(params[element]).length,
    namesAssets: true,
  }
}

/** Server-side work on a faker-drawn number of files. */
function files(min: number, max: number, extension = 'jpg'): Work {
  return {
    items: (_, faker) =>
      Array.from({ length: faker.number.int({ min, max }) }, () => {
        const name = faker.system.commonFileName(extension)
        return { name, assetType: assetTypeOf(name) }
      }),
    count: (_, faker) => faker.number.int({ min, max }),
    namesAssets: false,
  }
}

function fixed(items: (params: Record<string, unknown>) => WorkItem[]): Work {
  return { items, count: (params) => items(params).length, namesAssets: false }
}

function kind(
  begin: string,
  end: string,
  success: string,
  warning: string,
  error: string,
  work: Work,
): JobKind {
  return { begin, end, success, warning, error, ...work }
}

const upload = (work: Work) =>
  kind('BeginUpload', 'EndUpload', 'UploadSuccess', 'UploadWarning', 'UploadError', work)

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
    files(5, 20),
  ),
  imageRenderingPublishJob: kind(
    'BeginImageRenderingPublish',
    'EndImageRenderingPublish',
    'ImageRenderingPublishSuccess',
    'ImageRenderingPublishError',
    'ImageRenderingPublishError',
    files(3, 10, 'vnt'),
  ),
  videoPublishJob: kind(
    'BeginVideoPublish',
    'EndVideoPublish',
    'VideoPubilshSuccess',
    'VideoPublishWarning',
    'VideoPublishError',
    files(1, 5, 'mp4'),
  ),
  serverDirectoryPublishJob: kind(
    'BeginServerDirectoryPublish',
    'EndServerDirectoryPublish',
    'ServerDirectoryPublishSuccess',
    'ServerDirectoryPublishWarning',
    'ServerDirectoryPublishError',
    files(3, 12),
  ),
  metadataPublishJob: kind(
    'BeginMetadata',
    'EndMetadata',
    'MetadataSuccess',
    'MetadataFailure',
    'MetadataFailure',
    files(2, 8, 'xml'),
  ),
  // Files of the server directory land in destFolder; with includeSubfolders, the second half
  // comes from a subdirectory, replicated below destFolder (assets reference §6.1).
  uploadDirectoryJob: upload({
    items: (params, faker) => {
      const items = files(3, 8).items(params, faker)
      const folder = String(params.destFolder ?? '').replace(/\/*$/, '/')
      const sub = params.includeSubfolders === true ? `${faker.word.noun()}/` : ''
      return items.map((item, index) =>
        Object.assign(item, {
          path: `${folder}${index >= items.length / 2 ? sub : ''}${item.name}`,
        }),
      )
    },
    count: files(3, 8).count,
    namesAssets: false,
  }),
  // Files posted to the UploadFile servlet, collected on the job while it received them.
  uploadPostJob: upload(
    fixed((params) =>
      ((params.postedFiles as PostedFile[] | undefined) ?? []).map((file) => ({
        name: file.path,
        assetType: assetTypeOf(file.path),
        path: file.path,
        size: file.size,
      })),
    ),
  ),
  uploadUrlsJob: kind(
    'BeginUploadUrls',
    'EndUploadUrls',
    'UploadSuccess',
    'UploadWarning',
    'UploadError',
    {
      items: (params) =>
        urlsOf(params).map((url) => ({
          name: url.destPath,
          assetType: assetTypeOf(url.destPath),
          path: url.destPath,
        })),
      count: (params) => urlsOf(params).length,
      namesAssets: false,
    },
  ),
  optimizeImagesJob: kind(
    'BeginReoptimize',
    'endReoptimize',
    'ReoptimizeSuccess',
    'ReoptimizeFailure',
    'ReoptimizeFailure',
    files(2, 10),
  ),
  ripPdfsJob: upload(assetWork('pdfHandleArray')),
  reprocessAssetsJob: kind(
    'BeginReoptimize',
    'endReoptimize',
    'ReoptimizeSuccess',
    'ReoptimizeFailure',
    'ReoptimizeFailure',
    assetWork('assetHandleArray'),
  ),
  createVideoSitemapJob: kind(
    'BeginVideoPublish',
    'EndVideoPublish',
    'VideoPubilshSuccess',
    'VideoPublishWarning',
    'VideoPublishError',
    fixed(() => [{ name: 'sitemap.xml', assetType: 'Xml' }]),
  ),
  // Clients take the first detail whose assetName starts with http as the download (§6.9).
  exportJob: kind('BeginGet', 'EndGet', 'ReturnSuccess', 'GetFailure', 'GetFailure', {
    items: (params, faker) => [
      {
        name: `https://export.ips-mock.test/${faker.string.alphanumeric(12).toLowerCase()}.zip`,
        assetType: 'Zip',
      },
      ...fromHandles(handles(params.assetHandleArray), faker),
    ],
    count: (params) => 1 + handles(params.assetHandleArray).length,
    namesAssets: true,
  }),
  automatedSetGenerationJob: upload(
    assetWork('assetHandleArray', (items) =>
      items.map(({ name, assetHandle }) => ({ name, assetType: 'ImageSet', assetHandle })),
    ),
  ),
}
