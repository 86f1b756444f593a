import type { Faker } from '@faker-js/faker'
import { assetTypeOf, logFileTypeOf, type AssetRecord } from '../store/asset-models.js'
import { filePath, splitExtension } from '../store/asset-paths.js'
import type { AssetLibrary } from '../store/assets.js'
import type { Company, Job } from '../store/models.js'
import type { IpsStore } from '../store/store.js'
import type { WorkItem } from './job-kinds.js'
import type { RunEnd } from './job-log.js'
import { runFaker as faker } from './randomizer.js'
import { fatalMessage, type IngestEffect, type ItemResult, runItems } from './run-plan.js'

/** The submitJob job elements (and the servlet's) whose files become assets. */
export const uploadJobElements: ReadonlySet<string> = new Set([
  'uploadUrlsJob',
  'uploadDirectoryJob',
  'uploadPostJob',
])

/** Job elements whose `assetHandleArray` (or `pdfHandleArray`) names existing assets. */
export const assetJobElements: ReadonlySet<string> = new Set([
  'reprocessAssetsJob',
  'ripPdfsJob',
  'exportJob',
  'automatedSetGenerationJob',
])

/** The virtual path of an asset: folder plus file name, as job log messages name it (§6.5). */
export function virtualPath(asset: AssetRecord): string {
  return `${asset.folder}${asset.fileName}`
}

/**
 * Points a run's items at the assets they name, in the job's company; an item whose handle names
 * no live asset of the company fails with an error line (the run goes on with the others).
 */
export function resolveAssetItems(assets: AssetLibrary, job: Job, items: ItemResult[]): void {
  for (const entry of items) {
    const handle = entry.item.assetHandle
    if (handle === undefined) continue
    const asset = assets.asset(handle)
    if (!asset || asset.companyHandle !== job.companyHandle || asset.trashState !== 'NotInTrash') {
      entry.result = 'error'
      entry.message = `Invalid asset handle '${handle}'`
      entry.item = { name: handle, assetType: 'NoType', assetHandle: handle }
      continue
    }
    entry.item = {
      name: virtualPath(asset),
      assetType: logFileTypeOf(asset.type),
      assetHandle: asset.handle,
      assetName: asset.name,
    }
  }
}

function flag(params: Record<string, unknown>, name: string): boolean | undefined {
  const value = params[name]
  return typeof value === 'boolean' ? value : undefined
}

/** Everything an ingest needs besides the file. */
export interface IngestContext {
  assets: AssetLibrary
  company: Company
  job: Job
  /** ISO time the file is ingested. */
  at: string
  /** Reseeded per file, for deterministic dimensions. */
  faker: Faker
  seed: number
}

function hash(text: string): number {
  let value = 2166136261
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index)
    value = Math.imul(value, 16777619)
  }
  return value >>> 0
}

/** Dimensions and size of an uploaded file, drawn from faker seeded by the file's identity. */
function fileFacts(context: IngestContext, path: string, type: string, size?: number) {
  context.faker.seed(hash(`${context.seed}:${context.job.handle}:${path}`))
  const facts: { fileSize: number; width?: number; height?: number } = {
    fileSize: size ?? context.faker.number.int({ min: 20_000, max: 8_000_000 }),
  }
  if (type === 'Image' || type === 'Video') {
    facts.width = context.faker.number.int({ min: 320, max: 6000 })
    facts.height = context.faker.number.int({ min: 240, max: 6000 })
  }
  return facts
}

function sameExtension(a: string, b: string): boolean {
  return splitExtension(a)[1].toLowerCase() === splitExtension(b)[1].toLowerCase()
}

/** Whether the company's overwrite rule lets a new file replace the asset holding its name. */
function replaces(mode: string, existing: AssetRecord, folder: string, fileName: string): boolean {
  const sameFolder = existing.folder === folder
  const sameExt = sameExtension(existing.fileName, fileName)
  if (mode === 'OverwriteAnyExt') return sameFolder
  if (mode === 'OverwriteFullNameAnyFolder') return sameExt
  if (mode === 'OverwriteAnyExtAnyFolder') return true
  return sameFolder && sameExt
}

/**
 * Ingests one uploaded file into the company's folder tree (§6.1–6.3): a new asset named after
 * the file; or, when the name is taken, a replacement (overwrite on and the company's
 * overwriteMode met), a `-1` duplicate (overwrite on, rule not met, or the holder is in the
 * Trash), or nothing (overwrite off: the file is skipped as a duplicate).
 * @returns the effect and the asset concerned, or undefined when the path names no file.
 */
