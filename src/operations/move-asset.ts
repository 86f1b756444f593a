import { moveAssetTo } from './asset-actions.js'
import type { Operation } from './context.js'

/**
 * `moveAsset` (assets reference §5.10): one asset into another folder of its company.
 * @throws IpsFault 30001 (unknown asset or folder, asset in the Trash), 20006 (another company's).
 */
export const moveAsset: Operation = (context) => {
  const { params } = context
  moveAssetTo(context, String(params.assetHandle), String(params.folderHandle))
  return {}
}
