import { fault } from '../faults/catalog.js'
import { cleanFileName, splitExtension } from '../store/asset-paths.js'
import { assetOf } from './asset-views.js'
import type { Operation } from './context.js'

/**
 * `renameAsset` (assets reference §5.11): a new name (IPS ID); the virtual file name follows it,
 * extension kept. Names stay unique in the company whatever validateName says.
 * @throws IpsFault 30001 (unknown asset, a name with characters IPS removes, a name in use),
 * 20006 (another company's asset).
 */
export const renameAsset: Operation = (context) => {
  const { params, store } = context
  const asset = assetOf(context, String(params.assetHandle))
  const newName = String(params.newName)
  if (newName.trim() === '' || cleanFileName(newName) !== newName || newName.includes('/')) {
    throw fault(
      'invalidParameter',
      `renameAssetParam/newName: '${newName}' is not a valid asset name`,
    )
  }
  if (newName === asset.name) return {}
  const holder = store.library.assetByName(asset.companyHandle, newName)
  if (holder) {
    throw fault(
      'invalidParameter',
      `renameAssetParam/newName: the name '${newName}' is already in use`,
    )
  }
  store.library.rename(asset, newName)
  asset.fileName = `${newName}${splitExtension(asset.fileName)[1]}`
  asset.lastModified = context.now().toISOString()
  asset.lastModifyUser = context.user.email
  return {}
}
