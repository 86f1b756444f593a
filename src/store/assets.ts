import { Collection } from '@msw/data'
import {
  type AssetRecord,
  assetSchema,
  type FolderRecord,
  folderSchema,
  type TrashState,
} from './asset-models.js'
import { assetHandleFor, assetIdOf, parentOf } from './asset-paths.js'
import {
  type AssetState,
  CompanyAssets,
  count,
  defaultUploadSettings,
  folderKey,
  type NewAsset,
  type UploadSettings,
} from './company-assets.js'
import { RecordList } from './record-list.js'
import { IpsMockError } from '../errors/ips-mock-error.js'

export { type AssetState, defaultUploadSettings, type NewAsset, type UploadSettings }

/**
 * Folders and assets: plain records indexed per company (by folder, name, trash) and by id,
 * so every lookup is O(1) or O(what it returns); `folders` and `assets` are @msw/data
 * collections over the same records, for queries (`mock.store.assets.findMany(...)`).
 * @example mock.store.assets.findMany((q) => q.where({ name: 'chair' }))
 */
export class AssetLibrary {
  /** Folders of every company, as an @msw/data collection (read it; change through operations). */
  readonly folders = new Collection({ schema: folderSchema })
  /** Assets of every company, as an @msw/data collection (read it; change through operations). */
  readonly assets = new Collection({ schema: assetSchema })
  readonly #folders = new RecordList<FolderRecord>(this.folders as never, folderKey)
  readonly #assets = new RecordList<AssetRecord>(this.assets as never, (asset) => asset.handle)
  #companies = new Map<string, CompanyAssets>()
  #byId = new Map<number, AssetRecord>()
  #settings = new Map<string, UploadSettings>()
  #nextId = 1

  /** The id the next new asset gets. */
  get nextId(): number {
    return this.#nextId
  }

  /** Number of stored assets, trashed ones included. */
  get size(): number {
    return this.#assets.size
  }

  /** Empties the library in O(1): the collections' arrays truncated, the indexes replaced. */
  reset(): void {
    this.#folders.reset()
    this.#assets.reset()
    this.#companies = new Map()
    this.#byId = new Map()
    this.#settings = new Map()
    this.#nextId = 1
  }

