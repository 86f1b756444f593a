import type { AssetRecord, FolderRecord, OverwriteMode } from './asset-models.js'

/** The company settings that shape uploads (assets reference §5.17, §6.2–6.3). */
export interface UploadSettings {
  overwriteMode: OverwriteMode
  retainPublishState: boolean
}

/** Defaults of a company that sets nothing (§8's guess). */
export const defaultUploadSettings: UploadSettings = Object.freeze({
  overwriteMode: 'OverwriteFullName',
  retainPublishState: true,
})

/** What a new asset needs; the store adds its id and handle. */
export type NewAsset = Omit<AssetRecord, 'id' | 'handle'>

/** The asset store's whole state, for snapshots. */
export interface AssetState {
  readonly folders: readonly FolderRecord[]
  readonly assets: readonly AssetRecord[]
  readonly settings: ReadonlyMap<string, UploadSettings>
  readonly nextId: number
}

/** One company's folders and assets, indexed. */
export class CompanyAssets {
  readonly folders = new Map<string, FolderRecord>()
  /** Folder path → paths of its direct subfolders. */
  readonly children = new Map<string, Set<string>>()
  /** Folder path → the assets directly in it, whatever their trash state. */
  readonly contents = new Map<string, Set<AssetRecord>>()
  /** Names in use (live and trashed assets), for the company-wide unique IPS ID. */
  readonly names = new Map<string, AssetRecord>()
  readonly trash = new Set<AssetRecord>()
  /** Asset type → number of live (not trashed) assets. */
  readonly counts = new Map<string, number>()
  /** Base name → the next `-<n>` suffix to try. */
  readonly nextSuffix = new Map<string, number>()
}

export function folderKey(folder: FolderRecord): string {
  return `${folder.companyHandle}\u0000${folder.path}`
}

export function count(company: CompanyAssets, type: string, delta: number): void {
  const next = (company.counts.get(type) ?? 0) + delta
  if (next === 0) company.counts.delete(type)
  else company.counts.set(type, next)
}
