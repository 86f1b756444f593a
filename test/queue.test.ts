import { expect, it } from 'vitest'
import { EventQueue } from '../src/engine/queue.js'

it('pops events by time, then by insertion order, and keeps order after retain', () => {
  const queue = new EventQueue()
  const times = [50, 10, 30, 10, 40, 20, 60, 0]
  times.forEach((at, index) =>
    queue.push({ at, handle: `h${index}`, kind: 'start', version: index }),
  )
  queue.retain((event) => event.version % 2 === 1)
  const popped: string[] = []
  for (let event = queue.pop(); event; event = queue.pop())
    popped.push(`${event.at}:${event.handle}`)
  expect(popped).toEqual(['0:h7', '10:h1', '10:h3', '20:h5'])
  expect(queue.size).toBe(0)
})

it('keeps time order after retain over many events (the heap is rebuilt, not re-sorted)', () => {
  const queue = new EventQueue()
  let seed = 7
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31)
  for (let index = 0; index < 2000; index++)
    queue.push({ at: next() % 500, handle: `h${index}`, kind: 'start', version: index })
  queue.retain((event) => event.version % 3 !== 0)
  const popped: [number, number][] = []
  for (let event = queue.pop(); event; event = queue.pop()) popped.push([event.at, event.seq])
  expect(popped).toHaveLength(2000 - 667)
  const inOrder = popped.every(
    ([at, seq], index) =>
      index === 0 ||
      at > (popped[index - 1] as [number, number])[0] ||
      (at === (popped[index - 1] as [number, number])[0] &&
        seq > (popped[index - 1] as [number, number])[1]),
  )
  expect(inOrder).toBe(true)
})
