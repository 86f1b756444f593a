import { checkAssetNames } from './check-asset-names.js'
import { defineOperations } from './context.js'
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
export const operations = defineOperations({
  searchAssets: {
    summary:
      'the assets of a folder (default the company root), with `includeSubfolders` its subtree, filtered by trash and publish state, asset types and system-field conditions, sorted and paged',
    run: searchAssets,
  },
  getAssets: {
    summary:
      'the requested assets of the company, in request order; handles naming no asset of the company are left out',
    run: getAssets,
  },
  getAssetsByName: {
    summary:
      'assets by exact, case-sensitive name, filtered by `assetTypeArray` / `excludeAssetTypeArray`; unknown names are left out',
    run: getAssetsByName,
  },
  getFolders: {
    summary:
      'the start folder (default the company root) and every folder below it, flat, depth first',
    run: getFolders,
  },
  getFolderTree: {
    summary:
      'the start folder with its subfolders nested `depth` levels down (negative: the whole tree)',
    run: getFolderTree,
  },
  createFolder: {
    summary: 'a folder below the company root, missing parents created with it',
    run: createFolder,
  },
  deleteFolder: {
    summary: 'removes a folder and its subfolders; their assets go to the Trash',
    run: deleteFolder,
  },
  deleteAssets: {
    summary: 'each asset to the Trash; per-asset errors are reported',
    run: deleteAssets,
  },
  deleteAsset: {
    summary: 'one asset to the Trash',
    run: deleteAsset,
  },
  moveAssets: {
    summary: 'each (asset, folder) pair applied on its own',
    run: moveAssets,
  },
  moveAsset: {
    summary: 'one asset into another folder of its company',
    run: moveAsset,
  },
  renameAsset: {
    summary:
      'a new name (IPS ID); the file name follows it, extension kept; names stay unique in the company',
    run: renameAsset,
  },
  checkAssetNames: {
    summary: 'the subset of the names already in use in the company (names in the Trash count)',
    run: checkAssetNames,
  },
  setAssetsPublishState: {
    summary: 'per (asset, state) pair, the asset marked for publish or not',
    run: setAssetsPublishState,
  },
  setAssetPublishState: {
    summary: 'one asset marked for publish or not',
    run: setAssetPublishState,
  },
  getAssetCounts: {
    summary: 'live assets per type (the Trash not counted)',
    run: getAssetCounts,
  },
  emptyAssetsFromTrash: {
    summary: 'trashed assets become `InEmptiedTrash`',
    run: emptyAssetsFromTrash,
  },
  restoreAssetsFromTrash: {
    summary: 'trashed assets back into their folders',
    run: restoreAssetsFromTrash,
  },
})
