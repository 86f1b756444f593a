import { companyOf } from './asset-views.js'
import type { Operation } from './context.js'

/** `getAssetCounts` (assets reference §5.14): live assets per type, by type name (Trash not counted). */
export const getAssetCounts: Operation = (context) => {
  const company = companyOf(context)
  const counts = [...context.store.library.countsOf(company.handle)].sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  )
  return { countArray: { items: counts.map(([assetType, count]) => ({ assetType, count })) } }
}
