import { Collection } from '@msw/data'
import { expect, it } from 'vitest'
import { z } from 'zod'
import { storeOf } from '../src/mock/create-ips-mock.js'
import { createIpsMock } from '../src/index.js'
import { RecordList } from '../src/store/record-list.js'
import { finishedJob } from '../scripts/bench/core.js'
import { DEMO_CO, envelope, logins, operationParam, sendTo } from './support/requests.js'
import { read } from './support/soap.js'

const USER = 'u|1002|user@demo-co.test'

async function companyInfo(mock: ReturnType<typeof createIpsMock>, password: string) {
  const body = envelope(operationParam('getCompanyInfo', { companyHandle: DEMO_CO }), {
    auth: { user: logins.user.user, password },
  })
  return read(await sendTo(mock, body))
}

it('logs in with a password changed through the public store, and no longer with the old one', async () => {
  const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z' })
  await mock.ready
  expect((await companyInfo(mock, logins.user.password)).fault).toBeUndefined()
  mock.store.updateUser(USER, { password: 'rotated secret' })
  expect((await companyInfo(mock, 'rotated secret')).fault).toBeUndefined()
  expect((await companyInfo(mock, logins.user.password)).fault?.code).toBe(10001)
  expect(mock.store.users.findFirst((q) => q.where({ handle: USER }))?.password).toBe(
    'rotated secret',
  )
})

it('moves a login to its new e-mail and refuses an invalid or clashing change whole', async () => {
  const mock = createIpsMock()
  await mock.ready
  mock.store.updateUser(USER, { email: 'Renamed@Demo-Co.test' })
  expect(mock.store.userByEmail('renamed@demo-co.test')?.handle).toBe(USER)
  expect(mock.store.userByEmail(logins.user.user)).toBeUndefined()
  expect(() => mock.store.updateUser(USER, { email: logins.admin.user })).toThrow(/is taken/)
  expect(() => mock.store.updateUser(USER, { role: 'Nobody' as never })).toThrow()
  expect(() => mock.store.updateUser('u|0|nobody', { password: 'x' })).toThrow(/no such user/)
  expect(mock.store.userByHandle(USER)).toMatchObject({
    email: 'Renamed@Demo-Co.test',
    role: 'IpsUser',
  })
  mock.store.updateCompany(DEMO_CO, { name: 'Renamed Co' })
  expect(mock.store.companies.findFirst((q) => q.where({ handle: DEMO_CO }))?.name).toBe(
    'Renamed Co',
  )
})

it('offers no write through the public collections', async () => {
  const mock = createIpsMock()
  await mock.ready
  const users = mock.store.users as unknown as Record<string, unknown>
  for (const method of ['create', 'update', 'delete', 'clear', 'updateMany', 'deleteMany']) {
    expect(users[method], method).toBeUndefined()
  }
  const listed = mock.store.users.all()
  listed.length = 0
  expect(mock.store.users.count()).toBe(4)
  expect(() => Object.assign(mock.store, { jobs: [] })).toThrow(TypeError)
})

it('keeps findMany current as jobs change state, and empty after reset', async () => {
  const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z' })
  await mock.ready
  const store = storeOf(mock)
  const job = finishedJob(1)
  job.state = 'Running'
  store.addJob(job)
  expect(mock.store.jobs.findMany((q) => q.where({ state: 'Running' }))).toHaveLength(1)
  store.setState(job, 'Done')
  expect(mock.store.jobs.findMany((q) => q.where({ state: 'Running' }))).toHaveLength(0)
  expect(mock.store.jobs.findFirst((q) => q.where({ state: 'Done' }))).toBe(job)
  const jobs = mock.store.jobs
  await mock.reset()
  expect(jobs.count()).toBe(0)
  expect(mock.store.jobs.findMany()).toEqual([])
  expect(mock.store.job(job.handle)).toBeUndefined()
  expect(mock.store.users.count()).toBe(4)
})

it('removes a record in O(1) by moving the last one into its place', () => {
  const collection = new Collection({ schema: z.object({ id: z.string() }) })
  const list = new RecordList<{ id: string }>(collection as never, (record) => record.id)
  for (const id of ['a', 'b', 'c', 'd']) list.add({ id })
  expect(list.remove('b')?.id).toBe('b')
  expect(collection.all().map((record) => record.id)).toEqual(['a', 'd', 'c'])
  expect(list.get('d')?.id).toBe('d')
  expect(list.remove('d')?.id).toBe('d')
  expect(list.remove('d')).toBeUndefined()
  expect(collection.findMany().map((record) => record.id)).toEqual(['a', 'c'])
  list.reset()
  expect(collection.count()).toBe(0)
  expect(list.get('a')).toBeUndefined()
})

it('frees the name of a deleted job and keeps other jobs reachable by handle', async () => {
  const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z' })
  await mock.ready
  const store = storeOf(mock)
  const jobs = Array.from({ length: 5 }, (_, index) => {
    const job = finishedJob(index, store.claimJobName(DEMO_CO, `job ${index}`))
    job.state = 'New'
    return store.addJob(job)
  })
  store.removeJob(jobs[1]!.handle)
  expect(store.claimJobName(DEMO_CO, 'job 1')).toBe('job 1')
  expect(store.claimJobName(DEMO_CO, 'job 2')).toBe('job 2_1')
  for (const job of [jobs[0], jobs[2], jobs[3], jobs[4]]) expect(store.job(job!.handle)).toBe(job)
  expect(store.jobsOf(DEMO_CO).map((job) => job.name)).toEqual(['job 0', 'job 2', 'job 3', 'job 4'])
  expect(store.liveJobsOf(DEMO_CO)).toHaveLength(4)
})
