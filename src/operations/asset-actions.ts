import { fault } from '../faults/catalog.js'
import type { AssetRecord } from '../store/asset-models.js'
import { assetOf, folderOf } from './asset-views.js'
import type { OperationContext } from './context.js'

/**
 * What the single-asset operations do and the batch operations do per asset; each refusal is
 * the fault the single operation throws, which a batch reports as an AssetOperationFault.
 */

function touched(context: OperationContext, asset: AssetRecord): void {
  const at = context.now().toISOString()
  asset.lastModified = at
  asset.lastModifyUser = context.user.email
  const folder = context.store.library.folder(asset.companyHandle, asset.folder)
  if (folder) context.store.library.touch(folder, at)
}

function live(context: OperationContext, handle: string): AssetRecord {
  const asset = assetOf(context, handle)
  if (asset.trashState !== 'NotInTrash') {
    throw fault('invalidParameter', `Asset '${handle}' is in the Trash`)
  }
  return asset
}

/** Moves a live asset to the Trash (§6.6). */
export function trashAsset(context: OperationContext, handle: string): void {
  const asset = live(context, handle)
  context.store.library.setTrashState(asset, 'InTrash')
  touched(context, asset)
}

/** Moves a live asset into an existing folder of its company. */
export function moveAssetTo(context: OperationContext, handle: string, folderHandle: string): void {
  const asset = live(context, handle)
  const folder = folderOf(context, folderHandle)
  context.store.library.move(asset, folder.path)
  touched(context, asset)
}

/** Marks an asset for publish or not (Asset/readyForPublish). */
export function setPublishState(context: OperationContext, handle: string, state: string): void {
  const asset = assetOf(context, handle)
  asset.readyForPublish = state === 'MarkedForPublish'
  touched(context, asset)
}

/** Empties a trashed asset: it waits for the purge as InEmptiedTrash and frees its name. */
export function emptyAsset(context: OperationContext, handle: string): void {
  const asset = assetOf(context, handle)
  if (asset.trashState !== 'InTrash') {
    throw fault('invalidParameter', `Asset '${handle}' is not in the Trash`)
  }
  context.store.library.setTrashState(asset, 'InEmptiedTrash')
}

/** Restores a trashed asset into the folder it was deleted from, re-creating it if needed. */
export function restoreAsset(context: OperationContext, handle: string): void {
  const asset = assetOf(context, handle)
  if (asset.trashState !== 'InTrash') {
    const reason = asset.trashState === 'InEmptiedTrash' ? 'has been emptied from' : 'is not in'
    throw fault('invalidParameter', `Asset '${handle}' ${reason} the Trash`)
  }
  const library = context.store.library
  library.ensureFolder(asset.companyHandle, asset.folder, context.now().toISOString())
  library.setTrashState(asset, 'NotInTrash')
  touched(context, asset)
}
