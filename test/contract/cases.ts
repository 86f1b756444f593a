import { readFileSync } from 'node:fs'
import type { StateValues } from '../../src/admin/provider-states.js'
import type { OutObject } from '../../src/schema/write.js'
import {
  DEMO_CO,
  envelope,
  jobElements,
  logins,
  NS_2014,
  operationParam,
  submitJobParam,
  submitJobRequest,
} from '../support/requests.js'

/** One interaction of the IPS contract. */
export interface ContractCase {
  /** The interaction's description; unique. */
  description: string
  /** The provider state (`given`), one of those in src/admin/provider-states.ts. */
  state: string
  operation: string
  soap?: '1.1' | '1.2'
  /** The request body, given the values the provider state handed back. */
  request(values: StateValues): string
  /** 0 for an answer, else the fault code the consumer expects. */
  code: number
  /** The fixture in fixtures/submitJob/ this interaction pins, if any. */
  fixture?: string
}

export const SERVICE_PATH = '/scene7/services/IpsApiService'
const DEMO = 'the demo seed is loaded'
const ASSETS = 'assets are in a folder'

const fixturesDir = new URL('../../fixtures/submitJob/', import.meta.url)

/** A fixture's request or response XML. */
export function fixture(name: string, part: 'request' | 'response'): string {
  return readFileSync(new URL(`${name}.${part}.xml`, fixturesDir), 'utf8').trimEnd()
}

const fromFixture = (description: string, name: string, code: number): ContractCase => ({
  description,
  state: DEMO,
  operation: 'submitJob',
  request: () => fixture(name, 'request'),
  code,
  fixture: name,
})

/** A request for any operation as a given login. */
const as =
  (
    operation: string,
    fields: (values: StateValues) => OutObject,
    auth: { user: string; password: string } = logins.user,
  ) =>
  (values: StateValues) =>
    envelope(operationParam(operation, fields(values)), { auth })

const co = { companyHandle: DEMO_CO }
const job = (values: StateValues) => ({ ...co, jobHandle: values.jobHandle })

const faultFixtures: [description: string, fixture: string, code: number][] = [
  ['submitJob without credentials', 'fault-10000-no-credentials', 10000],
  ['submitJob with a wrong password', 'fault-10001-wrong-password', 10001],
  ['submitJob by an unknown user', 'fault-10002-unknown-user', 10002],
  ['submitJob for an unknown company', 'fault-20000-unknown-company', 20000],
  ['submitJob for an unknown userHandle', 'fault-20002-unknown-user-handle', 20002],
  ['submitJob by a role that may not submit jobs', 'fault-20003-role-not-allowed', 20003],
  ['submitJob for a company the user is not in', 'fault-20006-foreign-company', 20006],
  ['submitJob for a user of another company', 'fault-20007-foreign-user-handle', 20007],
  ['submitJob with a bad enum value', 'fault-30001-bad-enum', 30001],
  ['submitJob with both execTime and execSchedule', 'fault-30001-exec-time-and-schedule', 30001],
  ['submitJob without a jobName', 'fault-30002-missing-job-name', 30002],
  ['submitJob with elements out of schema order', 'fault-30003-wrong-order', 30003],
]

