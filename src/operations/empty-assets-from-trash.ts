import { emptyAsset } from './asset-actions.js'
import { BatchResult, itemsOf } from './asset-views.js'
import type { Operation } from './context.js'

/** `emptyAssetsFromTrash` (assets reference §5.15): trashed assets become InEmptiedTrash. */
export const emptyAssetsFromTrash: Operation = (context) => {
  const batch = new BatchResult()
  for (const handle of itemsOf(context.params.assetHandleArray)) {
    batch.run(handle, () => emptyAsset(context, handle))
  }
  return batch.toReturn()
}
