import { Collection } from '@msw/data'
import fc from 'fast-check'
import { expect, it } from 'vitest'
import { LogIndex } from '../src/store/log-index.js'
import { jobLogSchema, type JobLog } from '../src/store/models.js'

const logArbitrary = fc.record({
  company: fc.constantFrom('c|1', 'c|2'),
  user: fc.constantFrom('u|1', 'u|2'),
  start: fc.integer({ min: 0, max: 50 }),
  length: fc.integer({ min: 0, max: 30 }),
})

function log(
  index: number,
  entry: { company: string; user: string; start: number; length: number },
): JobLog {
  return {
    jobHandle: `j|${index}`,
    submittedHandle: `j|${index}`,
    companyHandle: entry.company,
    submitUserHandle: entry.user,
    startDate: new Date(entry.start * 1000).toISOString(),
    endDate: new Date((entry.start + entry.length) * 1000).toISOString(),
  } as JobLog
}

it('finds the newest logs by start date, equal ones in company order, then the last written first', () => {
  fc.assert(
    fc.property(
      fc.array(logArbitrary, { maxLength: 60 }),
      fc.integer({ min: 1, max: 20 }),
      fc.option(fc.constantFrom('u|1', 'u|2'), { nil: undefined }),
      fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }),
      fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }),
      fc.integer({ min: 0, max: 10 }),
      fc.boolean(),
      (entries, count, userHandle, from, to, evicted, inEndOrder) => {
        const index = new LogIndex(new Collection({ schema: jobLogSchema }) as never)
        // Logs are written as runs end, in end order; the index must not depend on it.
        const logs = entries.map((entry, position) => log(position, entry))
        if (inEndOrder) logs.sort((a, b) => Date.parse(a.endDate) - Date.parse(b.endDate))
        for (const entry of logs) index.add(entry)
        const kept = logs.slice(Math.min(evicted, logs.length))
        for (const entry of logs.slice(0, Math.min(evicted, logs.length)))
          index.remove(entry.jobHandle)
        const companies = ['c|2', 'c|1']
        const filter = {
          ...(userHandle === undefined ? {} : { userHandle }),
          ...(from === undefined ? {} : { from: from * 1000 }),
          ...(to === undefined ? {} : { to: to * 1000 }),
        }
        const expected = companies
          // Each company's logs last written first, then a stable sort by start date, descending.
          .flatMap((company) => kept.filter((entry) => entry.companyHandle === company).reverse())
          .filter((entry) => {
            const start = Date.parse(entry.startDate)
            return (
              (filter.userHandle === undefined || entry.submitUserHandle === filter.userHandle) &&
              (filter.from === undefined || start >= filter.from) &&
              (filter.to === undefined || start <= filter.to)
            )
          })
          .sort((a, b) => Date.parse(b.startDate) - Date.parse(a.startDate))
          .slice(0, count)
        expect(index.newest(companies, count, filter)).toEqual(expected)
      },
    ),
    { numRuns: 500 },
  )
})

it('lists the logs of every run of a scheduled job, and of one asset', () => {
  const index = new LogIndex(new Collection({ schema: jobLogSchema }) as never)
  const run = (n: number) =>
    ({
      jobHandle: `j|1|nightly|${n}`,
      submittedHandle: 'j|1|nightly|',
      companyHandle: 'c|1',
      startDate: new Date(n * 1000).toISOString(),
    }) as JobLog
  index.add(run(1), ['a|1'])
  index.add(run(2), ['a|2'])
  index.add(run(3), ['a|1'])
  expect(index.of('j|1|nightly|').map((entry) => entry.jobHandle)).toEqual([
    'j|1|nightly|1',
    'j|1|nightly|2',
    'j|1|nightly|3',
  ])
  expect(index.asset('a|1').map((entry) => entry.jobHandle)).toEqual([
    'j|1|nightly|1',
    'j|1|nightly|3',
  ])
  index.remove('j|1|nightly|1')
  expect(index.of('j|1|nightly|')).toHaveLength(2)
  expect(index.asset('a|1').map((entry) => entry.jobHandle)).toEqual(['j|1|nightly|3'])
  expect(index.of('j|1|nightly|2')[0]?.jobHandle).toBe('j|1|nightly|2')
})

it('drops an evicted log from the logs of an asset many runs named, oldest first or not', () => {
  const index = new LogIndex(new Collection({ schema: jobLogSchema }) as never)
  const upload = (n: number) =>
    ({
      jobHandle: `j|1|upload ${n}|`,
      submittedHandle: `j|1|upload ${n}|`,
      companyHandle: 'c|1',
      startDate: new Date(n * 1000).toISOString(),
    }) as JobLog
  for (let n = 1; n <= 5; n++) index.add(upload(n), ['a|1'])
  index.remove('j|1|upload 1|')
  index.remove('j|1|upload 3|')
  expect(index.asset('a|1').map((entry) => entry.jobHandle)).toEqual([
    'j|1|upload 2|',
    'j|1|upload 4|',
    'j|1|upload 5|',
  ])
  for (const n of [2, 4, 5]) index.remove(`j|1|upload ${n}|`)
  expect(index.asset('a|1')).toEqual([])
})
