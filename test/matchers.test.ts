import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { setupIpsMock } from '../src/testing.js'
import { ipsMatchers } from '../src/vitest.js'
import { envelope, logins, operationParam, post, uploadUrlsRequest } from './support/requests.js'

expect.extend(ipsMatchers)

const { mock } = setupIpsMock({ hooks: { beforeAll, afterEach, afterAll } })

const uploadUrls = uploadUrlsRequest
const activeJobs = (companyHandle: string) =>
  envelope(operationParam('getActiveJobs', { companyHandle }))

/** The message of the assertion `run` fails with. */
function failure(run: () => void): string {
  try {
    run()
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('expected the assertion to fail')
}

const NIGHTLY =
  "#1 submitJob {companyHandle: 'c|101', jobName: 'nightly', uploadUrlsJob: {urlArray: {…}, overwrite: true, readyForPublish: false, createMask: false, emailSetting: 'None'}} → 200"
const FOREIGN = "#2 getActiveJobs {companyHandle: 'c|102'} → fault 20006"

async function twoCalls(): Promise<void> {
  await post(uploadUrls('nightly'))
  await post(activeJobs('c|102'))
}

it('toHaveReceived passes on a call with matching params, deeply and partially', async () => {
  await twoCalls()
  expect(mock).toHaveReceived('submitJob')
  expect(mock).toHaveReceived('submitJob', { jobName: 'nightly' })
  expect(mock).toHaveReceived('submitJob', {
    uploadUrlsJob: { overwrite: true, urlArray: { items: [{ destPath: 'in/a.jpg' }] } },
  })
  expect(mock).toHaveReceived('submitJob', { jobName: expect.stringMatching(/^night/) })
  expect(mock).toHaveReceived('submitJob', { jobName: /ly$/ })
  expect(mock.journal).toHaveReceived('getActiveJobs', { companyHandle: 'c|102' })
  expect(mock).not.toHaveReceived('submitJob', { jobName: 'daily' })
  expect(mock).not.toHaveReceived('stopJob')
})

it('toHaveReceived fails listing what was received', async () => {
  await twoCalls()
  expect(failure(() => expect(mock).toHaveReceived('submitJob', { jobName: 'daily' }))).toBe(
    `expected the IPS mock to have received submitJob with params matching {jobName: 'daily'}, but it received 2 calls, none matching:\n  ${NIGHTLY}\n  ${FOREIGN}`,
  )
  expect(
    failure(() =>
      expect(mock).toHaveReceived('submitJob', { uploadUrlsJob: { overwrite: false } }),
    ),
  ).toContain('none matching:')
  expect(
    failure(() =>
      expect(mock).toHaveReceived('submitJob', { jobName: expect.stringMatching(/^day/) }),
    ),
  ).toMatch(
    /^expected the IPS mock to have received submitJob with params matching \{jobName: StringMatching \/\^day\/\}, but/,
  )
  expect(failure(() => expect(mock).not.toHaveReceived('getActiveJobs'))).toBe(
    `expected the IPS mock not to have received getActiveJobs, but it did:\n  ${FOREIGN}`,
  )
})

it('toHaveReceived says so when nothing was received', () => {
  expect(failure(() => expect(mock).toHaveReceived('submitJob'))).toBe(
    'expected the IPS mock to have received submitJob, but it received 0 calls, none matching:\n  (no calls)',
  )
})

it('toHaveReceivedTimes counts matching calls', async () => {
  await post(uploadUrls('a'))
  await post(uploadUrls('b', false))
  await post(activeJobs('c|101'))
  expect(mock).toHaveReceivedTimes('submitJob', 2)
  expect(mock).toHaveReceivedTimes('submitJob', 1, { uploadUrlsJob: { overwrite: false } })
  expect(mock).toHaveReceivedTimes('stopJob', 0)
  expect(mock).not.toHaveReceivedTimes('submitJob', 3)
  expect(
    failure(() => expect(mock).toHaveReceivedTimes('submitJob', 1, { jobName: /^[ab]$/ })),
  ).toBe(
    [
      'expected the IPS mock to have received 1 call of submitJob with params matching {jobName: /^[ab]$/}, and it received 2:',
      "  #1 submitJob {companyHandle: 'c|101', jobName: 'a', uploadUrlsJob: {urlArray: {…}, overwrite: true, readyForPublish: false, createMask: false, emailSetting: 'None'}} → 200  ← matches",
      "  #2 submitJob {companyHandle: 'c|101', jobName: 'b', uploadUrlsJob: {urlArray: {…}, overwrite: false, readyForPublish: false, createMask: false, emailSetting: 'None'}} → 200  ← matches",
      "  #3 getActiveJobs {companyHandle: 'c|101'} → 200",
    ].join('\n'),
  )
  expect(failure(() => expect(mock).not.toHaveReceivedTimes('getActiveJobs', 1))).toMatch(
    /^expected the IPS mock not to have received 1 call of getActiveJobs, and it received 1:/,
  )
})

it('toHaveReceivedFault finds a fault code, for any or one operation', async () => {
  await twoCalls()
  await post(
    envelope(operationParam('getActiveJobs', { companyHandle: 'c|101' }), {
      auth: { user: logins.user.user, password: 'wrong' },
    }),
  )
  expect(mock).toHaveReceivedFault(20006)
  expect(mock).toHaveReceivedFault(10001, 'getActiveJobs')
  expect(mock).not.toHaveReceivedFault(10001, 'submitJob')
  expect(mock).not.toHaveReceivedFault(30001)
  expect(failure(() => expect(mock).toHaveReceivedFault(30001, 'submitJob'))).toBe(
    `expected the IPS mock to have answered with fault 30001 for submitJob, but it answered 3 calls otherwise:\n  ${NIGHTLY}\n  ${FOREIGN}\n  #3 getActiveJobs {companyHandle: 'c|101'} → fault 10001`,
  )
  expect(failure(() => expect(mock).not.toHaveReceivedFault(20006))).toBe(
    `expected the IPS mock not to have answered with fault 20006, but it did:\n  ${FOREIGN}`,
  )
})

it('names calls the mock could not serve, and shortens long lists', async () => {
  await post(envelope(`<submitJobParm xmlns="http://www.scene7.com/IpsApi/xsd/2014-04-03"/>`))
  await post('<not xml')
  expect(failure(() => expect(mock).toHaveReceived('submitJob'))).toBe(
    [
      'expected the IPS mock to have received submitJob, but it received 2 calls, none matching:',
      '  #1 submitJobParm (unknownOperation) {} → fault 30003',
      '  #2 ? (malformedXml) → fault 30003',
    ].join('\n'),
  )
  for (let call = 0; call < 21; call++) await post(activeJobs('c|101'))
  const message = failure(() => expect(mock).toHaveReceived('submitJob'))
  expect(message.split('\n')).toHaveLength(22)
  expect(message.split('\n')[1]).toBe('  … and 3 earlier')
  expect(message.split('\n')[2]).toBe("  #4 getActiveJobs {companyHandle: 'c|101'} → 200")
})

it('refuses to look at anything but a mock or its journal', () => {
  expect(failure(() => expect({}).toHaveReceived('submitJob'))).toBe(
    '[ips-mock] Failed to check toHaveReceived: expected an IPS mock (createIpsMock()) or its journal, received [object Object].',
  )
  expect(failure(() => expect(undefined).toHaveReceivedFault(10001))).toBe(
    '[ips-mock] Failed to check toHaveReceivedFault: expected an IPS mock (createIpsMock()) or its journal, received undefined.',
  )
})
