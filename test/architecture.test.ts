import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { folderCycles, folderGraph, longFiles } from './support/folder-graph.js'

const src = fileURLToPath(new URL('../src', import.meta.url))

describe('folder layering under src/', () => {
  it('has no folder-level import cycle', () => {
    const graph = folderGraph(src)
    // The graph is real: the request path reaches the leaf folders through the layers above.
    expect(graph.get('core')).toContain('soap')
    expect(graph.get('soap')).toContain('xml')
    expect(folderCycles(graph)).toEqual([])
  })

  it('has no file over 300 lines', () => {
    expect(longFiles(src, 300)).toEqual({})
    // The count is real: a lower bound finds the longest files.
    expect(Object.keys(longFiles(src, 250)).length).toBeGreaterThan(0)
  })

  it('finds a cycle of two folders, one through three, and none in a chain', () => {
    const graph = (edges: Record<string, string[]>) =>
      new Map(Object.entries(edges).map(([from, to]) => [from, new Set(to)]))
    expect(folderCycles(graph({ a: ['b'], b: ['a'], c: ['a'] }))).toEqual([['a', 'b']])
    expect(folderCycles(graph({ x: ['y'], y: ['z'], z: ['x'], w: [] }))).toEqual([['x', 'y', 'z']])
    expect(folderCycles(graph({ a: ['b'], b: ['c'], c: [] }))).toEqual([])
  })
})
