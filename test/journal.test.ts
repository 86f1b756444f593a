import { inspect } from 'node:util'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { createIpsMock, DEFAULT_JOURNAL_CAPACITY, type JournalEntry } from '../src/index.js'
import { setupIpsMock } from '../src/testing.js'
import {
  BASE_NS,
  envelope,
  logins,
  NS_2014,
  operationParam,
  post,
  SOAP11,
  sendTo,
  submitJobParam,
  submitJobRequest,
  uploadUrlsRequest,
} from './support/requests.js'
import { unservedOperation } from './support/unserved.js'

const { mock } = setupIpsMock({
  hooks: { beforeAll, afterEach, afterAll },
  startTime: '2030-01-01T00:00:00Z',
})

const uploadUrls = uploadUrlsRequest

it('records a served call: operation, namespace, typed params, answer, status, time', async () => {
  mock.clock.advance('90s')
  await post(uploadUrls('nightly'))
  const [entry] = mock.journal.all()
  expect(entry).toMatchObject({
    id: 1,
    time: new Date('2030-01-01T00:01:30Z'),
    soapVersion: '1.1',
    operation: 'submitJob',
    element: 'submitJobParam',
    namespace: NS_2014,
    user: 'user@demo-co.test',
    status: 200,
    response: { jobHandle: 'j|101|nightly|' },
  })
  expect(entry?.params).toEqual({
    companyHandle: 'c|101',
    jobName: 'nightly',
    uploadUrlsJob: {
      urlArray: { items: [{ sourceUrl: 'https://img.example.test/a.jpg', destPath: 'in/a.jpg' }] },
      overwrite: true,
      readyForPublish: false,
      createMask: false,
      emailSetting: 'None',
    },
  })
  expect(entry?.authHeader).toEqual({
    user: 'user@demo-co.test',
    password: '[redacted]',
    appName: 'ips-mock-tests',
    appVersion: '1.0',
  })
  expect(entry?.durationMs).toBeGreaterThan(0)
  expect(entry?.fault).toBeUndefined()
  expect(entry?.unserved).toBeUndefined()
  expect(entry?.injected).toBeUndefined()
})

it('records faults, SOAP 1.2 and the plain-XML endpoint', async () => {
  await post(submitJobRequest('optimizeImagesJob', 'minimal', { companyHandle: 'c|102' }))
  await post(submitJobRequest('optimizeImagesJob', 'minimal', {}, { soap: '1.2' }), {
    'content-type': 'application/soap+xml',
  })
  await fetch('https://s7sps1apissl.scene7.com/scene7/api/IpsApiService', {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body: `<Request xmlns="${NS_2014}"><authHeader xmlns="${BASE_NS}"><user>${logins.user.user}</user><password>${logins.user.password}</password></authHeader><getActiveJobsParam><companyHandle>c|101</companyHandle></getActiveJobsParam></Request>`,
  })
  const [foreign, soap12, plain] = mock.journal.all()
  expect(foreign).toMatchObject({
    operation: 'submitJob',
    status: 500,
    fault: {
      code: 20006,
      element: 'authorizationFault',
      reason: "User 'user@demo-co.test' is not a member of company 'c|102'",
    },
    unserved: {
      kind: 'auth',
      explanation: "User 'user@demo-co.test' is not a member of company 'c|102'",
    },
  })
  expect(foreign?.params).toMatchObject({ companyHandle: 'c|102' })
  expect(soap12).toMatchObject({ soapVersion: '1.2', operation: 'submitJob', status: 200 })
  expect(plain).toMatchObject({
    soapVersion: 'plain',
    operation: 'getActiveJobs',
    params: { companyHandle: 'c|101' },
    status: 200,
  })
})

