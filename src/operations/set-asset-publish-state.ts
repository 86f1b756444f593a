import { setPublishState } from './asset-actions.js'
import type { Operation } from './context.js'

/**
 * `setAssetPublishState` (assets reference §5.13): one asset marked for publish or not.
 * @throws IpsFault 30001 (unknown asset), 20006 (another company's asset).
 */
export const setAssetPublishState: Operation = (context) => {
  const { params } = context
  setPublishState(context, String(params.assetHandle), String(params.publishState))
  return {}
}