/** Every interaction of the IPS contract, in the order they are written. */
export const contractCases: ContractCase[] = [
  ...jobElements.map((element) =>
    fromFixture(`submitJob of a ${element}`, `${element}.minimal`, 0),
  ),
  {
    description: 'submitJob with execTime',
    state: DEMO,
    operation: 'submitJob',
    request: () =>
      submitJobRequest('optimizeImagesJob', 'minimal', {
        jobName: 'at nine',
        execTime: '2030-01-02T09:00:00+01:00',
      }),
    code: 0,
  },
  {
    description: 'submitJob with execSchedule',
    state: DEMO,
    operation: 'submitJob',
    request: () =>
      submitJobRequest('uploadDirectoryJob', 'minimal', {
        jobName: 'nightly',
        execSchedule: '0 0 3 * * ?',
      }),
    code: 0,
  },
  {
    description: 'submitJob over SOAP 1.2',
    state: DEMO,
    operation: 'submitJob',
    soap: '1.2',
    request: () =>
      envelope(
        submitJobParam({
          ...co,
          jobName: 'soap 1.2',
          optimizeImagesJob: { emailSetting: 'None' },
        }),
        { soap: '1.2' },
      ),
    code: 0,
  },
  ...faultFixtures.map(([description, name, code]) => fromFixture(description, name, code)),
  {
    description: 'submitJob by a user without any company membership',
    state: 'a user without a company membership exists',
    operation: 'submitJob',
    request: () =>
      envelope(submitJobParam({ ...co, jobName: 'x', optimizeImagesJob: {} }, NS_2014), {
        auth: { user: 'lonely@demo-co.test', password: 'lonely-pass' },
      }),
    code: 20009,
  },
  {
    description: 'getActiveJobs while a job runs',
    state: 'a job is running',
    operation: 'getActiveJobs',
    request: as('getActiveJobs', () => co),
    code: 0,
  },
  {
    description: 'getActiveJobs of one job by handle',
    state: 'a job is running',
    operation: 'getActiveJobs',
    request: as('getActiveJobs', job),
    code: 0,
  },
  {
    description: 'getScheduledJobs with one job waiting',
    state: 'a job is scheduled',
    operation: 'getScheduledJobs',
    request: as('getScheduledJobs', () => co),
    code: 0,
  },
  {
    description: 'stopJob of a running job',
    state: 'a job is running',
    operation: 'stopJob',
    request: as('stopJob', job),
    code: 0,
  },
  {
    description: 'stopJob of a job that is not running',
    state: 'a job is scheduled',
    operation: 'stopJob',
    request: as('stopJob', job),
    code: 30001,
  },
  {
    description: 'pauseJob of a repeating job',
    state: 'a job is scheduled to repeat',
    operation: 'pauseJob',
    request: as('pauseJob', job),
    code: 0,
  },
  {
    description: 'pauseJob of a running job',
    state: 'a job is running',
    operation: 'pauseJob',
    request: as('pauseJob', job),
    code: 0,
  },
  {
    description: 'resumeJob of a paused job',
    state: 'a repeating job is paused',
    operation: 'resumeJob',
    request: as('resumeJob', job),
    code: 0,
  },
  {
    description: 'deleteJob of a scheduled job',
    state: 'a job is scheduled',
    operation: 'deleteJob',
    request: as('deleteJob', job),
    code: 0,
  },
  {
    description: 'executeJob of a repeating job',
    state: 'a job is scheduled to repeat',
    operation: 'executeJob',
    request: as('executeJob', job),
    code: 0,
  },
  {
    description: 'getJobLogs after a run',
    state: 'a job has run',
    operation: 'getJobLogs',
    request: as('getJobLogs', () => co),
    code: 0,
  },
  {
    description: 'getJobLogDetails of a run',
    state: 'a job has run',
    operation: 'getJobLogDetails',
    request: as('getJobLogDetails', job),
    code: 0,
  },
  {
    description: 'getAssetJobLogs of an uploaded asset',
    state: 'a job has run',
    operation: 'getAssetJobLogs',
    request: as('getAssetJobLogs', (values) => ({ ...co, assetHandle: values.assetHandle })),
    code: 0,
  },
  {
    description: 'searchAssets in a folder',
    state: ASSETS,
    operation: 'searchAssets',
    request: as('searchAssets', (values) => ({
      ...co,
      folder: values.folder,
      includeSubfolders: false,
      sortBy: 'Name',
    })),
    code: 0,
  },
  {
    description: 'getAssets by handle',
    state: ASSETS,
    operation: 'getAssets',
    request: as('getAssets', (values) => ({
      ...co,
      assetHandleArray: { items: [values.assetHandle] },
    })),
    code: 0,
  },
  {
    description: 'deleteAssets of two assets',
    state: ASSETS,
    operation: 'deleteAssets',
    request: as('deleteAssets', (values) => ({
      ...co,
      assetHandleArray: { items: [values.assetHandle, values.otherAssetHandle] },
    })),
    code: 0,
  },
  {
    description: 'getAssets in a company the caller is not a member of',
    state: ASSETS,
    operation: 'getAssets',
    request: as(
      'getAssets',
      (values) => ({ ...co, assetHandleArray: { items: [values.assetHandle] } }),
      logins.other,
    ),
    code: 20006,
  },
  {
    description: 'getJobLogDetails of an unknown job',
    state: DEMO,
    operation: 'getJobLogDetails',
    request: as('getJobLogDetails', () => ({ ...co, jobHandle: 'j|101|no such job|' })),
    code: 30001,
  },
  {
    description: 'checkLogin with a valid login',
    state: DEMO,
    operation: 'checkLogin',
    request: as('checkLogin', () => ({ email: logins.user.user, password: logins.user.password })),
    code: 0,
  },
  {
    description: 'getCompanyInfo by name',
    state: DEMO,
    operation: 'getCompanyInfo',
    request: as('getCompanyInfo', () => ({ companyName: 'demo-co' })),
    code: 0,
  },
  {
    description: 'getUserInfo of the caller',
    state: DEMO,
    operation: 'getUserInfo',
    request: as('getUserInfo', () => ({})),
    code: 0,
  },
  {
    description: 'getCompanyMembership of the caller',
    state: DEMO,
    operation: 'getCompanyMembership',
    request: as('getCompanyMembership', () => ({})),
    code: 0,
  },
  {
    description: 'getAllCompanies as IpsAdmin',
    state: DEMO,
    operation: 'getAllCompanies',
    request: as('getAllCompanies', () => ({ includeExpired: false }), logins.admin),
    code: 0,
  },
  {
    description: 'getAllCompanies as an IpsUser',
    state: DEMO,
    operation: 'getAllCompanies',
    request: as('getAllCompanies', () => ({ includeExpired: false })),
    code: 20003,
  },
]

/** HTTP request headers a SOAP client sends for an operation. */
export function requestHeaders(testCase: ContractCase): Record<string, string> {
  return testCase.soap === '1.2'
    ? { 'Content-Type': `application/soap+xml; charset=utf-8; action="${testCase.operation}"` }
    : { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${testCase.operation}"` }
}
