import { createIpsMock } from '../src/index.js'
import { expect, it } from 'vitest'
import { useMswMock } from './support/msw.js'
import {
  DEMO_CO,
  envelope,
  logins,
  NS_2014,
  OTHER_CO,
  post,
  submitJobParam,
  submitJobRequest,
  sendTo,
} from './support/requests.js'
import { read } from './support/soap.js'
import { expectValidSoap } from './support/xsd.js'

const mock = useMswMock()

async function submitFault(body: string, headers: Record<string, string> = {}) {
  const jobsBefore = mock.store.jobs.count()
  const answer = await read(await post(body, headers))
  expectValidSoap(answer.xml)
  expect(mock.store.jobs.count()).toBe(jobsBefore)
  return answer
}

const publish = { publishType: 'Full', emailSetting: 'Error' }

it('10000: no credentials at all', async () => {
  const answer = await submitFault(
    submitJobRequest('optimizeImagesJob', 'minimal', {}, { auth: null }),
  )
  expect(answer.status).toBe(500)
  expect(answer.fault).toEqual({
    element: 'authenticationFault',
    code: 10000,
    reason:
      'The request could not be authenticated: no credentials were supplied (send an authHeader with user and password, or HTTP Basic authentication)',
    faultcode: 'soapenv:Client',
    faultstring: 'AuthenticationException',
  })
})

it('10001: wrong password, with the documented reason', async () => {
  const answer = await submitFault(
    submitJobRequest(
      'optimizeImagesJob',
      'minimal',
      {},
      { auth: { user: logins.user.user, password: 'nope' } },
    ),
  )
  expect(answer.fault).toMatchObject({ code: 10001, reason: 'Invalid username/password' })
  expect(answer.xml).not.toContain('nope')
})

it('10002: unknown user', async () => {
  const answer = await submitFault(
    submitJobRequest(
      'optimizeImagesJob',
      'minimal',
      {},
      { auth: { user: 'ghost@demo-co.test', password: 'x' } },
    ),
  )
  expect(answer.fault).toMatchObject({
    element: 'authenticationFault',
    code: 10002,
    reason: "Invalid user 'ghost@demo-co.test'",
  })
})

it('20003: a role that may not submit jobs, with the documented reason form', async () => {
  const answer = await submitFault(
    submitJobRequest('optimizeImagesJob', 'minimal', {}, { auth: logins.portal }),
  )
  expect(answer.fault).toEqual({
    element: 'authorizationFault',
    code: 20003,
    reason: "User does not have permission to access operation 'submitJob'",
    faultcode: 'soapenv:Client',
    faultstring: 'AuthorizationException',
  })
})

it('20000: a company handle that names no company', async () => {
  const answer = await submitFault(
    submitJobRequest('optimizeImagesJob', 'minimal', { companyHandle: 'c|999' }),
  )
  expect(answer.fault).toMatchObject({ code: 20000, reason: "Invalid company handle 'c|999'" })
})

it("20006: another company's handle", async () => {
  const answer = await submitFault(
    submitJobRequest('optimizeImagesJob', 'minimal', { companyHandle: OTHER_CO }),
  )
  expect(answer.fault).toMatchObject({
    element: 'authorizationFault',
    code: 20006,
    reason: "User 'user@demo-co.test' is not a member of company 'c|102'",
  })
})

it('20002: a userHandle that names no user', async () => {
  const answer = await submitFault(
    submitJobRequest('optimizeImagesJob', 'minimal', { userHandle: 'u|9|x@y.test' }),
  )
  expect(answer.fault).toMatchObject({ code: 20002, reason: "Invalid user handle 'u|9|x@y.test'" })
})

it('20007: a userHandle from another company', async () => {
  const answer = await submitFault(
    submitJobRequest('optimizeImagesJob', 'minimal', { userHandle: 'u|1004|user@other-co.test' }),
  )
  expect(answer.fault).toMatchObject({
    code: 20007,
    reason: "User 'u|1004|user@other-co.test' is not a member of company 'c|101'",
  })
})

it('20009: a user without any active membership', async () => {
  const lonely = {
    companies: [{ name: 'demo-co', handle: DEMO_CO }],
    users: [
      { email: 'lonely@demo-co.test', password: 'p', role: 'IpsUser' as const, companies: [] },
    ],
  }
  const isolated = createIpsMock({ seed: lonely })
  const response = await sendTo(
    isolated,
    submitJobRequest(
      'optimizeImagesJob',
      'minimal',
      {},
      { auth: { user: 'lonely@demo-co.test', password: 'p' } },
    ),
  )
  const answer = await read(response)
  expect(answer.fault).toMatchObject({
    code: 20009,
    reason: "User 'lonely@demo-co.test' has no active company membership",
  })
})

it('30002: a required element is missing', async () => {
  const answer = await submitFault(
    envelope(
      submitJobParam({ companyHandle: DEMO_CO, optimizeImagesJob: { emailSetting: 'All' } }),
    ),
  )
  expect(answer.fault).toEqual({
    element: 'ipsApiFault',
    code: 30002,
    reason: 'submitJobParam/jobName: required element is missing',
    faultcode: 'soapenv:Client',
    faultstring: 'IpsApiException',
  })
})

