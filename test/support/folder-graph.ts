import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import ts from 'typescript'

/** Folder → the folders its files import (type-only and dynamic imports included). */
export type FolderGraph = Map<string, Set<string>>

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.(ts|tsx|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : []
  })
}

/** The first folder below `src` a path lies in; `undefined` for files at the top of `src`. */
function folderOf(src: string, file: string): string | undefined {
  const parts = relative(src, file).split(sep)
  return parts.length > 1 ? parts[0] : undefined
}

/**
 * The folder-level import graph of `src`: an edge A → B for each file in folder A that imports
 * a file in folder B. Files at the top of `src` (the package entries) are no folder's.
 */
export function folderGraph(src: string): FolderGraph {
  const graph: FolderGraph = new Map()
  for (const file of sourceFiles(src)) {
    const from = folderOf(src, file)
    if (from === undefined) continue
    const edges = graph.get(from) ?? new Set<string>()
    graph.set(from, edges)
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue
      const to = folderOf(src, resolve(dirname(file), fileName))
      if (to !== undefined && to !== from && !to.startsWith('..')) edges.add(to)
    }
  }
  return graph
}

/**
 * Every cycle of the graph, one per strongly connected component of more than one folder,
 * as its folders in sorted order (Tarjan's algorithm).
 */
export function folderCycles(graph: FolderGraph): string[][] {
  let counter = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const cycles: string[][] = []
  const visit = (node: string): void => {
    index.set(node, counter)
    low.set(node, counter)
    counter++
    stack.push(node)
    onStack.add(node)
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next)
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number))
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) as number, index.get(next) as number))
      }
    }
    if (low.get(node) !== index.get(node)) return
    const component: string[] = []
    let member: string
    do {
      member = stack.pop() as string
      onStack.delete(member)
      component.push(member)
    } while (member !== node)
    if (component.length > 1) cycles.push(component.sort())
  }
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node)
  return cycles
}

/** Source files of `src` longer than `maxLines` lines, with their lengths. */
export function longFiles(src: string, maxLines: number): Record<string, number> {
  const long: Record<string, number> = {}
  for (const file of sourceFiles(src)) {
    const lines = readFileSync(file, 'utf8').replace(/\n$/, '').split('\n').length
    if (lines > maxLines) long[relative(src, file).split(sep).join('/')] = lines
  }
  return long
}