  snapshot(): AssetState {
    const copy = <T extends object>(records: readonly T[]) =>
      Object.freeze(records.map((record) => Object.freeze(Object.assign({}, record))))
    return Object.freeze({
      folders: copy(this.#folders.values()),
      assets: copy(this.#assets.values()),
      settings: new Map(this.#settings),
      nextId: this.#nextId,
    })
  }

  restore(state: AssetState): void {
    this.reset()
    for (const folder of state.folders) this.#addFolder(Object.assign({}, folder))
    for (const asset of state.assets) this.#index(Object.assign({}, asset))
    for (const [company, settings] of state.settings) this.#settings.set(company, settings)
    this.#nextId = state.nextId
  }

  uploadSettings(companyHandle: string): UploadSettings {
    return this.#settings.get(companyHandle) ?? defaultUploadSettings
  }

  setUploadSettings(companyHandle: string, settings: Partial<UploadSettings>): void {
    this.#settings.set(
      companyHandle,
      Object.assign({}, this.uploadSettings(companyHandle), settings),
    )
  }

  #company(companyHandle: string): CompanyAssets {
    let company = this.#companies.get(companyHandle)
    if (!company) {
      company = new CompanyAssets()
      this.#companies.set(companyHandle, company)
    }
    return company
  }

  folder(companyHandle: string, path: string): FolderRecord | undefined {
    return this.#companies.get(companyHandle)?.folders.get(path)
  }

  /** Direct subfolders of a folder, in creation order. */
  subfolders(companyHandle: string, path: string): FolderRecord[] {
    const company = this.#companies.get(companyHandle)
    const paths = company?.children.get(path)
    if (!company || !paths) return []
    return [...paths].map((child) => company.folders.get(child) as FolderRecord)
  }

  /** Whether the folder has subfolders. */
  hasSubfolders(companyHandle: string, path: string): boolean {
    return (this.#companies.get(companyHandle)?.children.get(path)?.size ?? 0) > 0
  }

  #addFolder(folder: FolderRecord): FolderRecord {
    const company = this.#company(folder.companyHandle)
    company.folders.set(folder.path, folder)
    if (folder.parentPath !== undefined) {
      let siblings = company.children.get(folder.parentPath)
      if (!siblings) company.children.set(folder.parentPath, (siblings = new Set()))
      siblings.add(folder.path)
    }
    this.#folders.add(folder)
    return folder
  }

  /**
   * The folder at `path`, created with every missing ancestor (a root is a path with one
   * segment). `at` is the ISO time of the change.
   */
  ensureFolder(companyHandle: string, path: string, at: string): FolderRecord {
    const existing = this.folder(companyHandle, path)
    if (existing) return existing
    const parentPath = parentOf(path)
    if (parentPath !== undefined) this.touch(this.ensureFolder(companyHandle, parentPath, at), at)
    const folder: FolderRecord = { companyHandle, path, lastModified: at, childLastModified: at }
    if (parentPath !== undefined) folder.parentPath = parentPath
    return this.#addFolder(folder)
  }

  /** Records a change below a folder. */
  touch(folder: FolderRecord, at: string): void {
    if (at > folder.childLastModified) folder.childLastModified = at
  }

  /**
   * Removes a folder that has no subfolders. Assets it still holds (in the Trash) stay filed
   * under its path, so a restore finds its way back once the folder is re-created.
   */
  removeFolder(folder: FolderRecord): void {
    const company = this.#company(folder.companyHandle)
    company.folders.delete(folder.path)
    company.children.delete(folder.path)
    if (company.contents.get(folder.path)?.size === 0) company.contents.delete(folder.path)
    if (folder.parentPath !== undefined)
      company.children.get(folder.parentPath)?.delete(folder.path)
    this.#folders.remove(folderKey(folder))
  }

  /** An asset by handle, in any of its forms (`a|7`, `a|7|1|7`, `7|1|7`). */
  asset(handle: string): AssetRecord | undefined {
    const exact = this.#assets.get(handle)
    if (exact) return exact
    const id = assetIdOf(handle)
    return id === undefined ? undefined : this.#byId.get(id)
  }

  /** The asset holding a name in the company (live or in the Trash). */
  assetByName(companyHandle: string, name: string): AssetRecord | undefined {
    return this.#companies.get(companyHandle)?.names.get(name)
  }

  /** Assets directly in a folder, whatever their trash state. */
  assetsIn(companyHandle: string, path: string): Iterable<AssetRecord> {
    return this.#companies.get(companyHandle)?.contents.get(path) ?? []
  }

  /** Assets of the company in the Trash (InTrash or InEmptiedTrash). */
  trashOf(companyHandle: string): Iterable<AssetRecord> {
    return this.#companies.get(companyHandle)?.trash ?? []
  }

  /** Live assets per type. */
  countsOf(companyHandle: string): ReadonlyMap<string, number> {
    return this.#companies.get(companyHandle)?.counts ?? new Map()
  }

  /**
   * A name free in the company: `base` itself, else the first free `base-1`, `base-2`, …
   * (the duplicate rule of §6.2).
   */
  freeName(companyHandle: string, base: string): string {
    const company = this.#company(companyHandle)
    if (!company.names.has(base)) return base
    let suffix = company.nextSuffix.get(base) ?? 1
    while (company.names.has(`${base}-${suffix}`)) suffix++
    company.nextSuffix.set(base, suffix + 1)
    return `${base}-${suffix}`
  }

  /** Stores a new asset, minting its handle in the namespace's form. The name must be free. */
  addAsset(fields: NewAsset, namespace: string): AssetRecord {
    const id = this.#nextId++
    const record = Object.assign({ id, handle: assetHandleFor(namespace, id, fields.type) }, fields)
    return this.#index(record)
  }

  /** Stores an asset record as it is (seeds, restores); its id, handle and name must be free. */
  insert(record: AssetRecord): AssetRecord {
    return this.#index(record)
  }

  #index(record: AssetRecord): AssetRecord {
    const company = this.#company(record.companyHandle)
    const nameTaken = record.trashState !== 'InEmptiedTrash' && company.names.has(record.name)
    if (this.#byId.has(record.id) || this.#assets.has(record.handle) || nameTaken) {
      throw new IpsMockError({
        code: 'CONFLICT',
        action: 'store asset',
        subject: record.name,
        reason: `its id or name is taken in company "${record.companyHandle}"`,
      })
    }
    this.#byId.set(record.id, record)
    if (record.id >= this.#nextId) this.#nextId = record.id + 1
    let contents = company.contents.get(record.folder)
    if (!contents) company.contents.set(record.folder, (contents = new Set()))
    contents.add(record)
    if (record.trashState !== 'InEmptiedTrash') company.names.set(record.name, record)
    if (record.trashState === 'NotInTrash') count(company, record.type, 1)
    else company.trash.add(record)
    this.#assets.add(record)
    return record
  }

  /** Moves an asset to another (existing) folder. */
  move(asset: AssetRecord, folder: string): void {
    if (asset.folder === folder) return
    const company = this.#company(asset.companyHandle)
    company.contents.get(asset.folder)?.delete(asset)
    let contents = company.contents.get(folder)
    if (!contents) company.contents.set(folder, (contents = new Set()))
    contents.add(asset)
    asset.folder = folder
  }

  /** Gives an asset a new name; the name must be free. */
  rename(asset: AssetRecord, name: string): void {
    const company = this.#company(asset.companyHandle)
    if (company.names.get(asset.name) === asset) company.names.delete(asset.name)
    company.names.set(name, asset)
    asset.name = name
  }

  /** Changes an asset's type (a replacement with another extension). */
  retype(asset: AssetRecord, type: string): void {
    if (asset.type === type) return
    const company = this.#company(asset.companyHandle)
    if (asset.trashState === 'NotInTrash') {
      count(company, asset.type, -1)
      count(company, type, 1)
    }
    asset.type = type
  }

  /**
   * Moves an asset into, within or out of the Trash. An emptied asset gives its name back, as
   * it only waits for the nightly purge.
   */
  setTrashState(asset: AssetRecord, state: TrashState): void {
    const previous = asset.trashState
    if (previous === state) return
    const company = this.#company(asset.companyHandle)
    if (previous === 'NotInTrash') count(company, asset.type, -1)
    if (state === 'NotInTrash') count(company, asset.type, 1)
    if (state === 'NotInTrash') company.trash.delete(asset)
    else company.trash.add(asset)
    if (state === 'InEmptiedTrash' && company.names.get(asset.name) === asset) {
      company.names.delete(asset.name)
    }
    asset.trashState = state
  }
}
