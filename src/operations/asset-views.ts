import type { OutObject, OutValue } from '../schema/write.js'
import { fault, type IpsFault } from '../faults/catalog.js'
import type { AssetRecord, FolderRecord } from '../store/asset-models.js'
import { folderHandleFor, folderPath, folderPathOfHandle } from '../store/asset-paths.js'
import type { OperationContext } from './context.js'
import { time } from './views.js'
import { IpsMockError } from '../errors/ips-mock-error.js'

/** The request's company; every asset operation names one (companyHandle is required). */
export function companyOf(context: OperationContext) {
  const company = context.company
  if (!company) {
    throw new IpsMockError({
      code: 'INTERNAL',
      action: 'run an asset operation',
      reason: 'it ran without a resolved company',
    })
  }
  return company
}

function infoOf(asset: AssetRecord): [string, OutObject] {
  const original = {
    originalPath: asset.originalPath,
    originalFile: asset.originalFile,
    fileSize: asset.fileSize,
  }
  switch (asset.type) {
    case 'Image':
      return [
        'imageInfo',
        Object.assign({}, original, {
          optimizedPath: asset.folder,
          optimizedFile: `${asset.name}.tif`,
          width: asset.width,
          height: asset.height,
          fileSize: asset.fileSize,
          resolution: 72,
        }),
      ]
    case 'Video':
      return ['videoInfo', original]
    case 'Pdf':
      return ['pdfInfo', original]
    default: {
      const element = `${asset.type.charAt(0).toLowerCase()}${asset.type.slice(1)}Info`
      return [element, original]
    }
  }
}

/** An `Asset` as IPS returns it, handles in the request's namespace form where they vary. */
export function assetView(context: OperationContext, asset: AssetRecord): OutObject {
  const root = asset.folder.slice(0, asset.folder.indexOf('/'))
  const [infoElement, info] = infoOf(asset)
  return {
    assetHandle: asset.handle,
    type: asset.type,
    name: asset.name,
    fileName: asset.fileName,
    folder: asset.folder,
    folderHandle: folderHandleFor(context.namespace, asset.folder),
    readyForPublish: asset.readyForPublish,
    trashState: asset.trashState,
    ipsImageUrl: `${root}/${asset.name}`,
    created: time(context.engine, asset.created),
    createUser: asset.createUser,
    lastModified: time(context.engine, asset.lastModified),
    lastModifyUser: asset.lastModifyUser,
    [infoElement]: info,
  }
}

/** A `Folder` (without subfolderArray). */
export function folderView(context: OperationContext, folder: FolderRecord): OutObject {
  return {
    folderHandle: folderHandleFor(context.namespace, folder.path),
    path: folder.path,
    lastModified: time(context.engine, folder.lastModified),
    childLastModified: time(context.engine, folder.childLastModified),
    hasSubfolders: context.store.library.hasSubfolders(folder.companyHandle, folder.path),
  }
}

/**
 * A stored asset of the request's company.
 * @throws IpsFault 30001 (no such asset), 20006 (the asset belongs to another company).
 */
export function assetOf(context: OperationContext, handle: string): AssetRecord {
  const asset = context.store.library.asset(handle)
  if (!asset) throw fault('invalidParameter', `Invalid asset handle '${handle}'`)
  const company = companyOf(context)
  if (asset.companyHandle !== company.handle) {
    throw fault(
      'illegalCompany',
      `Asset '${handle}' does not belong to company '${company.handle}'`,
    )
  }
  return asset
}

/**
 * A folder of the request's company, from a folder handle (`f|<path>` or the path itself) or a
 * path (with or without the company root).
 * @throws IpsFault 30001 when no such folder exists.
 */
export function folderOf(context: OperationContext, handleOrPath: string): FolderRecord {
  const company = companyOf(context)
  const path = folderPath(company.rootPath, folderPathOfHandle(handleOrPath))
  const folder = context.store.library.folder(company.handle, path)
  if (!folder) throw fault('invalidParameter', `Invalid folder '${handleOrPath}'`)
  return folder
}

/** Items of a `StringArray` / `HandleArray` param. */
export function itemsOf(value: unknown): string[] {
  const items = (value as { items?: unknown } | undefined)?.items
  return Array.isArray(items) ? items.map(String) : []
}

/** The five-element answer of the batch asset operations (assets reference §5.9). */
export class BatchResult {
  successCount = 0
  readonly #warnings: OutObject[] = []
  readonly #errors: OutObject[] = []

  /** Runs one asset's part; a fault becomes its AssetOperationFault, the batch goes on. */
  run(assetHandle: string, part: () => void): void {
    try {
      part()
      this.successCount++
    } catch (error) {
      const ipsFault = error as IpsFault
      if (typeof ipsFault.code !== 'number') throw error
      this.#errors.push({ assetHandle, code: ipsFault.code, reason: ipsFault.reason })
    }
  }

  toReturn(): OutObject {
    return {
      successCount: this.successCount,
      warningCount: this.#warnings.length,
      errorCount: this.#errors.length,
      warningDetailArray: this.#warnings.length > 0 ? { items: this.#warnings } : undefined,
      errorDetailArray: this.#errors.length > 0 ? { items: this.#errors } : undefined,
    }
  }
}

function select(value: OutValue, paths: string[][], keep: boolean): OutValue {
  if (Array.isArray(value)) return value.map((item) => select(item, paths, keep))
  if (value === null || typeof value !== 'object' || value instanceof Date) return value
  const result: OutObject = {}
  for (const [name, child] of Object.entries(value)) {
    if (child === undefined) continue
    const below = paths.filter((path) => path[0] === name).map((path) => path.slice(1))
    if (keep) {
      if (below.length === 0) continue
      result[name] = below.some((path) => path.length === 0) ? child : select(child, below, true)
    } else {
      if (below.some((path) => path.length === 0)) continue
      result[name] = below.length === 0 ? child : select(child, below, false)
    }
  }
  return result
}

/**
 * Trims a return value by `responseFieldArray` (only the listed paths; a complex field keeps all
 * its children) and `excludeFieldArray` (all but the listed paths). Paths are `/`-separated and
 * relative to the return element, e.g. `assetArray/items/name` (assets reference §5).
 */
export function selectFields(value: OutObject, params: Record<string, unknown>): OutObject {
  const split = (items: string[]) =>
    items.map((path) => path.split('/').filter((part) => part !== ''))
  const include = itemsOf(params.responseFieldArray)
  const exclude = itemsOf(params.excludeFieldArray)
  let result = value
  if (include.length > 0) result = select(result, split(include), true) as OutObject
  if (exclude.length > 0) result = select(result, split(exclude), false) as OutObject
  return result
}
