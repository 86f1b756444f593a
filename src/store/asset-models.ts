import { z } from 'zod'

/** `Asset/trashState` values (assets reference §4.4). */
export const trashStates = ['NotInTrash', 'InTrash', 'InEmptiedTrash'] as const
export type TrashState = (typeof trashStates)[number]

/** `CompanySettings/overwriteMode` values (assets reference §5.17, §6.2). */
export const overwriteModes = [
  'OverwriteFullName',
  'OverwriteAnyExt',
  'OverwriteFullNameAnyFolder',
  'OverwriteAnyExtAnyFolder',
] as const
export type OverwriteMode = (typeof overwriteModes)[number]

export const folderSchema = z.object({
  companyHandle: z.string(),
  /** With the company root and a trailing `/`, e.g. `demo-co/images/`. */
  path: z.string(),
  /** The parent folder's path; absent for the company root. */
  parentPath: z.string().optional(),
  lastModified: z.string(),
  /** Last change of a subfolder or of an asset in the folder. */
  childLastModified: z.string(),
})

export const assetSchema = z.object({
  /** The number behind every form of the handle. */
  id: z.number(),
  /** The handle as minted, in the form of the namespace of the call that created the asset. */
  handle: z.string(),
  companyHandle: z.string(),
  /** An Asset Types constant: `Image`, `Video`, `Pdf`, … */
  type: z.string(),
  /** The IPS ID: unique in the company, case-sensitive. */
  name: z.string(),
  /** The virtual file name: name plus the original extension. */
  fileName: z.string(),
  /** The folder path, with the company root and a trailing `/`. */
  folder: z.string(),
  readyForPublish: z.boolean(),
  trashState: z.enum(trashStates),
  created: z.string(),
  createUser: z.string(),
  lastModified: z.string(),
  lastModifyUser: z.string(),
  /** The original file's name as uploaded (with extension). */
  originalFile: z.string(),
  /** The original file's folder. */
  originalPath: z.string(),
  fileSize: z.number(),
  /** Pixels, for images and videos. */
  width: z.number().optional(),
  height: z.number().optional(),
  /** The job that last created or replaced the asset. */
  jobHandle: z.string().optional(),
})

export type FolderRecord = z.infer<typeof folderSchema>
export type AssetRecord = z.infer<typeof assetSchema>

const typesByExtension: Record<string, string> = {
  jpg: 'Image',
  jpeg: 'Image',
  png: 'Image',
  gif: 'Image',
  tif: 'Image',
  tiff: 'Image',
  bmp: 'Image',
  psd: 'Image',
  webp: 'Image',
  mp4: 'Video',
  mov: 'Video',
  avi: 'Video',
  m4v: 'Video',
  webm: 'Video',
  wmv: 'Video',
  flv: 'Video',
  mpg: 'Video',
  mpeg: 'Video',
  pdf: 'Pdf',
  ai: 'Illustrator',
  eps: 'PostScript',
  ps: 'PostScript',
  svg: 'Svg',
  zip: 'Zip',
  xml: 'Xml',
  mp3: 'Audio',
  wav: 'Audio',
}

/**
 * The Asset Types constant for a file name, by extension (assets reference §8's guess);
 * unknown extensions give `Image`, as IPS treats most uploads as images.
 */
export function assetTypeOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.')
  return dot === -1 ? 'Image' : (typesByExtension[fileName.slice(dot + 1).toLowerCase()] ?? 'Image')
}

/** The Job Log File Types constant a detail line gives an asset of this type (§6.5 guess). */
export function logFileTypeOf(assetType: string): string {
  return assetType === 'Image'
    ? 'MasterImage'
    : assetType === 'Illustrator'
      ? 'MasterImage'
      : assetType
}
