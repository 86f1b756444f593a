import { setPublishState } from './asset-actions.js'
import { BatchResult } from './asset-views.js'
import type { Operation } from './context.js'

interface PublishStateUpdate {
  assetHandle: string
  publishState: string
}

/** `setAssetsPublishState` (assets reference §5.13): per (asset, state) pair, Asset/readyForPublish. */
export const setAssetsPublishState: Operation = (context) => {
  const batch = new BatchResult()
  const updates = (context.params.publishStateUpdateArray as { items?: PublishStateUpdate[] }).items
  for (const update of updates ?? []) {
    batch.run(update.assetHandle, () =>
      setPublishState(context, update.assetHandle, update.publishState),
    )
  }
  return batch.toReturn()
}
