import type { Job } from '../store/models.js'
import { toMilliseconds } from './duration.js'
import { jobKinds, type WorkItem } from './job-kinds.js'
import { runFaker as faker } from './randomizer.js'
import type { FileProblem, Outcome } from './scenarios.js'
import { defaults } from '../defaults.js'

/** How long runs take, in milliseconds, when no scenario says otherwise. */
export interface JobDurations {
  /** From trigger to Running (New state). Default 1000. */
  startDelay: number
  /** A run's base time once running. Default 2000. */
  base: number
  /** Added per work item. Default 500. */
  perItem: number
  /** From stopJob to Done (Stopping state). Default 1000. */
  stopDelay: number
}

export const defaultDurations: JobDurations = { ...defaults.jobDurations }

/** What an upload did with one file (assets reference §6.2). */
export type IngestEffect = 'created' | 'updated' | 'renamed' | 'skipped'

/** One work item and what the run made of it; upload runs add what happened to the asset. */
export type ItemResult = {
  item: WorkItem
  result: 'success' | 'warning' | 'error'
  message?: string
  effect?: IngestEffect
}

/** An item that succeeded, with room for what a problem or an upload later sets (one shape). */
function succeeded(item: WorkItem): ItemResult {
  return { item, result: 'success', message: undefined, effect: undefined }
}

/** What a run will do, fixed when it is triggered so that every read of it is reproducible. */
export interface RunPlan {
  /** The scenario outcome the run drew (an empty one when none matched). */
  readonly outcome: Outcome
  /** Seeds faker for this run's work items: the same items on every rebuild. */
  readonly seed: number
  /** Number of work items. */
  readonly total: number
  durationMs: number
  hold: boolean
  /** Running time accumulated before the current running stretch. */
  elapsedMs: number
  /** When the current running stretch began (ms), if running. */
  runningSince?: number
  stoppedBy?: string
}

/** The outcome of a run no scenario matched. */
export const noScenario: Outcome = Object.freeze({})

function hash(text: string): number {
  let value = 2166136261
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index)
    value = Math.imul(value, 16777619)
  }
  return value >>> 0
}

/** The faker seed of a run: from the mock's seed and the run's handle. */
export function runSeed(fakerSeed: number, handle: string): number {
  return hash(`${fakerSeed}:${handle}`)
}

/** True when the outcome changes no file's result (the usual run): counts need no items. */
function plain(outcome: Outcome): boolean {
  return outcome.errors === undefined && outcome.warnings === undefined
}

/**
 * The work items of a run and their results: the job kind's items (faker seeded by the run),
 * then the outcome's errors and warnings applied to them. Pure: same inputs, same items.
 */
export function runItems(job: Job, outcome: Outcome, seed: number): ItemResult[] {
  faker.seed(seed)
  const kind = jobKinds[job.jobElement]
  const items: ItemResult[] = (kind?.items(job.params, faker) ?? []).map(succeeded)
  apply(items, outcome.errors, 'error')
  apply(items, outcome.warnings, 'warning')
  return items
}

/** The number of work items, drawing no file names unless the outcome changes some. */
export function runTotal(job: Job, outcome: Outcome, seed: number): number {
  if (!plain(outcome)) return runItems(job, outcome, seed).length
  const kind = jobKinds[job.jobElement]
  if (!kind) return 0
  faker.seed(seed)
  return kind.count(job.params, faker)
}

/** Outcome counts of the first `processed` items. */
export function resultCounts(
  job: Job,
  outcome: Outcome,
  seed: number,
  processed: number,
): { success: number; warning: number; error: number } {
  if (plain(outcome)) return { success: processed, warning: 0, error: 0 }
  const counts = { success: 0, warning: 0, error: 0 }
  for (const entry of runItems(job, outcome, seed).slice(0, processed)) counts[entry.result]++
  return counts
}

/** Plans a run just triggered. */
export function planRun(
  job: Job,
  outcome: Outcome,
  seed: number,
  durations: JobDurations,
): RunPlan {
  const total = runTotal(job, outcome, seed)
  return {
    outcome,
    seed,
    total,
    durationMs:
      outcome.duration !== undefined
        ? toMilliseconds(outcome.duration)
        : durations.base + durations.perItem * total,
    hold: outcome.hold === true,
    elapsedMs: 0,
  }
}

/** The message of a fatal outcome, if the run fails as a whole. */
export function fatalMessage(outcome: Outcome): string | undefined {
  if (!outcome.fatal) return undefined
  return typeof outcome.fatal === 'string' ? outcome.fatal : 'Internal processing error'
}

function apply(
  items: ItemResult[],
  problems: number | FileProblem[] | undefined,
  result: 'warning' | 'error',
): void {
  const list: FileProblem[] =
    typeof problems === 'number' ? Array.from({ length: problems }, () => ({})) : (problems ?? [])
  for (const problem of list) {
    const text =
      problem.message ??
      (result === 'error'
        ? 'The file could not be processed'
        : 'The file was processed with defaults')
    let target =
      problem.file === undefined
        ? undefined
        : items.find((entry) => entry.item.name === problem.file)
    if (problem.file !== undefined && !target) {
      target = succeeded({ name: problem.file, assetType: 'MasterImage' })
      items.push(target)
    }
    target ??= items.find((entry) => entry.result === 'success')
    if (!target) {
      target = succeeded({ name: faker.system.commonFileName('jpg'), assetType: 'MasterImage' })
      items.push(target)
    }
    target.result = result
    target.message = text
  }
}
