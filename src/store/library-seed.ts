import type { Faker } from '@faker-js/faker'
import { type AssetRecord, assetTypeOf } from './asset-models.js'
import { assetIdOf, filePath, folderPath, splitExtension } from './asset-paths.js'
import type { AssetLibrary, UploadSettings } from './assets.js'
import type { Company, User } from './models.js'

import type { SeedAsset, SeedFolder } from './seed-schema.js'
import { IpsMockError } from '../errors/ips-mock-error.js'

/** The folders and assets of a seed, as records. */
export interface ResolvedLibrary {
  folders: Array<{ companyHandle: string; path: string }>
  assets: AssetRecord[]
  /** Companies' upload settings that differ from the defaults. */
  settings?: Array<{ companyHandle: string } & Partial<UploadSettings>>
}

/** When seeded records were made, unless the seed says: fixed, so seeds stay reproducible. */
export const SEED_TIME = '2025-01-01T00:00:00.000Z'

/**
 * Resolves a seed's folders and assets against its companies and users.
 * @throws Error (via `invalid`) naming the bad entry.
 */
export function resolveLibrary(
  seed: { folders?: SeedFolder[]; assets?: SeedAsset[] },
  companyOf: (key: string) => Company | undefined,
  users: readonly User[],
  faker: Faker,
  invalid: (path: string, reason: string) => Error,
  existing?: AssetLibrary,
): ResolvedLibrary {
  const lookup = (key: string, path: string) => {
    const company = companyOf(key)
    if (!company) throw invalid(`${path}.company`, `names unknown company "${key}"`)
    return company
  }
  const folders = (seed.folders ?? []).map((folder, index) => {
    const company = lookup(folder.company, `folders[${index}]`)
    return { companyHandle: company.handle, path: folderPath(company.rootPath, folder.path) }
  })
  const taken = new Set<number>()
  for (const asset of seed.assets ?? []) {
    const id = asset.handle === undefined ? undefined : assetIdOf(asset.handle)
    if (id !== undefined) taken.add(id)
  }
  let next = existing?.nextId ?? 1
  const names = new Set<string>()
  const handles = new Set<string>()
  const inUse = (id: number) => taken.has(id) || existing?.asset(`a|${id}`) !== undefined
  const assets = (seed.assets ?? []).map((asset, index): AssetRecord => {
    const at = `assets[${index}]`
    const company = lookup(asset.company, at)
    const target = filePath(company.rootPath, asset.path)
    if (!target) throw invalid(`${at}.path`, `"${asset.path}" names no file`)
    const [base, extension] = splitExtension(target.fileName)
    const name = asset.name ?? base
    if (
      names.has(`${company.handle}\u0000${name}`) ||
      existing?.assetByName(company.handle, name)
    ) {
      throw invalid(at, `the asset name "${name}" is taken in company "${company.name}"`)
    }
    names.add(`${company.handle}\u0000${name}`)
    let id = asset.handle === undefined ? undefined : assetIdOf(asset.handle)
    if (id === undefined) {
      while (inUse(next)) next++
      id = next++
      taken.add(id)
    }
    const handle = asset.handle ?? `a|${id}`
    if (handles.has(handle) || existing?.asset(handle)) {
      throw invalid(`${at}.handle`, `"${handle}" is taken by another asset`)
    }
    handles.add(handle)
    const type = asset.type ?? assetTypeOf(target.fileName)
    const creator =
      asset.createUser ??
      users.find((user) => user.memberships.some((m) => m.companyHandle === company.handle))
        ?.email ??
      ''
    const created = asset.created ?? SEED_TIME
    const record: AssetRecord = {
      id,
      handle,
      companyHandle: company.handle,
      type,
      name,
      fileName: `${name}${extension}`,
      folder: target.folder,
      readyForPublish: asset.readyForPublish ?? false,
      trashState: asset.trashState ?? 'NotInTrash',
      created: new Date(created).toISOString(),
      createUser: creator,
      lastModified: new Date(created).toISOString(),
      lastModifyUser: creator,
      originalFile: target.fileName,
      originalPath: target.folder,
      fileSize: asset.fileSize ?? faker.number.int({ min: 20_000, max: 8_000_000 }),
    }
    if (type === 'Image' || type === 'Video') {
      record.width = asset.width ?? faker.number.int({ min: 320, max: 6000 })
      record.height = asset.height ?? faker.number.int({ min: 240, max: 6000 })
    }
    return record
  })
  return { folders, assets }
}

/** Puts a resolved seed's folders and assets into the library: every company gets its root. */
export function loadLibrary(
  library: AssetLibrary,
  seed: { companies: readonly Company[]; library?: ResolvedLibrary },
): void {
  for (const company of seed.companies)
    library.ensureFolder(company.handle, company.rootPath, SEED_TIME)
  for (const { companyHandle, overwriteMode, retainPublishState } of seed.library?.settings ?? []) {
    const settings: Partial<UploadSettings> = {}
    if (overwriteMode !== undefined) settings.overwriteMode = overwriteMode
    if (retainPublishState !== undefined) settings.retainPublishState = retainPublishState
    library.setUploadSettings(companyHandle, settings)
  }
  for (const folder of seed.library?.folders ?? []) {
    library.ensureFolder(folder.companyHandle, folder.path, SEED_TIME)
  }
  for (const asset of seed.library?.assets ?? []) {
    library.ensureFolder(asset.companyHandle, asset.folder, SEED_TIME)
    library.insert(Object.assign({}, asset))
  }
}

/** What `addToLibrary` reads from the store. */
interface StoreView {
  readonly library: AssetLibrary
  company(handle: string): Company | undefined
  readonly companies: { all(): readonly Company[] }
  readonly users: { all(): readonly User[] }
}

/**
 * Adds folders and assets, given as a seed gives them, to a running store (provider states and
 * the admin API use it); nothing is added unless every entry is valid.
 * @throws Error naming the bad entry.
 * @returns the assets added.
 */
export function addToLibrary(
  store: StoreView,
  input: { folders?: SeedFolder[]; assets?: SeedAsset[] },
  faker: Faker,
): AssetRecord[] {
  const companies = store.companies.all()
  const companyOf = (key: string) =>
    store.company(key) ?? companies.find((company) => company.name === key)
  const invalid = (path: string, reason: string) =>
    new IpsMockError({
      code: 'INVALID_SEED',
      action: 'add assets',
      reason: `${path} ${reason}`,
      remedy: 'Fix the entry and retry.',
    })
  const resolved = resolveLibrary(
    input,
    companyOf,
    store.users.all(),
    faker,
    invalid,
    store.library,
  )
  for (const folder of resolved.folders) {
    store.library.ensureFolder(folder.companyHandle, folder.path, SEED_TIME)
  }
  for (const asset of resolved.assets) {
    store.library.ensureFolder(asset.companyHandle, asset.folder, SEED_TIME)
    store.library.insert(asset)
  }
  return resolved.assets
}
