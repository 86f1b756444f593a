import { type EngineEvent, EventQueue, type QueueState } from './queue.js'

/** The timeline's whole state, for snapshots. */
export interface TimelineState {
  readonly runs: QueueState
  readonly schedules: QueueState
  readonly versions: ReadonlyMap<string, number>
  readonly lastVersion: number
  readonly seq: number
  readonly obsolete: number
}

export type EventKind = EngineEvent['kind']

/**
 * The engine's timed events, in two queues: run events (a trigger of an execTime job, a start,
 * a finish, the end of a stop) and the fires of recurring schedules, which never end and so do
 * not count as pending work. Both pop in one order, by time and then by when they were queued.
 * A job's newest version makes its older events obsolete: they are skipped when met, and dropped
 * once they are the larger part of the queues.
 */
export class Timeline {
  #runs = new EventQueue()
  #schedules = new EventQueue()
  #versions = new Map<string, number>()
  #lastVersion = 0
  #seq = 0
  #obsolete = 0

  /** Number of queued events, obsolete ones included. */
  get size(): number {
    return this.#runs.size + this.#schedules.size
  }

  /** Queues an event for a job, making its earlier events obsolete. */
  push(handle: string, kind: EventKind, at: number, recurring = false): void {
    const version = this.#renew(handle, true)
    const queue = recurring ? this.#schedules : this.#runs
    queue.push({ at, handle, kind, version, seq: this.#seq++ })
  }

  /**
   * Makes a job's queued events obsolete. Versions come from one counter for the whole engine,
   * so an event left over from a deleted job can never match a new job under the same handle.
   * A job's version is negative while none of its events is queued (the last one was popped or
   * made obsolete), so `#obsolete` counts exactly the obsolete events still queued.
   */
  invalidate(handle: string): number {
    return this.#renew(handle, false)
  }

  /** Gives the job a new version, queued (an event is pushed under it) or not. */
  #renew(handle: string, queued: boolean): number {
    this.#drop(handle)
    const version = ++this.#lastVersion
    this.#versions.set(handle, queued ? version : -version)
    return version
  }

  /**
   * Forgets a job: an event still queued for it becomes obsolete. Once obsolete events are most
   * of the queues (and at least 1,000), they are dropped in one O(n) pass.
   */
  forget(handle: string): void {
    this.#drop(handle)
    this.#versions.delete(handle)
    if (this.#obsolete < 1000 || this.#obsolete < this.size / 2) return
    const live = (event: EngineEvent) => this.#live(event)
    this.#runs.retain(live)
    this.#schedules.retain(live)
    this.#obsolete = 0
  }

  /** Number of queued events that are obsolete. */
  get obsolete(): number {
    return this.#obsolete
  }

  /** Removes and returns the earliest live event due at `now`, if any. */
  popDue(now: number): EngineEvent | undefined {
    for (;;) {
      const queue = this.#earliest()
      const next = queue?.peek()
      if (!queue || !next || next.at > now) return undefined
      queue.pop()
      if (this.#live(next)) {
        this.#versions.set(next.handle, -next.version)
        return next
      }
      this.#obsolete--
    }
  }

  /** When the earliest live event is due, if any. */
  nextAt(): number | undefined {
    this.#dropObsolete(this.#runs)
    this.#dropObsolete(this.#schedules)
    return this.#earliest()?.peek()?.at
  }

  /** When the earliest live run event (not a recurring fire) is due, if any. */
  nextRunAt(): number | undefined {
    this.#dropObsolete(this.#runs)
    return this.#runs.peek()?.at
  }

  clear(): void {
    this.#runs = new EventQueue()
    this.#schedules = new EventQueue()
    this.#versions = new Map()
    this.#lastVersion = 0
    this.#seq = 0
    this.#obsolete = 0
  }

  snapshot(): TimelineState {
    return Object.freeze({
      runs: this.#runs.snapshot(),
      schedules: this.#schedules.snapshot(),
      versions: new Map(this.#versions),
      lastVersion: this.#lastVersion,
      seq: this.#seq,
      obsolete: this.#obsolete,
    })
  }

  restore(state: TimelineState): void {
    this.#runs.restore(state.runs)
    this.#schedules.restore(state.schedules)
    this.#versions = new Map(state.versions)
    this.#lastVersion = state.lastVersion
    this.#seq = state.seq
    this.#obsolete = state.obsolete
  }

  #live(event: EngineEvent): boolean {
    return event.version === this.#versions.get(event.handle)
  }

  #dropObsolete(queue: EventQueue): void {
    for (let next = queue.peek(); next && !this.#live(next); next = queue.peek()) {
      queue.pop()
      this.#obsolete--
    }
  }

  /** The job's queued event, if it has one, becomes obsolete. */
  #drop(handle: string): void {
    if ((this.#versions.get(handle) ?? 0) > 0) this.#obsolete++
  }

  /** The queue whose head comes first. */
  #earliest(): EventQueue | undefined {
    const run = this.#runs.peek()
    const fire = this.#schedules.peek()
    if (!run) return fire ? this.#schedules : undefined
    if (!fire) return this.#runs
    return fire.at < run.at || (fire.at === run.at && fire.seq < run.seq)
      ? this.#schedules
      : this.#runs
  }
}
