import { expect, it, vi } from 'vitest'
import { Pump, REQUEST_SLICE_MS, yieldToIo } from '../src/engine/pump.js'
import { Timeline } from '../src/engine/timeline.js'

it('counts as obsolete only the events still queued for a newer version', () => {
  const timeline = new Timeline()
  timeline.push('a', 'start', 10)
  expect(timeline.popDue(10)?.kind).toBe('start')
  // A run's next event after its start was popped makes nothing obsolete.
  timeline.push('a', 'finish', 20)
  expect(timeline.obsolete).toBe(0)
  // A newer event while the finish is queued does.
  timeline.push('a', 'finish', 30)
  expect(timeline.obsolete).toBe(1)
  expect(timeline.popDue(30)).toMatchObject({ kind: 'finish', at: 30 })
  expect(timeline.obsolete).toBe(0)
  expect(timeline.size).toBe(0)
  // Forgetting a job with an event queued makes it obsolete; forgetting one without does not.
  timeline.push('b', 'start', 40)
  timeline.forget('b')
  timeline.forget('a')
  expect(timeline.obsolete).toBe(1)
  expect(timeline.popDue(40)).toBeUndefined()
  expect(timeline.obsolete).toBe(0)
})

it('leaves no obsolete event behind after many runs start, finish and are forgotten', () => {
  const timeline = new Timeline()
  for (let index = 0; index < 5000; index++) {
    const handle = `j${index}`
    timeline.push(handle, 'start', index)
    timeline.popDue(index)
    timeline.push(handle, 'finish', index + 1)
    timeline.popDue(index + 1)
    timeline.forget(handle)
  }
  expect(timeline.obsolete).toBe(0)
  expect(timeline.size).toBe(0)
})

it('drops obsolete events once they are most of the queue, keeping the live ones in order', () => {
  const timeline = new Timeline()
  for (let index = 0; index < 3000; index++) timeline.push(`j${index}`, 'start', 3000 - index)
  for (let index = 0; index < 2000; index++) timeline.invalidate(`j${index}`)
  expect(timeline.obsolete).toBe(2000)
  timeline.forget('j0')
  expect(timeline.size).toBe(1000)
  expect(timeline.obsolete).toBe(0)
  const due: number[] = []
  for (let event = timeline.popDue(3000); event; event = timeline.popDue(3000)) due.push(event.at)
  expect(due).toEqual(Array.from({ length: 1000 }, (_, index) => index + 1))
})

it('lets the requests of one turn of the event loop share one request slice', async () => {
  const deadlines: number[] = []
  const pump = new Pump(
    (deadline) => {
      deadlines.push(deadline)
      return true
    },
    () => undefined,
    () => true,
  )
  const now = vi.spyOn(performance, 'now')
  try {
    now.mockReturnValue(1000)
    pump.forRequest()
    now.mockReturnValue(1000 + REQUEST_SLICE_MS / 2)
    pump.forRequest()
    // The turn's slice is spent: a later request in the same turn runs none.
    now.mockReturnValue(1000 + REQUEST_SLICE_MS)
    pump.forRequest()
    expect(deadlines).toEqual([1000 + REQUEST_SLICE_MS, 1000 + REQUEST_SLICE_MS])
    await yieldToIo()
    now.mockReturnValue(2000)
    pump.forRequest()
    expect(deadlines).toEqual([
      1000 + REQUEST_SLICE_MS,
      1000 + REQUEST_SLICE_MS,
      2000 + REQUEST_SLICE_MS,
    ])
  } finally {
    now.mockRestore()
    pump.stop()
  }
})
