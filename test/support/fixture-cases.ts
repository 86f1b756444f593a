import {
  DEMO_CO,
  envelope,
  jobElements,
  logins,
  NS_2014,
  OTHER_CO,
  submitJobParam,
  submitJobRequest,
} from './requests.js'

/** A named submitJob request and what IPS answers: a job handle (code 0) or a fault code. */
export interface FixtureCase {
  name: string
  request: string
  /** 0 for success, else the expected fault code. */
  code: number
}

const job = (fields = {}) => submitJobRequest('optimizeImagesJob', 'minimal', fields)

/** Every submitJob fixture: each job type minimal and full, and one request per fault case. */
export const fixtureCases: FixtureCase[] = [
  ...jobElements.flatMap((element) => [
    { name: `${element}.minimal`, request: submitJobRequest(element, 'minimal'), code: 0 },
    { name: `${element}.full`, request: submitJobRequest(element, 'full'), code: 0 },
  ]),
  {
    name: 'fault-10000-no-credentials',
    request: submitJobRequest('optimizeImagesJob', 'minimal', {}, { auth: null }),
    code: 10000,
  },
  {
    name: 'fault-10001-wrong-password',
    request: submitJobRequest(
      'optimizeImagesJob',
      'minimal',
      {},
      { auth: { user: logins.user.user, password: 'wrong' } },
    ),
    code: 10001,
  },
  {
    name: 'fault-10002-unknown-user',
    request: submitJobRequest(
      'optimizeImagesJob',
      'minimal',
      {},
      { auth: { user: 'nobody@demo-co.test', password: 'x' } },
    ),
    code: 10002,
  },
  { name: 'fault-20000-unknown-company', request: job({ companyHandle: 'c|999' }), code: 20000 },
  {
    name: 'fault-20002-unknown-user-handle',
    request: job({ userHandle: 'u|999|nobody@demo-co.test' }),
    code: 20002,
  },
  {
    name: 'fault-20003-role-not-allowed',
    request: submitJobRequest('optimizeImagesJob', 'minimal', {}, { auth: logins.portal }),
    code: 20003,
  },
  { name: 'fault-20006-foreign-company', request: job({ companyHandle: OTHER_CO }), code: 20006 },
  {
    name: 'fault-20007-foreign-user-handle',
    request: job({ userHandle: 'u|1004|user@other-co.test' }),
    code: 20007,
  },
  {
    name: 'fault-30001-bad-enum',
    request: submitJobRequest('imageServingPublishJob').replace(
      '<publishType>Full</publishType>',
      '<publishType>full</publishType>',
    ),
    code: 30001,
  },
  {
    name: 'fault-30001-two-job-elements',
    request: envelope(
      submitJobParam({
        companyHandle: DEMO_CO,
        jobName: 'two',
        optimizeImagesJob: { emailSetting: 'All' },
        exportJob: { assetHandleArray: { items: ['a|1'] }, fmt: 'orig', emailSetting: 'All' },
      }),
    ),
    code: 30001,
  },
  {
    name: 'fault-30001-exec-time-and-schedule',
    request: job({ execTime: '2030-01-01T00:00:00Z', execSchedule: '0 0 3 * * ?' }),
    code: 30001,
  },
  {
    name: 'fault-30002-missing-job-name',
    request: envelope(
      submitJobParam({ companyHandle: DEMO_CO, optimizeImagesJob: { emailSetting: 'All' } }),
    ),
    code: 30002,
  },
  {
    name: 'fault-30002-no-job-element',
    request: envelope(submitJobParam({ companyHandle: DEMO_CO, jobName: 'none' })),
    code: 30002,
  },
  {
    name: 'fault-30003-wrong-order',
    request: envelope(
      `<submitJobParam xmlns="${NS_2014}"><jobName>x</jobName><companyHandle>${DEMO_CO}</companyHandle><optimizeImagesJob><emailSetting>All</emailSetting></optimizeImagesJob></submitJobParam>`,
    ),
    code: 30003,
  },
  {
    name: 'fault-30003-unknown-element',
    request: submitJobRequest('optimizeImagesJob').replace(
      '<jobName>',
      '<jobTitle>x</jobTitle><jobName>',
    ),
    code: 30003,
  },
  {
    name: 'fault-30003-bad-boolean',
    request: submitJobRequest('uploadUrlsJob').replace(
      '<overwrite>true</overwrite>',
      '<overwrite>yes</overwrite>',
    ),
    code: 30003,
  },
  {
    name: 'fault-30003-malformed-xml',
    request: submitJobRequest('optimizeImagesJob').slice(0, -30),
    code: 30003,
  },
  {
    name: 'fault-30003-not-soap',
    request: submitJobParam({
      companyHandle: DEMO_CO,
      jobName: 'bare',
      optimizeImagesJob: { emailSetting: 'All' },
    }),
    code: 30003,
  },
]
