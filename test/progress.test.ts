import { expect, it } from 'vitest'
import { progress, progressLine } from './support/progress.js'

it('says done/total, elapsed and remaining', () => {
  expect(progressLine('fuzz', 25_000, 100_000, 60_000)).toBe(
    'fuzz 25000/100000 (25%), 1:00 elapsed, about 3:00 remaining',
  )
  expect(progressLine('fuzz', 0, 10, 0)).toBe('fuzz 0/10 (0%), 0:00 elapsed, ? remaining')
  expect(progressLine('soak', 1, 2, 3_600_000)).toBe(
    'soak 1/2 (50%), 1:00:00 elapsed, about 1:00:00 remaining',
  )
})

it('writes a line at most every interval, and one at the end', () => {
  const lines: string[] = []
  let time = 0
  const meter = progress('fuzz', 10, {
    everyMs: 1000,
    write: (line) => lines.push(line),
    now: () => time,
  })
  for (let run = 1; run <= 10; run++) {
    time = run * 400
    meter.tick()
  }
  expect(lines).toEqual([
    'fuzz 3/10 (30%), 0:01 elapsed, about 0:03 remaining',
    'fuzz 6/10 (60%), 0:02 elapsed, about 0:02 remaining',
    'fuzz 9/10 (90%), 0:04 elapsed, about 0:00 remaining',
    'fuzz 10/10 (100%), 0:04 elapsed, about 0:00 remaining',
  ])
})
