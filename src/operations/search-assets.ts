import { fault } from '../faults/catalog.js'
import type { AssetRecord, FolderRecord } from '../store/asset-models.js'
import type { AssetLibrary } from '../store/assets.js'
import { systemFieldTest } from './asset-conditions.js'
import { rankedPage, type SortKey } from './asset-page.js'
import { assetView, companyOf, folderOf, itemsOf, selectFields } from './asset-views.js'
import type { Operation } from './context.js'

const MAX_PAGE = 1000
/** With a reply cut to these fields, a page may hold 10,000 assets (assets reference §5.1). */
const MAX_MINIMAL_PAGE = 10_000
const minimalFields = new Set([
  'totalRows',
  'assetArray/items/name',
  'assetArray/items/assetHandle',
  'assetArray/items/type',
  'assetArray/items/subType',
])

const byId: SortKey = (asset) => asset.id
const sortKeys: Record<string, SortKey> = {
  Created: (asset) => asset.created,
  Modified: (asset) => asset.lastModified,
  Name: (asset) => asset.name,
  AssetType: (asset) => asset.type,
  FileSize: (asset) => asset.fileSize,
}

/** The folders a search covers: the start folder, and with includeSubfolders its whole subtree. */
function foldersBelow(library: AssetLibrary, start: FolderRecord, deep: boolean): FolderRecord[] {
  const found = [start]
  if (!deep) return found
  for (let index = 0; index < found.length; index++) {
    const folder = found[index] as FolderRecord
    found.push(...library.subfolders(folder.companyHandle, folder.path))
  }
  return found
}

function* inFolders(
  library: AssetLibrary,
  companyHandle: string,
  folders: readonly FolderRecord[],
): Iterable<AssetRecord> {
  for (const folder of folders) yield* library.assetsIn(companyHandle, folder.path)
}

function positive(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || value < 1) {
    throw fault(
      'invalidParameter',
      `searchAssetsParam/${name}: '${String(value)}' must be 1 or more`,
    )
  }
  return value
}

/**
 * `searchAssets` (assets reference §5.1): the assets of a folder (default the company root),
 * with includeSubfolders of its subtree, filtered by trash state (default NotInTrash), publish
 * state, asset types and system-field conditions, sorted, one page at a time; totalRows counts
 * every match. Reads only the folders searched (or the Trash), never the whole company.
 */
export const searchAssets: Operation = (context) => {
  const { params, store, engine } = context
  const company = companyOf(context)
  const library = store.library
  const start =
    params.folder === undefined
      ? folderOf(context, company.rootPath)
      : folderOf(context, String(params.folder))
  const deep = params.includeSubfolders === true
  const trashState = String(params.trashState ?? 'NotInTrash')
  let candidates: Iterable<AssetRecord>
  if (trashState === 'NotInTrash') {
    // Folder by folder, not copied into one list (flatMap of large arrays is slow in V8).
    candidates = inFolders(library, company.handle, foldersBelow(library, start, deep))
  } else {
    const inScope = deep
      ? (asset: AssetRecord) => asset.folder.startsWith(start.path)
      : (asset: AssetRecord) => asset.folder === start.path
    candidates = [...library.trashOf(company.handle)].filter(inScope)
  }
  const types = itemsOf(params.assetTypeArray)
  const excluded = itemsOf(params.excludeAssetTypeArray)
  const published =
    params.publishState === undefined ? undefined : params.publishState === 'MarkedForPublish'
  const conditions = (params.systemFieldConditionArray as { items?: never[] } | undefined)?.items
  const fieldTest = systemFieldTest(
    conditions ?? [],
    params.systemFieldMatchMode as string | undefined,
    engine.timeZone,
  )
  const matches: AssetRecord[] = []
  for (const asset of candidates) {
    if (asset.trashState !== trashState) continue
    if (published !== undefined && asset.readyForPublish !== published) continue
    if (types.length > 0 && !types.includes(asset.type)) continue
    if (excluded.includes(asset.type)) continue
    if (fieldTest && !fieldTest(asset)) continue
    matches.push(asset)
  }
  // Without sortBy the order is the order assets were stored in.
  const key = (params.sortBy === undefined ? undefined : sortKeys[String(params.sortBy)]) ?? byId
  const fields = itemsOf(params.responseFieldArray)
  const minimal = fields.length > 0 && fields.every((field) => minimalFields.has(field))
  const limit = minimal ? MAX_MINIMAL_PAGE : MAX_PAGE
  const perPage = Math.min(positive('recordsPerPage', params.recordsPerPage, limit), limit)
  const page = positive('resultsPage', params.resultsPage, 1)
  const descending = params.sortDirection === 'Descending'
  const rows = rankedPage(matches, key, descending, (page - 1) * perPage, page * perPage)
  return selectFields(
    {
      totalRows: matches.length,
      assetArray: { items: rows.map((asset) => assetView(context, asset)) },
    },
    params,
  )
}
