import type { FolderRecord } from '../store/asset-models.js'
import type { AssetLibrary } from '../store/assets.js'
import { companyOf, folderOf, folderView, itemsOf, selectFields } from './asset-views.js'
import type { Operation } from './context.js'

/** Whether a folder directly holds a live asset of one of the types. */
export function holdsTypes(library: AssetLibrary, folder: FolderRecord, types: string[]): boolean {
  for (const asset of library.assetsIn(folder.companyHandle, folder.path)) {
    if (asset.trashState === 'NotInTrash' && types.includes(asset.type)) return true
  }
  return false
}

/**
 * `getFolders` (assets reference §5.4): the start folder (default the company root) and every
 * folder below it, as a flat list in depth-first order; with assetTypeArray only folders that
 * hold assets of those types.
 */
export const getFolders: Operation = (context) => {
  const { params, store } = context
  const company = companyOf(context)
  const start = folderOf(context, String(params.folderPath ?? company.rootPath))
  const types = itemsOf(params.assetTypeArray)
  const found: FolderRecord[] = []
  const visit = (folder: FolderRecord) => {
    if (types.length === 0 || holdsTypes(store.library, folder, types)) found.push(folder)
    for (const child of store.library.subfolders(company.handle, folder.path)) visit(child)
  }
  visit(start)
  const items = found.map((folder) => folderView(context, folder))
  return selectFields({ folderArray: { items } }, params)
}
