import { assetView, companyOf, itemsOf, selectFields } from './asset-views.js'
import type { Operation } from './context.js'

/**
 * `getAssetsByName` (assets reference §5.3): assets by exact, case-sensitive name (IPS ID),
 * filtered by assetTypeArray / excludeAssetTypeArray; unknown names are left out.
 */
export const getAssetsByName: Operation = (context) => {
  const { params, store } = context
  const company = companyOf(context)
  const types = itemsOf(params.assetTypeArray)
  const excluded = itemsOf(params.excludeAssetTypeArray)
  const items = itemsOf(params.nameArray).flatMap((name) => {
    const asset = store.library.assetByName(company.handle, name)
    if (!asset) return []
    if (types.length > 0 && !types.includes(asset.type)) return []
    if (excluded.includes(asset.type)) return []
    return [assetView(context, asset)]
  })
  return selectFields({ assetArray: { items } }, params)
}