it.each([
  [
    'malformed XML',
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>',
    { kind: 'malformedXml' },
  ],
  [
    'not a SOAP envelope',
    submitJobParam({
      companyHandle: 'c|101',
      jobName: 'bare',
      optimizeImagesJob: { emailSetting: 'All' },
    }),
    { kind: 'malformedXml' },
  ],
  [
    'an unknown operation',
    envelope(`<submitJobParm xmlns="${NS_2014}"><jobName>x</jobName></submitJobParm>`),
    {
      kind: 'unknownOperation',
      explanation: "Unknown operation element 'submitJobParm' (did you mean 'submitJobParam'?)",
      suggestion: 'submitJob',
    },
  ],
  [
    'an operation in no IPS namespace',
    envelope(`<getActiveJobsParam xmlns="http://example.test/ips"/>`),
    { kind: 'wrongNamespace' },
  ],
  [
    'a child element in another namespace',
    envelope(
      `<getActiveJobsParam xmlns="${NS_2014}"><companyHandle xmlns="${BASE_NS}">c|101</companyHandle></getActiveJobsParam>`,
    ),
    { kind: 'wrongNamespace' },
  ],
  [
    'a wrong password',
    envelope(operationParam('getActiveJobs', { companyHandle: 'c|101' }), {
      auth: { user: logins.user.user, password: 'nope' },
    }),
    { kind: 'auth', explanation: 'Invalid username/password' },
  ],
  [
    'no credentials',
    envelope(operationParam('getActiveJobs', { companyHandle: 'c|101' }), { auth: null }),
    { kind: 'auth' },
  ],
  [
    'an operation ips-mock does not implement',
    envelope(
      `<${unservedOperation}Param xmlns="${NS_2014}"><companyHandle>c|101</companyHandle></${unservedOperation}Param>`,
    ),
    { kind: 'unsupportedOperation' },
  ],
])('explains a call it could not serve: %s', async (_case, body, unserved) => {
  await post(body)
  const entry = mock.journal.last()
  expect(entry?.fault).toBeDefined()
  expect(entry?.unserved).toMatchObject(unserved)
  expect(entry?.unserved?.explanation).toBe(entry?.fault?.reason)
})

it('explains a SOAPAction that names another operation', async () => {
  await post(submitJobRequest('optimizeImagesJob'), { soapaction: 'getActiveJobs' })
  expect(mock.journal.last()?.unserved?.kind).toBe('actionMismatch')
})

it('never records a password', async () => {
  const secrets = ['s3cret-in-authHeader', 's3cret-in-checkLogin', 's3cret-legacy', 's3cret-basic']
  await post(
    envelope(operationParam('getActiveJobs', { companyHandle: 'c|101' }), {
      auth: { user: logins.user.user, password: secrets[0] as string },
    }),
  )
  await post(
    envelope(
      operationParam('checkLogin', {
        companyHandle: 'c|101',
        email: logins.user.user,
        password: secrets[1] as string,
      }),
      { auth: logins.admin },
    ),
  )
  await post(
    `<soapenv:Envelope xmlns:soapenv="${SOAP11}"><soapenv:Header><AuthUser xmlns="http://www.scene7.com/IpsApi">${logins.user.user}</AuthUser><AuthPassword xmlns="http://www.scene7.com/IpsApi">${secrets[2]}</AuthPassword></soapenv:Header><soapenv:Body>${operationParam('getActiveJobs', { companyHandle: 'c|101' })}</soapenv:Body></soapenv:Envelope>`,
  )
  await post(
    envelope(operationParam('getActiveJobs', { companyHandle: 'c|101' }), { auth: null }),
    {
      authorization: `Basic ${Buffer.from(`${logins.user.user}:${secrets[3]}`).toString('base64')}`,
    },
  )
  // Unknown operations are read without the schema: passwords anywhere are still redacted.
  await post(
    envelope(
      `<setPasswordParam xmlns="${NS_2014}"><userHandle>u|1002</userHandle><password>${logins.user.password}</password><user><newPassword>${logins.admin.password}</newPassword></user></setPasswordParam>`,
    ),
  )
  const entries = mock.journal.all()
  expect(entries).toHaveLength(5)
  expect(entries[1]?.params).toEqual({
    companyHandle: 'c|101',
    email: logins.user.user,
    password: '[redacted]',
  })
  expect(entries[4]?.params).toEqual({
    userHandle: 'u|1002',
    password: '[redacted]',
    user: { newPassword: '[redacted]' },
  })
  const json = JSON.stringify(entries)
  const printed = inspect(entries, { depth: 10, showHidden: true })
  expect(printed).toContain("password: '[redacted]'")
  for (const secret of [...secrets, logins.user.password, logins.admin.password]) {
    expect(json).not.toContain(secret)
    expect(printed).not.toContain(secret)
  }
})

