import { fault } from '../faults/catalog.js'
import { folderHandleFor, folderPath } from '../store/asset-paths.js'
import { companyOf } from './asset-views.js'
import type { Operation } from './context.js'

/**
 * `createFolder` (assets reference §5.6): a folder below the company root (`/SpinSets` and
 * `SpinSets` both mean `<root>/SpinSets/`), missing parent folders created with it.
 * @throws IpsFault 30001 when the folder exists or the path names no folder below the root.
 */
export const createFolder: Operation = (context) => {
  const company = companyOf(context)
  const requested = String(context.params.folderPath)
  const path = folderPath(company.rootPath, requested)
  const library = context.store.library
  if (path === folderPath(company.rootPath, '')) {
    throw fault(
      'invalidParameter',
      `createFolderParam/folderPath: '${requested}' names no folder below the company root`,
    )
  }
  if (library.folder(company.handle, path)) {
    throw fault('invalidParameter', `Folder '${path}' already exists`)
  }
  library.ensureFolder(company.handle, path, context.now().toISOString())
  return { folderHandle: folderHandleFor(context.namespace, path) }
}
