import type { AssetRecord } from '../store/asset-models.js'

/** A sort key of an asset: searchAssets' `sortBy`, or the id (the order assets were stored in). */
export type SortKey = (asset: AssetRecord) => string | number

/**
 * The assets ranked `from` to `to` (exclusive) in the order (key, id), ascending or, with
 * `descending`, reversed. (key, id) is a total order, so the page is the same as a slice of the
 * whole list sorted; but only the first `to` are kept and sorted (a bounded heap, O(n log to)),
 * and each key is read once, not once per comparison.
 */
export function rankedPage(
  assets: readonly AssetRecord[],
  key: SortKey,
  descending: boolean,
  from: number,
  to: number,
): AssetRecord[] {
  const end = Math.min(to, assets.length)
  if (from >= end) return []
  const keys = assets.map(key)
  const sign = descending ? -1 : 1
  /** Whether asset i comes before asset j in the requested order. */
  const before = (i: number, j: number): boolean => {
    const x = keys[i] as string | number
    const y = keys[j] as string | number
    if (x !== y) return x < y ? sign > 0 : sign < 0
    const a = (assets[i] as AssetRecord).id
    const b = (assets[j] as AssetRecord).id
    return sign > 0 ? a < b : a > b
  }
  const order = (i: number, j: number) => (i === j ? 0 : before(i, j) ? -1 : 1)
  let kept: number[]
  if (end * 2 >= assets.length) {
    // A page deep in the list: sorting everything costs no more than keeping most of it.
    kept = Array.from(assets, (_, index) => index)
  } else {
    kept = firstOf(assets.length, end, before)
  }
  kept.sort(order)
  return kept.slice(from, end).map((index) => assets[index] as AssetRecord)
}

/**
 * The indexes of the first `count` of `size` items under `before`, in no particular order: a
 * max-heap of the best `count` so far, whose root is the worst of them.
 */
function firstOf(size: number, count: number, before: (i: number, j: number) => boolean): number[] {
  const heap: number[] = []
  const siftUp = (at: number) => {
    while (at > 0) {
      const parent = (at - 1) >> 1
      if (!before(heap[parent] as number, heap[at] as number)) return
      swap(heap, parent, at)
      at = parent
    }
  }
  const siftDown = (at: number) => {
    for (;;) {
      const left = 2 * at + 1
      const right = left + 1
      let worst = at
      if (left < heap.length && before(heap[worst] as number, heap[left] as number)) worst = left
      if (right < heap.length && before(heap[worst] as number, heap[right] as number)) worst = right
      if (worst === at) return
      swap(heap, worst, at)
      at = worst
    }
  }
  for (let index = 0; index < size; index++) {
    if (heap.length < count) {
      heap.push(index)
      siftUp(heap.length - 1)
    } else if (before(index, heap[0] as number)) {
      heap[0] = index
      siftDown(0)
    }
  }
  return heap
}

function swap(list: number[], i: number, j: number): void {
  const held = list[i] as number
  list[i] = list[j] as number
  list[j] = held
}
