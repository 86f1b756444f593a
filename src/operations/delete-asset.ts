import { trashAsset } from './asset-actions.js'
import type { Operation } from './context.js'

/**
 * `deleteAsset` (assets reference §5.9): one asset to the Trash.
 * @throws IpsFault 30001 (unknown or already trashed), 20006 (another company's asset).
 */
export const deleteAsset: Operation = (context) => {
  trashAsset(context, String(context.params.assetHandle))
  return {}
}