it('30002: a required element of a nested type is missing', async () => {
  const answer = await submitFault(
    envelope(
      submitJobParam({
        companyHandle: DEMO_CO,
        jobName: 'x',
        uploadUrlsJob: {
          urlArray: {
            items: [
              { sourceUrl: 'https://x.test/a.jpg', destPath: 'a' },
              { sourceUrl: 'https://x.test/b.jpg' },
            ],
          },
          overwrite: true,
          readyForPublish: true,
          createMask: false,
          emailSetting: 'All',
        },
      }),
    ),
  )
  expect(answer.fault).toMatchObject({
    code: 30002,
    reason: 'submitJobParam/uploadUrlsJob/urlArray/items[2]/destPath: required element is missing',
  })
})

it('30002: no job element', async () => {
  const answer = await submitFault(
    envelope(submitJobParam({ companyHandle: DEMO_CO, jobName: 'x' })),
  )
  expect(answer.fault?.code).toBe(30002)
  expect(answer.fault?.reason).toMatch(
    /^submitJobParam: a job element is required, one of imageServingPublishJob, /,
  )
})

it('30002: urlArray is required for UploadUrlsJob from IPS 4.5 on', async () => {
  const job = { overwrite: true, readyForPublish: true, createMask: false, emailSetting: 'All' }
  const answer = await submitFault(
    envelope(submitJobParam({ companyHandle: DEMO_CO, jobName: 'x', uploadUrlsJob: job })),
  )
  expect(answer.fault).toMatchObject({
    code: 30002,
    reason: 'submitJobParam/uploadUrlsJob/urlArray: required element is missing',
  })
  const old = await read(
    await post(
      envelope(
        submitJobParam(
          { companyHandle: DEMO_CO, jobName: 'x', uploadUrlsJob: job },
          'http://www.scene7.com/IpsApi/xsd/2008-01-15',
        ),
      ),
    ),
  )
  expect(old.fault).toBeUndefined()
})

it('30001: two job elements', async () => {
  const answer = await submitFault(
    envelope(
      submitJobParam({
        companyHandle: DEMO_CO,
        jobName: 'x',
        imageServingPublishJob: publish,
        optimizeImagesJob: { emailSetting: 'All' },
      }),
    ),
  )
  expect(answer.fault).toMatchObject({
    code: 30001,
    reason:
      'submitJobParam: only one job element is allowed, found imageServingPublishJob and optimizeImagesJob',
  })
})

it('30001: execTime and execSchedule together', async () => {
  const answer = await submitFault(
    submitJobRequest('optimizeImagesJob', 'minimal', {
      execTime: '2030-01-01T00:00:00Z',
      execSchedule: '0 0 3 * * ?',
    }),
  )
  expect(answer.fault).toMatchObject({
    code: 30001,
    reason: 'submitJobParam: execTime and execSchedule are mutually exclusive; send at most one',
  })
})

it('30001: a value that is not one of the documented constants (case-sensitive)', async () => {
  const answer = await submitFault(
    submitJobRequest('uploadUrlsJob', 'minimal', {}).replace(
      '<emailSetting>All</emailSetting>',
      '<emailSetting>Warning</emailSetting>',
    ),
  )
  expect(answer.fault).toMatchObject({
    code: 30001,
    reason:
      "submitJobParam/uploadUrlsJob/emailSetting: 'Warning' is not one of All, Error, ErrorAndWarning, JobCompletion, None",
  })
})

it('30001: two crop options where the job type allows one', async () => {
  const answer = await submitFault(
    envelope(
      submitJobParam({
        companyHandle: DEMO_CO,
        jobName: 'x',
        uploadDirectoryJob: {
          serverDir: '/in',
          overwrite: true,
          readyForPublish: true,
          includeSubfolders: false,
          createMask: false,
          processMetadataFiles: false,
          manualCropOptions: { left: 0, right: 0, top: 1, bottom: 1 },
          autoTransparentCropOptions: { tolerance: 0.1 },
          emailSetting: 'All',
        },
      }),
    ),
  )
  expect(answer.fault).toMatchObject({
    code: 30001,
    reason:
      'submitJobParam/uploadDirectoryJob: choose at most one of manualCropOptions, autoColorCropOptions, autoTransparentCropOptions; found manualCropOptions and autoTransparentCropOptions',
  })
})

it('30003: elements out of schema order', async () => {
  const body = envelope(
    `<submitJobParam xmlns="${NS_2014}"><jobName>x</jobName><companyHandle>${DEMO_CO}</companyHandle><optimizeImagesJob><emailSetting>All</emailSetting></optimizeImagesJob></submitJobParam>`,
  )
  const answer = await submitFault(body)
  expect(answer.fault?.code).toBe(30003)
  expect(answer.fault?.reason).toBe(
    "submitJobParam/jobName: out of order; 'companyHandle' must come first (schema order: companyHandle, userHandle, jobName, locale, execTime, execSchedule, description, imageServingPublishJob, imageRenderingPublishJob, videoPublishJob, serverDirectoryPublishJob, metadataPublishJob, uploadDirectoryJob, uploadUrlsJob, optimizeImagesJob, ripPdfsJob, reprocessAssetsJob, createVideoSitemapJob, exportJob, automatedSetGenerationJob)",
  )
})

