import { setupIpsMock } from 'ips-mock/testing'
import { ipsMatchers } from 'ips-mock/vitest'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { type Upload, uploadUrls } from './upload-urls.js'

expect.extend(ipsMatchers)
// msw intercepts https://*.scene7.com/scene7/… from the first test to the last, and after each
// test the mock goes back to its seed; requests no handler matches fail the test.
const { mock } = setupIpsMock({ hooks: { beforeAll, afterEach, afterAll } })

const upload: Upload = {
  login: { user: 'user@demo-co.test', password: 'demo-user-pass' },
  companyHandle: 'c|101',
  jobName: 'spring catalog',
  urls: {
    'spring/shoe.jpg': 'https://cdn.example.test/shoe.jpg',
    'spring/bag.jpg': 'https://cdn.example.test/bag.jpg',
  },
}

it('submits an UploadUrlsJob and returns its handle', async () => {
  const jobHandle = await uploadUrls(upload)

  expect(jobHandle).toBe('j|101|spring catalog|')
  expect(mock).toHaveReceived('submitJob', {
    jobName: 'spring catalog',
    uploadUrlsJob: { overwrite: true },
  })
  await mock.runUntilIdle() // the clock jumps from event to event until the job is done
  expect(mock.store.logsOf(jobHandle)[0]).toMatchObject({ fileSuccessCount: 2, totalFileCount: 2 })
})

it('reports what IPS refused', async () => {
  const wrong = { ...upload, login: { ...upload.login, password: 'wrong' } }

  await expect(uploadUrls(wrong)).rejects.toThrow(
    'IPS refused the upload "spring catalog": Invalid username/password',
  )
  expect(mock).toHaveReceivedFault(10001, 'submitJob')
})

it('reports a failure of IPS itself', async () => {
  mock.faults.inject({ operation: 'submitJob', fault: 30000, reason: 'IPS is busy' })

  await expect(uploadUrls(upload)).rejects.toThrow(
    'IPS refused the upload "spring catalog": IPS is busy',
  )
  expect(mock.store.jobs.count()).toBe(0)
})
