import { restoreAsset } from './asset-actions.js'
import { BatchResult, itemsOf } from './asset-views.js'
import type { Operation } from './context.js'

/** `restoreAssetsFromTrash` (assets reference §5.15): trashed assets back into their folders. */
export const restoreAssetsFromTrash: Operation = (context) => {
  const batch = new BatchResult()
  for (const handle of itemsOf(context.params.assetHandleArray)) {
    batch.run(handle, () => restoreAsset(context, handle))
  }
  return batch.toReturn()
}
