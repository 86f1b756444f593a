// getJobLogs sorts by each of the nine documented sort fields (reference §8), both directions.
import { beforeAll, describe, expect, it } from 'vitest'
import { createIpsMock } from '../src/index.js'
import { items } from './support/calls.js'
import { eachRuntimeOf } from './support/matrix.js'
import {
  envelope,
  NS_2014,
  operationParam,
  post,
  sendTo,
  submitJobRequest,
} from './support/requests.js'
import { read } from './support/soap.js'
import { expectValidSoap } from './support/xsd.js'

// Company names sort the other way round from their handles, and so do the users' e-mails and
// handles, so that a sort by the wrong field shows.
const seed = {
  companies: [
    { name: 'zeta', handle: 'c|101' },
    { name: 'alpha', handle: 'c|102' },
  ],
  users: [
    {
      email: 'zed@x.test',
      password: 'pass-z',
      role: 'IpsAdmin' as const,
      companies: ['zeta', 'alpha'],
      handle: 'u|1|zed@x.test',
    },
    {
      email: 'amy@x.test',
      password: 'pass-a',
      role: 'IpsUser' as const,
      companies: ['zeta', 'alpha'],
      handle: 'u|2|amy@x.test',
    },
  ],
}
const companyName: Record<string, string> = { 'c|101': 'zeta', 'c|102': 'alpha' }
const userId: Record<string, string> = {
  'zed@x.test': 'u|1|zed@x.test',
  'amy@x.test': 'u|2|amy@x.test',
}
const admin = { user: 'zed@x.test', password: 'pass-z' }

const mock = createIpsMock({ seed, startTime: '2030-01-01T00:00:00Z' })
const jobs: Array<[string, string, string, { user: string; password: string }]> = [
  ['uploadUrlsJob', 'm-upload', 'c|101', admin],
  ['optimizeImagesJob', 'b-optimize', 'c|102', { user: 'amy@x.test', password: 'pass-a' }],
  ['exportJob', 'x-export', 'c|101', { user: 'amy@x.test', password: 'pass-a' }],
  ['imageServingPublishJob', 'a-publish', 'c|102', admin],
  ['uploadDirectoryJob', 'k-directory', 'c|101', admin],
]

beforeAll(async () => {
  for (const [element, jobName, companyHandle, auth] of jobs) {
    const answer = await read(
      await sendTo(
        mock,
        submitJobRequest(element, 'minimal', { jobName, companyHandle }, { auth }),
      ),
    )
    expect(answer.fault, answer.fault?.reason).toBeUndefined()
    mock.clock.advance('1m')
    await mock.runUntilIdle()
  }
})

type Log = Record<string, string>

// The jobs above ran once; both runtimes read the same logs.
eachRuntimeOf(
  mock,
  () => {
    const keys: Record<string, (log: Log) => string | number> = {
      JobName: (log) => log.jobName ?? '',
      LogType: (log) => log.logType ?? '',
      StartDate: (log) => Date.parse(log.startDate ?? ''),
      CompanyName: (log) => companyName[log.companyHandle ?? ''] ?? '',
      UserId: (log) => userId[log.submitUserEmail ?? ''] ?? '',
      Email: (log) => log.submitUserEmail ?? '',
      FileErrorCount: (log) => Number(log.fileErrorCount),
      FileWarningCount: (log) => Number(log.fileWarningCount),
      FileSuccessCount: (log) => Number(log.fileSuccessCount),
    }

    async function logs(fields: Record<string, string | number>): Promise<Log[]> {
      const answer = await read(
        await post(envelope(operationParam('getJobLogs', fields, NS_2014), { auth: admin })),
      )
      expectValidSoap(answer.xml)
      expect(answer.fault, answer.fault?.reason).toBeUndefined()
      return items((answer.body.getJobLogsReturn as { jobLogArray: unknown }).jobLogArray) as Log[]
    }

    function sorted(
      values: Array<string | number>,
      direction: 'Ascending' | 'Descending',
    ): boolean {
      return values.every((value, index) => {
        const previous = values[index - 1]
        if (index === 0 || previous === undefined) return true
        return direction === 'Ascending' ? previous <= value : previous >= value
      })
    }

    describe.each(Object.keys(keys))('sortBy %s', (sortBy) => {
      it.each(['Ascending', 'Descending'] as const)('%s', async (sortDirection) => {
        const found = await logs({ sortBy, sortDirection })
        expect(found).toHaveLength(jobs.length)
        const key = keys[sortBy] as (log: Log) => string | number
        const values = found.map(key)
        expect(
          sorted(values, sortDirection),
          `${sortBy} ${sortDirection}: ${values.join(', ')}`,
        ).toBe(true)
      })

      it('orders the logs differently when the field differs between them', async () => {
        const key = keys[sortBy] as (log: Log) => string | number
        const up = (await logs({ sortBy, sortDirection: 'Ascending' })).map(key)
        const down = (await logs({ sortBy, sortDirection: 'Descending' })).map(key)
        if (new Set(up).size > 1) expect(up).not.toEqual(down)
        expect([...up].reverse()).toEqual(down)
      })
    })

    it('gives the fields that sort on text distinct values here, so their checks can fail', async () => {
      const found = await logs({})
      for (const sortBy of ['JobName', 'LogType', 'CompanyName', 'UserId', 'Email']) {
        expect(
          new Set(found.map(keys[sortBy] as (log: Log) => string)).size,
          sortBy,
        ).toBeGreaterThan(1)
      }
    })

    it('cuts the sorted list to numRows', async () => {
      const all = await logs({ sortBy: 'JobName', sortDirection: 'Ascending' })
      const two = await logs({ sortBy: 'JobName', sortDirection: 'Ascending', numRows: 2 })
      expect(two.map((log) => log.jobName)).toEqual(all.slice(0, 2).map((log) => log.jobName))
    })

    describe.each(Object.keys(keys))('sortBy %s cut to numRows', (sortBy) => {
      it.each(['Ascending', 'Descending'] as const)(
        '%s: the first rows of the whole order',
        async (sortDirection) => {
          const whole = await logs({ sortBy, sortDirection })
          const cut = await logs({ sortBy, sortDirection, numRows: 3 })
          expect(cut).toEqual(whole.slice(0, 3))
        },
      )
    })
  },
  { resetEach: false },
)

it('lists runs that started in the same millisecond newest written first, cut or not', async () => {
  const same = createIpsMock({ seed, startTime: '2030-01-01T00:00:00Z' })
  for (const jobName of ['t-1', 't-2', 't-3', 't-4']) {
    const answer = await read(
      await sendTo(
        same,
        submitJobRequest('uploadUrlsJob', 'minimal', { jobName }, { auth: admin }),
      ),
    )
    expect(answer.fault, answer.fault?.reason).toBeUndefined()
  }
  await same.runUntilIdle()
  const call = async (fields: Record<string, string | number>) => {
    const answer = await read(
      await sendTo(same, envelope(operationParam('getJobLogs', fields, NS_2014), { auth: admin })),
    )
    return items((answer.body.getJobLogsReturn as { jobLogArray: unknown }).jobLogArray) as Log[]
  }
  const whole = await call({ companyHandle: 'c|101' })
  expect(new Set(whole.map((log) => log.startDate)).size).toBe(1)
  const written = same.store.jobLogs.all().map((log) => log.jobName)
  expect(whole.map((log) => log.jobName)).toEqual([...written].reverse())
  expect(await call({ companyHandle: 'c|101', numRows: 2 })).toEqual(whole.slice(0, 2))
})
