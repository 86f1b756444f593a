import { createIpsMock } from 'ips-mock'
import { ipsHandlers } from 'ips-mock/msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { type Upload, uploadUrls } from './upload-urls.js'

const mock = createIpsMock()
const server = setupServer(...ipsHandlers(mock))
// To fail on requests no handler matches: { onUnhandledRequest: 'error' } (msw 2),
// { onUnhandledFrame: 'error' } (msw 3).
beforeAll(() => server.listen())
beforeEach(() => mock.reset())
afterAll(() => server.close())

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
  expect(mock.store.job(jobHandle)).toMatchObject({ jobElement: 'uploadUrlsJob', state: 'New' })
  await mock.runUntilIdle()
  expect(mock.store.logsOf(jobHandle)[0]).toMatchObject({ fileSuccessCount: 2, totalFileCount: 2 })
})

it('reports what IPS refused', async () => {
  const wrong = { ...upload, login: { ...upload.login, password: 'wrong' } }

  await expect(uploadUrls(wrong)).rejects.toThrow(
    'IPS refused the upload "spring catalog": Invalid username/password',
  )
})
