/**
 * Folder paths, file names and the handle forms of assets and folders (assets reference §3).
 * Pure functions: no store access.
 */

const VERSIONED = 'http://www.scene7.com/IpsApi/xsd/'

/** The API version date of a namespace (`2014-04-03`, `2017-10-29-beta`), '' when unversioned. */
export function versionOfNamespace(namespace: string): string {
  return namespace.startsWith(VERSIONED) ? namespace.slice(VERSIONED.length) : ''
}

// Characters IPS removes from uploaded file names (§3.3); `/` separates folders instead.
const removed = /[\\;?:@&=+$,*"<>|'{}%]/g

/** A file name as IPS keeps it: the removed characters dropped, surrounding spaces trimmed. */
export function cleanFileName(name: string): string {
  return name.replace(removed, '').trim()
}

/** `chair.tif` → [`chair`, `.tif`]; a name without a dot has no extension. */
export function splitExtension(fileName: string): [string, string] {
  const dot = fileName.lastIndexOf('.')
  return dot <= 0 ? [fileName, ''] : [fileName.slice(0, dot), fileName.slice(dot)]
}

function segments(path: string): string[] {
  return path
    .split('/')
    .map((segment) => cleanFileName(segment))
    .filter((segment) => segment !== '' && segment !== '.' && segment !== '..')
}

/**
 * A folder path in IPS form: company root first, trailing `/` (§3.1). A leading `/` or a
 * path without the root means below the root; doubled `/` collapse (§8's guess).
 * @example folderPath('demo-co/', '/SpinSets') // 'demo-co/SpinSets/'
 */
export function folderPath(root: string, path: string | undefined): string {
  const rootName = root.replace(/\/+$/, '')
  const parts = segments(path ?? '')
  if (parts[0] === rootName) parts.shift()
  return parts.length === 0 ? `${rootName}/` : `${rootName}/${parts.join('/')}/`
}

/** A file's target: folder path (as `folderPath`) and cleaned file name; undefined without a name. */
export function filePath(
  root: string,
  path: string,
): { folder: string; fileName: string } | undefined {
  const trimmed = path.replace(/\\/g, '/')
  const slash = trimmed.lastIndexOf('/')
  const fileName = cleanFileName(trimmed.slice(slash + 1))
  if (fileName === '' || fileName === '.' || fileName === '..') return undefined
  return { folder: folderPath(root, trimmed.slice(0, slash + 1)), fileName }
}

/** The parent of a folder path, undefined for a root (`a/b/` → `a/`). */
export function parentOf(path: string): string | undefined {
  const cut = path.slice(0, -1).lastIndexOf('/')
  return cut === -1 ? undefined : path.slice(0, cut + 1)
}

/** The last segment of a folder path (`a/b/` → `b`). */
export function folderName(path: string): string {
  const inner = path.slice(0, -1)
  return inner.slice(inner.lastIndexOf('/') + 1)
}

/**
 * The type code of the older `<id>|<type>|<id>` asset handle form: 1 for images as documented,
 * the others chosen for the mock (§3.4 shows no video or PDF handle in that form).
 */
const typeCodes: Record<string, number> = { Image: 1, Video: 3, Pdf: 5, Audio: 7 }

/**
 * An asset handle in the form a namespace's samples show (§3.4): `<id>|1|<id>` unversioned,
 * `a|<id>|1|<id>` from 2008-01-15 to 2009-07-31, `a|<id>` from 2010-01-31 on.
 */
export function assetHandleFor(namespace: string, id: number, type: string): string {
  const version = versionOfNamespace(namespace)
  const code = typeCodes[type] ?? 1
  if (version === '') return `${id}|${code}|${id}`
  if (version < '2010-01-31') return `a|${id}|${code}|${id}`
  return `a|${id}`
}

/** The number inside any form of asset handle, or undefined when the text is not one. */
export function assetIdOf(handle: string): number | undefined {
  const match = /^(?:a\|)?(\d{1,15})(?:\|\d{1,6}\|\d{1,15})?$/.exec(handle.trim())
  return match ? Number(match[1]) : undefined
}

/** A folder handle in a namespace's form (§3.2): the path itself before 2009-07-31, else `f|<path>`. */
export function folderHandleFor(namespace: string, path: string): string {
  const version = versionOfNamespace(namespace)
  return version !== '' && version >= '2009-07-31' ? `f|${path}` : path
}

/** The folder path a folder handle names (either form; a missing trailing `/` is added). */
export function folderPathOfHandle(handle: string): string {
  const path = handle.startsWith('f|') ? handle.slice(2) : handle
  return path.endsWith('/') ? path : `${path}/`
}
