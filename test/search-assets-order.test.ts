// searchAssets pages against an order the test computes itself: every sortBy, both directions,
// first, middle, last and out-of-range pages, over a folder whose names, sizes and dates are
// shuffled and repeat (so ties fall back to the order assets were stored in).
import { describe, expect, it } from 'vitest'
import { createIpsMock } from '../src/index.js'
import type { SeedData } from '../src/store/seed.js'
import { envelope, NS_2014, operationParam, sendTo } from './support/requests.js'
import { read } from './support/soap.js'

/** A small seeded generator (mulberry32): the same data on every run. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const next = random(20261201)
const extensions = [
  ['jpg', 'Image'],
  ['mp4', 'Video'],
  ['pdf', 'Pdf'],
] as const
const COUNT = 60
const names = Array.from({ length: COUNT }, (_, index) => `asset-${String(index).padStart(3, '0')}`)
for (let index = names.length - 1; index > 0; index--) {
  const other = Math.floor(next() * (index + 1))
  ;[names[index], names[other]] = [names[other] as string, names[index] as string]
}
/** The folder's assets in the order they are stored (ids 1, 2, …). */
const stored = names.map((name, index) => {
  const [extension, type] = extensions[Math.floor(next() * 3)] as (typeof extensions)[number]
  return {
    id: index + 1,
    name,
    type,
    extension,
    fileSize: 1000 * (1 + Math.floor(next() * 8)),
    created: `2029-06-0${1 + Math.floor(next() * 5)}T00:00:00.000Z`,
  }
})
type Stored = (typeof stored)[number]

const seed: SeedData = {
  companies: [{ name: 'Order Co', handle: 'c|900' }],
  users: [
    { email: 'order@order.test', password: 'order-pass', role: 'IpsUser', companies: ['c|900'] },
  ],
  folders: [{ company: 'c|900', path: 'other' }],
  assets: [
    ...stored.map((asset) => ({
      company: 'c|900',
      path: `shelf/${asset.name}.${asset.extension}`,
      fileSize: asset.fileSize,
      created: asset.created,
    })),
    // Neither of these is in the folder's live assets.
    { company: 'c|900', path: 'other/elsewhere.jpg' },
    { company: 'c|900', path: 'shelf/binned.jpg', trashState: 'InTrash' },
  ],
}

const keys: Record<string, (asset: Stored) => string | number> = {
  Name: (asset) => asset.name,
  FileSize: (asset) => asset.fileSize,
  Created: (asset) => asset.created,
  AssetType: (asset) => asset.type,
}

/** The test's own order: by key, ties by storage order; Descending reverses both. */
function expected(sortBy: string | undefined, descending: boolean): string[] {
  const byId = (asset: Stored) => asset.id
  const key = (sortBy === undefined ? undefined : keys[sortBy]) ?? byId
  const ascending = [...stored].sort((a, b) => {
    const x = key(a)
    const y = key(b)
    return x < y ? -1 : x > y ? 1 : a.id - b.id
  })
  return (descending ? ascending.reverse() : ascending).map((asset) => asset.name)
}

const mock = createIpsMock({ seed })
const auth = { user: 'order@order.test', password: 'order-pass' }

async function search(fields: Record<string, unknown>) {
  const body = operationParam(
    'searchAssets',
    {
      companyHandle: 'c|900',
      folder: 'OrderCo/shelf/',
      includeSubfolders: false,
      ...fields,
    } as never,
    NS_2014,
  )
  const answer = await read(await sendTo(mock, envelope(body, { auth })))
  expect(answer.fault?.reason).toBeUndefined()
  const result = answer.body.searchAssetsReturn as {
    totalRows: string
    assetArray?: { items?: { name: string }[] }
  }
  return {
    total: Number(result.totalRows),
    names: (result.assetArray?.items ?? []).map((i) => i.name),
  }
}

const pages: [perPage: number, page: number][] = [
  [7, 1],
  [7, 4],
  [7, 9],
  [7, 10],
  [25, 2],
  [29, 2],
  [30, 2],
  [31, 1],
  [60, 1],
  [1000, 1],
]

describe.each([undefined, 'Name', 'FileSize', 'Created', 'AssetType'])('sortBy %s', (sortBy) => {
  it.each(['Ascending', 'Descending'])(
    '%s: every page is the slice of the whole order',
    async (direction) => {
      const order = expected(sortBy, direction === 'Descending')
      for (const [perPage, page] of pages) {
        const found = await search({
          recordsPerPage: perPage,
          resultsPage: page,
          ...(sortBy === undefined ? {} : { sortBy }),
          sortDirection: direction,
        })
        expect(found.total).toBe(COUNT)
        expect(found.names, `${perPage} per page, page ${page}`).toEqual(
          order.slice((page - 1) * perPage, page * perPage),
        )
      }
    },
  )
})

it('has ties to break in every key, so the storage order matters', () => {
  for (const key of Object.values(keys).slice(1)) {
    expect(new Set(stored.map(key)).size).toBeLessThan(COUNT)
  }
})