export function ingestFile(
  context: IngestContext,
  item: WorkItem,
): { effect: IngestEffect; asset: AssetRecord; path: string } | undefined {
  const { assets, company, job, at } = context
  const target = filePath(company.rootPath, item.path ?? item.name)
  if (!target) return undefined
  const { folder, fileName } = target
  const [base, extension] = splitExtension(fileName)
  const params = job.params as Record<string, unknown>
  const overwrite = flag(params, 'overwrite') ?? true
  const readyForPublish = flag(params, 'readyForPublish') ?? false
  const type = assetTypeOf(fileName)
  const settings = assets.uploadSettings(company.handle)
  const existing = assets.assetByName(company.handle, base)
  const facts = fileFacts(context, folder + fileName, type, item.size)
  const folderRecord = assets.ensureFolder(company.handle, folder, at)
  assets.touch(folderRecord, at)
  const path = `${folder}${fileName}`
  if (existing && !overwrite) return { effect: 'skipped', asset: existing, path }
  if (
    existing &&
    existing.trashState === 'NotInTrash' &&
    replaces(settings.overwriteMode, existing, folder, fileName)
  ) {
    const keepState = flag(params, 'preservePublishState') ?? settings.retainPublishState
    assets.move(existing, folder)
    assets.retype(existing, type)
    Object.assign(existing, facts, {
      fileName: `${existing.name}${extension}`,
      originalFile: fileName,
      originalPath: folder,
      lastModified: at,
      lastModifyUser: job.submitUserEmail,
      jobHandle: job.handle,
      readyForPublish: keepState ? existing.readyForPublish : readyForPublish,
    })
    if (facts.width === undefined) delete existing.width
    if (facts.height === undefined) delete existing.height
    return { effect: 'updated', asset: existing, path }
  }
  const name = existing ? assets.freeName(company.handle, base) : base
  const asset = assets.addAsset(
    Object.assign(
      {
        companyHandle: company.handle,
        type,
        name,
        fileName: `${name}${extension}`,
        folder,
        readyForPublish,
        trashState: 'NotInTrash' as const,
        created: at,
        createUser: job.submitUserEmail,
        lastModified: at,
        lastModifyUser: job.submitUserEmail,
        originalFile: fileName,
        originalPath: folder,
        jobHandle: job.handle,
      },
      facts,
    ),
    job.namespace,
  )
  return { effect: existing ? 'renamed' : 'created', asset, path }
}

/**
 * Turns the processed files of an upload run into assets, in run order, and points each result
 * at its asset: the detail line then names the asset, and the log counts what happened.
 */
export function ingestResults(
  context: Omit<IngestContext, 'at'>,
  results: ItemResult[],
  start: number,
  end: number,
): void {
  const step = results.length > 0 ? (end - start) / (results.length + 1) : 0
  results.forEach((entry, index) => {
    if (entry.result === 'error') return
    const at = new Date(Math.round(start + step * (index + 1))).toISOString()
    const done = ingestFile(Object.assign({ at }, context), entry.item)
    if (!done) {
      entry.result = 'error'
      entry.message = 'The target path names no file'
      return
    }
    const { asset, effect } = done
    entry.effect = effect
    entry.item = {
      name: effect === 'skipped' ? done.path : virtualPath(asset),
      assetType: logFileTypeOf(asset.type),
      assetHandle: asset.handle,
      assetName: asset.name,
    }
  })
}

/**
 * What a run that names or uploads assets did, fixed when it ends: the processed items pointed
 * at their assets (unknown handles become error lines) and, for an upload that did not fail as a
 * whole, each file ingested. Undefined for the other job kinds, whose logs are built on read.
 */
export function runEffects(
  store: IpsStore,
  run: RunEnd,
  fakerSeed: number,
): ItemResult[] | undefined {
  const { job } = run
  const upload = uploadJobElements.has(job.jobElement)
  if (!upload && !assetJobElements.has(job.jobElement)) return undefined
  const results = runItems(job, run.outcome, run.seed).slice(0, run.processed)
  if (!upload) {
    resolveAssetItems(store.library, job, results)
    return results
  }
  const company = store.company(job.companyHandle)
  const failed = fatalMessage(run.outcome) !== undefined && !run.stopped
  if (company && !failed) {
    const context = { assets: store.library, company, job, faker, seed: fakerSeed }
    ingestResults(context, results, run.start, run.end)
  }
  return results
}
