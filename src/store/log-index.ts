import { Fifo } from './fifo.js'
import type { JobLog } from './models.js'
import { RecordList } from './record-list.js'
import type { Collection } from '@msw/data'

/** One company's logs in the order they were written, with the latest start seen up to each. */
interface CompanyLogs {
  logs: Fifo<JobLog>
  /** `maxStart.at(i)`: the latest startDate (ms) among logs 0…i, an upper bound once some left. */
  maxStart: Fifo<number>
}

/** Which logs `newest` keeps. */
export interface LogFilter {
  userHandle?: string
  /** Start dates from (inclusive), in ms. */
  from?: number
  /** Start dates up to (inclusive), in ms. */
  to?: number
}

/**
 * The job logs and the indexes over them: by run handle (the collection's own key), by submitted
 * job (every run of a scheduled job), by company in the order written, by the assets they name.
 * Every log is written once and never changed; logs leave oldest first (retention), so each
 * index drops them from its start.
 */
export class LogIndex {
  readonly list: RecordList<JobLog>
  #runs = new Map<string, Fifo<JobLog>>()
  #companies = new Map<string, CompanyLogs>()
  /** assetHandle → the logs naming it, in the order written (an asset uploaded again and again
   * is named by many: each leaves from the start, oldest first, in O(1)). */
  #assets = new Map<string, Fifo<JobLog>>()
  /** The assets each asset-naming log names, to drop it from `#assets` when it goes. */
  #assetsOf = new Map<JobLog, string | readonly string[]>()

  constructor(collection: Collection<never>) {
    this.list = new RecordList<JobLog>(collection, (log) => log.jobHandle)
  }

  reset(): void {
    this.list.reset()
    this.#runs = new Map()
    this.#companies = new Map()
    this.#assets = new Map()
    this.#assetsOf = new Map()
  }

  /** Stores a log; `assetHandles` are the assets its detail lines name. */
  add(log: JobLog, assetHandles: readonly string[] = []): void {
    this.list.add(log)
    if (log.submittedHandle !== log.jobHandle) {
      let runs = this.#runs.get(log.submittedHandle)
      if (!runs) this.#runs.set(log.submittedHandle, (runs = new Fifo()))
      runs.push(log)
    }
    let company = this.#companies.get(log.companyHandle)
    if (!company) {
      company = { logs: new Fifo(), maxStart: new Fifo() }
      this.#companies.set(log.companyHandle, company)
    }
    const start = Date.parse(log.startDate)
    const before = company.maxStart.at(company.maxStart.length - 1) ?? Number.NEGATIVE_INFINITY
    company.logs.push(log)
    company.maxStart.push(Math.max(before, start))
    // One handle (an upload of one file) is kept as itself, more as an array of their number.
    if (assetHandles.length > 0)
      this.#assetsOf.set(
        log,
        assetHandles.length === 1 ? (assetHandles[0] as string) : [...assetHandles],
      )
    for (const asset of assetHandles) {
      let logs = this.#assets.get(asset)
      if (!logs) this.#assets.set(asset, (logs = new Fifo()))
      logs.push(log)
    }
  }

  /** Removes the log of a run (retention): O(1) when it is its indexes' oldest, as it is then. */
  remove(jobHandle: string): void {
    const log = this.list.remove(jobHandle)
    if (!log) return
    const runs = this.#runs.get(log.submittedHandle)
    if (runs) {
      if (runs.first() === log) runs.shift()
      else runs.delete(log)
      if (runs.length === 0) this.#runs.delete(log.submittedHandle)
    }
    const company = this.#companies.get(log.companyHandle)
    if (company) {
      if (company.logs.first() === log) {
        company.logs.shift()
        company.maxStart.shift()
      } else {
        // Not the oldest: keep the bounds (still upper bounds) aligned by dropping the oldest one.
        company.logs.delete(log)
        company.maxStart.shift()
      }
    }
    for (const asset of this.assetsOf(log)) {
      const logs = this.#assets.get(asset)
      if (!logs) continue
      if (logs.first() === log) logs.shift()
      else logs.delete(log)
      if (logs.length === 0) this.#assets.delete(asset)
    }
    this.#assetsOf.delete(log)
  }

  /** The log of a run, or the logs of every run of a submitted or scheduled job. */
  of(handle: string): JobLog[] {
    const runs = this.#runs.get(handle)
    if (runs) return runs.toArray()
    const log = this.list.get(handle)
    return log ? [log] : []
  }

  /** A company's logs, oldest first. */
  company(companyHandle: string): JobLog[] {
    return this.#companies.get(companyHandle)?.logs.toArray() ?? []
  }

  /** The assets a log's detail lines name, as given to `add`. */
  assetsOf(log: JobLog): readonly string[] {
    const assets = this.#assetsOf.get(log) ?? []
    return typeof assets === 'string' ? [assets] : assets
  }

  /** Logs whose detail lines name the asset, in the order written. O(result). */
  asset(assetHandle: string): readonly JobLog[] {
    return this.#assets.get(assetHandle)?.toArray() ?? []
  }

  /**
   * The `count` logs of the companies with the latest start dates, newest first; equal start
   * dates keep company order, then the last written first (runs starting in the same
   * millisecond, as a batch the engine starts together does, list like the rest: newest first).
   * O(count + logs that ended after the last one returned started): it walks each company's
   * logs from the newest and stops once no older log can start late enough or tie and win.
   */
  newest(companies: readonly string[], count: number, filter: LogFilter = {}): JobLog[] {
    const found: Array<{ log: JobLog; start: number; company: number; position: number }> = []
    companies.forEach((companyHandle, companyIndex) => {
      const company = this.#companies.get(companyHandle)
      if (!company || count <= 0) return
      const best = new MinHeap()
      for (let position = company.logs.length - 1; position >= 0; position--) {
        const bound = company.maxStart.at(position) as number
        // A log no later than the worst kept one loses: earlier, or the same and written before.
        if (best.size >= count && bound <= (best.min as number)) break
        if (filter.from !== undefined && bound < filter.from) break
        const log = company.logs.at(position) as JobLog
        const start = Date.parse(log.startDate)
        if (filter.userHandle !== undefined && log.submitUserHandle !== filter.userHandle) continue
        if (filter.from !== undefined && start < filter.from) continue
        if (filter.to !== undefined && start > filter.to) continue
        found.push({ log, start, company: companyIndex, position })
        best.push(start)
        if (best.size > count) best.pop()
      }
    })
    found.sort((a, b) => b.start - a.start || a.company - b.company || b.position - a.position)
    return found.slice(0, Math.max(0, count)).map((entry) => entry.log)
  }
}

/** A binary min-heap of numbers. */
class MinHeap {
  readonly #items: number[] = []

  get size(): number {
    return this.#items.length
  }

  get min(): number | undefined {
    return this.#items[0]
  }

  push(value: number): void {
    const items = this.#items
    items.push(value)
    let index = items.length - 1
    while (index > 0) {
      const parent = (index - 1) >> 1
      if ((items[parent] as number) <= value) break
      items[index] = items[parent] as number
      index = parent
    }
    items[index] = value
  }

  pop(): number | undefined {
    const items = this.#items
    const top = items[0]
    const last = items.pop() as number
    if (items.length === 0) return top
    let index = 0
    for (;;) {
      const left = index * 2 + 1
      if (left >= items.length) break
      const right = left + 1
      const child =
        right < items.length && (items[right] as number) < (items[left] as number) ? right : left
      if ((items[child] as number) >= last) break
      items[index] = items[child] as number
      index = child
    }
    items[index] = last
    return top
  }
}
