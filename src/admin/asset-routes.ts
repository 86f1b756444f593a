// The English-only entry loads in a tenth of the time of the all-locales one.
import { faker } from '@faker-js/faker/locale/en'
import { storeOf } from '../mock/create-ips-mock.js'
import { addToLibrary } from '../store/library-seed.js'
import type { assetEndpoints } from './asset-endpoints.js'
import { AdminError, type AdminCall, type Answer } from './routes.js'

type AssetKey = keyof typeof assetEndpoints

/** Folders and assets over the admin API. */
export const assetRoutes: {
  [K in AssetKey]: (call: AdminCall<K>) => Promise<Answer> | Answer
} = {
  'GET /assets': ({ mock, query }) => {
    const { library } = storeOf(mock)
    const assets =
      query.companyHandle !== undefined && query.folder !== undefined
        ? [...library.assetsIn(query.companyHandle, query.folder)]
        : mock.store.assets.all()
    const value = assets.filter(
      (asset) =>
        (query.companyHandle === undefined || asset.companyHandle === query.companyHandle) &&
        (query.folder === undefined || asset.folder === query.folder) &&
        (query.trashState === undefined || asset.trashState === query.trashState),
    )
    return { status: 200, value }
  },

  'POST /assets': async ({ mock, body }) => {
    await mock.ready
    const store = storeOf(mock)
    // Seeded by the library's next id: the same calls add the same assets.
    faker.seed(store.library.nextId)
    try {
      return { status: 201, value: { added: addToLibrary(store, body, faker) } }
    } catch (error) {
      throw new AdminError(400, (error as Error).message.replace(/^\[ips-mock\] /, ''))
    }
  },
}
