import { checkAssetNames } from './check-asset-names.js'
import type { Operation } from './context.js'
import { createFolder } from './create-folder.js'
import { deleteAsset } from './delete-asset.js'
import { deleteAssets } from './delete-assets.js'
import { deleteFolder } from './delete-folder.js'
import { emptyAssetsFromTrash } from './empty-assets-from-trash.js'
import { getAssetCounts } from './get-asset-counts.js'
import { getAssets } from './get-assets.js'
import { getAssetsByName } from './get-assets-by-name.js'
import { getFolderTree } from './get-folder-tree.js'
import { getFolders } from './get-folders.js'
import { moveAsset } from './move-asset.js'
import { moveAssets } from './move-assets.js'
import { renameAsset } from './rename-asset.js'
import { restoreAssetsFromTrash } from './restore-assets-from-trash.js'
import { searchAssets } from './search-assets.js'
import { setAssetPublishState } from './set-asset-publish-state.js'
import { setAssetsPublishState } from './set-assets-publish-state.js'

/** The asset and folder operations ips-mock implements (assets reference §5), by name. */
export const assetOperations: Readonly<Record<string, Operation>> = {
  searchAssets,
  getAssets,
  getAssetsByName,
  getFolders,
  getFolderTree,
  createFolder,
  deleteFolder,
  deleteAssets,
  deleteAsset,
  moveAssets,
  moveAsset,
  renameAsset,
  checkAssetNames,
  setAssetsPublishState,
  setAssetPublishState,
  getAssetCounts,
  emptyAssetsFromTrash,
  restoreAssetsFromTrash,
}
