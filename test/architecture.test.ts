import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { folderCycles, folderGraph, longFiles } from './support/folder-graph.js'

const src = fileURLToPath(new URL('../src', import.meta.url))

/** The layers, bottom first: a folder imports only folders of the layers below its own. */
const layers = [
  ['utils', 'errors', 'faults'],
  ['xml'],
  ['schema'],
  ['soap', 'wsdl', 'store'],
  ['auth', 'engine', 'injection'],
  ['operations'],
  ['core'],
  ['journal'],
  ['mock'],
  ['adapters'],
  ['admin'],
  ['server', 'testing'],
  ['contract'],
  ['pact', 'cli'],
]

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

  it('imports only downwards, through the layers docs/decisions/0017-layers.md draws', () => {
    const graph = folderGraph(src)
    const layer = new Map(layers.flatMap((folders, index) => folders.map((f) => [f, index])))
    const upward: string[] = []
    for (const [from, targets] of graph) {
      expect(layer.has(from), `${from}/ is in no layer`).toBe(true)
      for (const to of targets) {
        if ((layer.get(to) ?? 99) >= (layer.get(from) ?? -1)) upward.push(`${from} → ${to}`)
      }
    }
    expect(upward).toEqual([])
  })

  it('keeps the adapters free of the admin API, the server and everything IPS', () => {
    const graph = folderGraph(src)
    expect([...(graph.get('adapters') ?? [])].sort()).toEqual(['core', 'mock', 'utils'])
  })

  it('finds a cycle of two folders, one through three, and none in a chain', () => {
    const graph = (edges: Record<string, string[]>) =>
      new Map(Object.entries(edges).map(([from, to]) => [from, new Set(to)]))
    expect(folderCycles(graph({ a: ['b'], b: ['a'], c: ['a'] }))).toEqual([['a', 'b']])
    expect(folderCycles(graph({ x: ['y'], y: ['z'], z: ['x'], w: [] }))).toEqual([['x', 'y', 'z']])
    expect(folderCycles(graph({ a: ['b'], b: ['c'], c: [] }))).toEqual([])
  })
})
