import type { OutObject } from '../schema/write.js'
import type { FolderRecord } from '../store/asset-models.js'
import { companyOf, folderOf, folderView, itemsOf, selectFields } from './asset-views.js'
import type { Operation } from './context.js'
import { holdsTypes } from './get-folders.js'

/**
 * `getFolderTree` (assets reference §5.5): the start folder (default the company root) with its
 * subfolders nested in subfolderArray, `depth` levels down (0: the start folder alone; a
 * negative depth, as the documented example sends, the whole tree). With assetTypeArray, only
 * subfolders whose subtree holds assets of those types.
 */
export const getFolderTree: Operation = (context) => {
  const { params, store } = context
  const company = companyOf(context)
  const start = folderOf(context, String(params.folderPath ?? company.rootPath))
  const depth = Number(params.depth)
  const types = itemsOf(params.assetTypeArray)
  const build = (folder: FolderRecord, level: number): OutObject | undefined => {
    const children =
      depth < 0 || level < depth
        ? store.library
            .subfolders(company.handle, folder.path)
            .map((child) => build(child, level + 1))
            .filter((child): child is OutObject => child !== undefined)
        : []
    const keep =
      level === 0 ||
      types.length === 0 ||
      children.length > 0 ||
      holdsTypes(store.library, folder, types)
    if (!keep) return undefined
    const view = folderView(context, folder)
    if (children.length > 0) view.subfolderArray = { items: children }
    return view
  }
  return selectFields({ folders: build(start, 0) }, params)
}
