import { moveAssetTo } from './asset-actions.js'
import { BatchResult } from './asset-views.js'
import type { Operation } from './context.js'

interface AssetMove {
  assetHandle: string
  folderHandle: string
}

/** `moveAssets` (assets reference §5.10): each (asset, folder) pair applied on its own. */
export const moveAssets: Operation = (context) => {
  const batch = new BatchResult()
  const moves = (context.params.assetMoveArray as { items?: AssetMove[] } | undefined)?.items
  for (const move of moves ?? []) {
    batch.run(move.assetHandle, () => moveAssetTo(context, move.assetHandle, move.folderHandle))
  }
  return batch.toReturn()
}
