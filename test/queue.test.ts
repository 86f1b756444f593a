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
