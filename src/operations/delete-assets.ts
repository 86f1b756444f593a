import { trashAsset } from './asset-actions.js'
import { BatchResult, itemsOf } from './asset-views.js'
import type { Operation } from './context.js'

/** `deleteAssets` (assets reference §5.9): each asset to the Trash; per-asset errors are reported. */
export const deleteAssets: Operation = (context) => {
  const batch = new BatchResult()
  for (const handle of itemsOf(context.params.assetHandleArray)) {
    batch.run(handle, () => trashAsset(context, handle))
  }
  return batch.toReturn()
}
