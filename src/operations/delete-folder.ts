import { fault } from '../faults/catalog.js'
import type { FolderRecord } from '../store/asset-models.js'
import { parentOf } from '../store/asset-paths.js'
import { companyOf, folderOf } from './asset-views.js'
import type { Operation } from './context.js'

/**
 * `deleteFolder` (assets reference §5.7, §6.6): removes the folder and its subfolders; their
 * assets go to the Trash, from where a restore re-creates the folders.
 * @throws IpsFault 30001 for an unknown folder or the company root.
 */
export const deleteFolder: Operation = (context) => {
  const company = companyOf(context)
  const library = context.store.library
  const folder = folderOf(context, String(context.params.folderHandle))
  if (folder.parentPath === undefined) {
    throw fault(
      'invalidParameter',
      `Folder '${folder.path}' is the company root and cannot be deleted`,
    )
  }
  const at = context.now().toISOString()
  const remove = (target: FolderRecord) => {
    for (const child of library.subfolders(company.handle, target.path)) remove(child)
    for (const asset of [...library.assetsIn(company.handle, target.path)]) {
      if (asset.trashState === 'NotInTrash') {
        library.setTrashState(asset, 'InTrash')
        asset.lastModified = at
        asset.lastModifyUser = context.user.email
      }
    }
    library.removeFolder(target)
  }
  remove(folder)
  const parent = library.folder(company.handle, parentOf(folder.path) ?? '')
  if (parent) library.touch(parent, at)
  return {}
}
