import { setImmediate as nextTurn } from 'node:timers/promises'
import { expect, it } from 'vitest'
import { logLines } from '../src/cli/log-lines.js'

it('writes the lines of one turn of the event loop in one write, in order', async () => {
  const writes: string[] = []
  const lines = logLines((text) => writes.push(text))
  lines.log('first')
  lines.log('second')
  expect(writes).toEqual([])
  await nextTurn()
  lines.log('third')
  await nextTurn()
  expect(writes).toEqual(['first\nsecond\n', 'third\n'])
})

it('flush writes what is queued at once, and nothing when nothing is', async () => {
  const writes: string[] = []
  const lines = logLines((text) => writes.push(text))
  lines.flush()
  lines.log('before exit')
  lines.flush()
  expect(writes).toEqual(['before exit\n'])
  await nextTurn()
  expect(writes).toEqual(['before exit\n'])
})
