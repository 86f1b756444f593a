/** A timed engine event. `version` lets a job invalidate events it has made obsolete. */
export interface EngineEvent {
  at: number
  seq: number
  handle: string
  kind: 'fire' | 'start' | 'finish' | 'stopped'
  version: number
}

function before(a: EngineEvent, b: EngineEvent): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq)
}

/** A binary min-heap of events, by time and then insertion order, so runs are reproducible. */
export class EventQueue {
  #heap: EngineEvent[] = []
  #seq = 0

  get size(): number {
    return this.#heap.length
  }

  /** Queues an event; `seq` (default: this queue's next) orders events of the same time. */
  push(event: Omit<EngineEvent, 'seq'> & { seq?: number }): void {
    const heap = this.#heap
    const { at, handle, kind, version } = event
    heap.push({ at, seq: event.seq ?? this.#seq++, handle, kind, version })
    // Sift up, moving the new event into place (no swap arrays: this runs per event).
    let index = heap.length - 1
    const queued = heap[index] as EngineEvent
    while (index > 0) {
      const parent = (index - 1) >> 1
      const above = heap[parent] as EngineEvent
      if (!before(queued, above)) break
      heap[index] = above
      index = parent
    }
    heap[index] = queued
  }

  peek(): EngineEvent | undefined {
    return this.#heap[0]
  }

  /** Events in time order, without removing them. */
  sorted(): EngineEvent[] {
    return [...this.#heap].sort((a, b) => (before(a, b) ? -1 : 1))
  }

  pop(): EngineEvent | undefined {
    const heap = this.#heap
    const top = heap[0]
    const last = heap.pop()
    if (heap.length > 0 && last) {
      heap[0] = last
      this.#siftDown(0)
    }
    return top
  }

  /** Moves the event at `start` down until neither child comes before it. */
  #siftDown(start: number): void {
    const heap = this.#heap
    let index = start
    for (;;) {
      const left = index * 2 + 1
      const right = left + 1
      let smallest = index
      if (left < heap.length && before(heap[left] as EngineEvent, heap[smallest] as EngineEvent))
        smallest = left
      if (right < heap.length && before(heap[right] as EngineEvent, heap[smallest] as EngineEvent))
        smallest = right
      if (smallest === index) return
      const moved = heap[index] as EngineEvent
      heap[index] = heap[smallest] as EngineEvent
      heap[smallest] = moved
      index = smallest
    }
  }

  /** Keeps only the events `keep` accepts, and restores the heap order. */
  retain(keep: (event: EngineEvent) => boolean): void {
    this.#heap = this.#heap.filter(keep)
    // Floyd's heap construction: sift every parent down, last first; O(n).
    for (let index = (this.#heap.length >> 1) - 1; index >= 0; index--) this.#siftDown(index)
  }

  clear(): void {
    this.#heap = []
    this.#seq = 0
  }

  /** The queue's whole state; events are never changed once queued, so they are shared. */
  snapshot(): QueueState {
    return Object.freeze({ heap: Object.freeze([...this.#heap]), seq: this.#seq })
  }

  restore(state: QueueState): void {
    this.#heap = [...state.heap]
    this.#seq = state.seq
  }
}

/** An event queue's state, for snapshots. */
export interface QueueState {
  readonly heap: readonly EngineEvent[]
  readonly seq: number
}