it('30003: an optional element placed after a later one', async () => {
  const body = envelope(
    `<submitJobParam xmlns="${NS_2014}"><companyHandle>${DEMO_CO}</companyHandle><jobName>x</jobName><description>d</description><locale>en-US</locale><optimizeImagesJob><emailSetting>All</emailSetting></optimizeImagesJob></submitJobParam>`,
  )
  const answer = await submitFault(body)
  expect(answer.fault?.reason).toMatch(
    /^submitJobParam\/locale: out of order; it must come before 'description' /,
  )
})

it('30003: an unknown element, with the nearest name', async () => {
  const answer = await submitFault(
    submitJobRequest('optimizeImagesJob').replace(
      '<emailSetting>',
      '<emailsetting>x</emailsetting><emailSetting>',
    ),
  )
  expect(answer.fault).toMatchObject({
    code: 30003,
    reason:
      "submitJobParam/optimizeImagesJob/emailsetting: unknown element; OptimizeImagesJob has no element 'emailsetting' (did you mean 'emailSetting'?)",
  })
})

it('30003: an element repeated beyond maxOccurs', async () => {
  const answer = await submitFault(
    submitJobRequest('optimizeImagesJob').replace('<jobName>', `<jobName>a</jobName><jobName>`),
  )
  expect(answer.fault).toMatchObject({
    code: 30003,
    reason: 'submitJobParam/jobName: occurs more than 1 time(s)',
  })
})

it.each([
  [
    'xsd:boolean',
    '<overwrite>yes</overwrite>',
    "submitJobParam/uploadUrlsJob/overwrite: 'yes' is not a valid xsd:boolean",
  ],
  [
    'xsd:int',
    '<manualCropOptions><left>1.5</left><right>0</right><top>0</top><bottom>0</bottom></manualCropOptions>',
    "submitJobParam/uploadUrlsJob/manualCropOptions/left: '1.5' is not a valid xsd:int",
  ],
  [
    'xsd:int overflow',
    '<manualCropOptions><left>2147483648</left><right>0</right><top>0</top><bottom>0</bottom></manualCropOptions>',
    "submitJobParam/uploadUrlsJob/manualCropOptions/left: '2147483648' is not a valid xsd:int",
  ],
  [
    'xsd:double',
    '<autoTransparentCropOptions><tolerance>high</tolerance></autoTransparentCropOptions>',
    "submitJobParam/uploadUrlsJob/autoTransparentCropOptions/tolerance: 'high' is not a valid xsd:double",
  ],
])('30003: a value that is not a valid %s', async (_type, fragment, reason) => {
  const base = submitJobRequest('uploadUrlsJob')
  const body = fragment.startsWith('<overwrite>')
    ? base.replace('<overwrite>true</overwrite>', fragment)
    : base.replace('<emailSetting>', `${fragment}<emailSetting>`)
  const answer = await submitFault(body)
  expect(answer.fault).toMatchObject({ code: 30003, reason })
})

it.each([
  '2030-02-30T00:00:00Z',
  'tomorrow',
  '2030-01-01',
  '10000-01-01T00:00:00Z',
  '2030-01-01T25:00:00Z',
])('30003: execTime %s is not a valid xsd:dateTime', async (value) => {
  const answer = await submitFault(
    submitJobRequest('optimizeImagesJob', 'minimal', { execTime: value }),
  )
  expect(answer.fault).toMatchObject({
    code: 30003,
    reason: `submitJobParam/execTime: '${value}' is not a valid xsd:dateTime`,
  })
})

it('30003: a job element in another namespace', async () => {
  const body = envelope(
    `<submitJobParam xmlns="${NS_2014}"><companyHandle>${DEMO_CO}</companyHandle><jobName>x</jobName><optimizeImagesJob xmlns="urn:other"><emailSetting>All</emailSetting></optimizeImagesJob></submitJobParam>`,
  )
  const answer = await submitFault(body)
  expect(answer.fault).toMatchObject({
    code: 30003,
    reason: `submitJobParam/optimizeImagesJob: element is in namespace 'urn:other', expected '${NS_2014}'`,
  })
})

it('30003: text where a job element is expected', async () => {
  const answer = await submitFault(
    submitJobRequest('optimizeImagesJob').replace('<optimizeImagesJob>', '<optimizeImagesJob>oops'),
  )
  expect(answer.fault).toMatchObject({
    code: 30003,
    reason: 'submitJobParam/optimizeImagesJob: unexpected text content in OptimizeImagesJob',
  })
})

it('checks credentials before the request body', async () => {
  const answer = await submitFault(
    envelope(submitJobParam({ jobName: 'no company' }), {
      auth: { user: logins.user.user, password: 'bad' },
    }),
  )
  expect(answer.fault?.code).toBe(10001)
})