it('finds calls by operation, params (deep, partial), fault, status, user or predicate', async () => {
  await post(uploadUrls('first'))
  await post(uploadUrls('second'))
  await post(envelope(operationParam('getActiveJobs', { companyHandle: 'c|102' })))
  await post(
    envelope(operationParam('getActiveJobs', { companyHandle: 'c|101' }), { auth: logins.admin }),
  )
  const journal = mock.journal
  expect(journal.size).toBe(4)
  expect(journal.count({ operation: 'submitJob' })).toBe(2)
  expect(journal.find({ params: { jobName: 'second' } }).map((e) => e.id)).toEqual([2])
  expect(
    journal.count({
      params: {
        uploadUrlsJob: { overwrite: true, urlArray: { items: [{ destPath: 'in/a.jpg' }] } },
      },
    }),
  ).toBe(2)
  expect(journal.count({ params: { uploadUrlsJob: { overwrite: false } } })).toBe(0)
  expect(journal.find({ params: { jobName: /^sec/ } })).toHaveLength(1)
  expect(journal.first({ faultCode: 20006 })?.id).toBe(3)
  expect(journal.count({ status: 200 })).toBe(3)
  expect(journal.count({ user: logins.admin.user })).toBe(1)
  expect(journal.count({ unserved: true })).toBe(1)
  expect(journal.count({ unserved: 'auth' })).toBe(1)
  expect(journal.count({ unserved: false })).toBe(3)
  expect(journal.count({ injected: false })).toBe(4)
  expect(journal.count({ soapVersion: '1.2' })).toBe(0)
  expect(journal.last()?.id).toBe(4)
  expect(journal.last({ operation: 'submitJob' })?.params).toMatchObject({ jobName: 'second' })
  // A predicate selects by what it says (here: the calls another company's user was refused).
  const refused = (entry: JournalEntry) => entry.fault?.code === 20006
  expect(journal.find(refused).map((entry) => entry.id)).toEqual([3])
  expect(journal.count((entry) => entry.operation === 'getActiveJobs')).toBe(2)
  expect(journal.first((entry) => entry.params?.jobName === 'second')?.id).toBe(2)
  expect(journal.find(() => false)).toEqual([])
  // One injected answer among the served ones: the filter tells them apart both ways.
  mock.faults.inject({ fault: 30000, times: 1 })
  await post(uploadUrls('injected'))
  expect(journal.find({ injected: true }).map((entry) => entry.id)).toEqual([5])
  expect(journal.count({ injected: false })).toBe(4)
  journal.clear()
  expect(journal.all()).toEqual([])
  await post(uploadUrls('third'))
  expect(journal.last()?.id).toBe(6)
})

it('keeps at most its capacity, dropping the oldest', async () => {
  expect(mock.journal.capacity).toBe(DEFAULT_JOURNAL_CAPACITY)
  const small = createIpsMock({ journalCapacity: 3 })
  for (let call = 1; call <= 7; call++) await sendTo(small, uploadUrls(`job ${call}`))
  expect(small.journal.all().map((entry) => [entry.id, entry.params?.jobName])).toEqual([
    [5, 'job 5'],
    [6, 'job 6'],
    [7, 'job 7'],
  ])
  const none = createIpsMock({ journalCapacity: 0 })
  await sendTo(none, uploadUrls('unrecorded'))
  expect(none.journal.size).toBe(0)
  expect(() => createIpsMock({ journalCapacity: -1 })).toThrow(
    '[ips-mock] Failed to create the journal: capacity -1 is not a whole number of entries ≥ 0.',
  )
})

it('starts empty after reset, numbering from 1', async () => {
  await post(uploadUrls('before reset'))
  await mock.reset()
  expect(mock.journal.size).toBe(0)
  await post(uploadUrls('after reset'))
  expect(mock.journal.all().map((entry) => entry.id)).toEqual([1])
})

it('does not record WSDL downloads', async () => {
  await fetch('https://s7sps1apissl.scene7.com/scene7/webservice/IpsApi-2014-04-03.wsdl')
  expect(mock.journal.size).toBe(0)
})
