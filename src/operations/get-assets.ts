import { assetView, companyOf, itemsOf, selectFields } from './asset-views.js'
import type { Operation } from './context.js'

/**
 * `getAssets` (assets reference §5.2): the requested assets of the company, in request order;
 * handles that name no asset of the company are left out, as IPS returns only what the caller
 * may read.
 */
export const getAssets: Operation = (context) => {
  const company = companyOf(context)
  const items = itemsOf(context.params.assetHandleArray).flatMap((handle) => {
    const asset = context.store.library.asset(handle)
    return asset && asset.companyHandle === company.handle ? [assetView(context, asset)] : []
  })
  return selectFields({ assetArray: { items } }, context.params)
}
