import { companyOf, itemsOf } from './asset-views.js'
import type { Operation } from './context.js'

/**
 * `checkAssetNames` (assets reference §5.12): the subset of the names already in use in the
 * company (names held in the Trash count).
 */
export const checkAssetNames: Operation = (context) => {
  const company = companyOf(context)
  const items = itemsOf(context.params.assetNameArray).filter(
    (name) => context.store.library.assetByName(company.handle, name) !== undefined,
  )
  return { inUseNameArray: { items } }
}
