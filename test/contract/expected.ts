/**
 * What each interaction of the project's IPS contract must answer, written by hand from the IPS
 * reference (section in each `source`) and from what the request and the provider state determine
 * (the job a state creates is named after the state: 'running job', 'scheduled job', …). The
 * contract's recorded responses and the mock's live answers are both checked against this table,
 * so the two cannot agree only because one was recorded from the other.
 *
 * `values`: leaves of the Body child, by path of local names (`jobArray[1]/items[1]/jobHandle[1]`),
 * each an exact text or a pattern. Interactions pinned to a fixture are checked through
 * fixtures/submitJob/expected.json instead.
 */
export interface ContractExpectation {
  status: 200 | 500
  source: string
  /** The Body child's local name, and whether it sits in a default namespace (SOAP 1.2, §1.1). */
  element: string
  defaultNamespace?: boolean
  values?: Record<string, string | RegExp>
  /** How many `items` the first array of the return holds. */
  items?: number
  /** An empty return element (§9: the void operations answer an empty `*Return`). */
  empty?: boolean
  fault?: { code: number; element: string; faultstring: string; reason: string | RegExp }
}

const voidReturn = (operation: string): ContractExpectation => ({
  status: 200,
  source: '§9: "return nothing"; the schema has an empty *Return element',
  element: `${operation}Return`,
  empty: true,
})

const activeRunningJob = {
  'jobArray[1]/items[1]/companyHandle[1]': 'c|101',
  'jobArray[1]/items[1]/jobHandle[1]': 'j|101|running job|',
  'jobArray[1]/items[1]/originalName[1]': 'running job',
  'jobArray[1]/items[1]/state[1]': 'Running',
  'jobArray[1]/items[1]/submitUserEmail[1]': 'user@demo-co.test',
}

const finishedLog = {
  'jobLogArray[1]/items[1]/companyHandle[1]': 'c|101',
  'jobLogArray[1]/items[1]/jobHandle[1]': 'j|101|finished job|',
  'jobLogArray[1]/items[1]/originalJobName[1]': 'finished job',
  'jobLogArray[1]/items[1]/submitUserEmail[1]': 'user@demo-co.test',
  'jobLogArray[1]/items[1]/logType[1]': /^Begin/,
  'jobLogArray[1]/items[1]/fatalError[1]': 'false',
}

export const contractExpectations: Record<string, ContractExpectation> = {
  'submitJob with execTime': {
    status: 200,
    source: '§5, §5.1: the handle echoes the job name',
    element: 'submitJobReturn',
    values: { 'jobHandle[1]': 'j|101|at nine|' },
  },
  'submitJob with execSchedule': {
    status: 200,
    source: '§5, §5.1',
    element: 'submitJobReturn',
    values: { 'jobHandle[1]': 'j|101|nightly|' },
  },
  'submitJob over SOAP 1.2': {
    status: 200,
    source: '§1.1: a SOAP 1.2 request gets a SOAP 1.2 envelope, the return in a default namespace',
    element: 'submitJobReturn',
    defaultNamespace: true,
    values: { 'jobHandle[1]': 'j|101|soap 1.2|' },
  },
  'submitJob by a user without any company membership': {
    status: 500,
    source:
      '§3.3: non-IpsAdmin users need an active company membership, else an authorization fault',
    element: 'Fault',
    fault: {
      code: 20009,
      element: 'authorizationFault',
      faultstring: 'AuthorizationException',
      reason: "User 'lonely@demo-co.test' has no active company membership",
    },
  },
  'getActiveJobs while a job runs': {
    status: 200,
    source: '§9: a running job is listed by getActiveJobs, state Running',
    element: 'getActiveJobsReturn',
    items: 1,
    values: activeRunningJob,
  },
  'getActiveJobs of one job by handle': {
    status: 200,
    source: '§9: filter by job handle',
    element: 'getActiveJobsReturn',
    items: 1,
    values: activeRunningJob,
  },
  'getScheduledJobs with one job waiting': {
    status: 200,
    source: '§9: an execTime job waits in getScheduledJobs with triggerState Normal',
    element: 'getScheduledJobsReturn',
    items: 1,
    values: {
      'jobArray[1]/items[1]/jobHandle[1]': 'j|101|scheduled job|',
      'jobArray[1]/items[1]/originalName[1]': 'scheduled job',
      'jobArray[1]/items[1]/triggerState[1]': 'Normal',
    },
  },
  'stopJob of a running job': voidReturn('stopJob'),
  'stopJob of a job that is not running': {
    status: 500,
    source: '§9: stopJob stops a running job; §4.3: an invalid parameter is 30001',
    element: 'Fault',
    fault: {
      code: 30001,
      element: 'ipsApiFault',
      faultstring: 'IpsApiException',
      reason: /^Job 'j\|101\|scheduled job\|' cannot be stopped/,
    },
  },
  'pauseJob of a repeating job': voidReturn('pauseJob'),
  'pauseJob of a running job': voidReturn('pauseJob'),
  'resumeJob of a paused job': voidReturn('resumeJob'),
  'deleteJob of a scheduled job': voidReturn('deleteJob'),
  'executeJob of a repeating job': voidReturn('executeJob'),
  'getJobLogs after a run': {
    status: 200,
    source: '§9: a finished job leaves a JobLog that getJobLogs lists',
    element: 'getJobLogsReturn',
    items: 1,
    values: finishedLog,
  },
  'getJobLogDetails of a run': {
    status: 200,
    source: '§9: getJobLogDetails gives the job log with its detail lines',
    element: 'getJobLogDetailsReturn',
    items: 1,
    values: finishedLog,
  },
  'getAssetJobLogs of an uploaded asset': {
    status: 200,
    source: '§9: the log lines concerning one asset',
    element: 'getAssetJobLogsReturn',
    items: 1,
    values: {
      'jobLogArray[1]/items[1]/jobHandle[1]': 'j|101|finished job|',
      'jobLogArray[1]/items[1]/jobName[1]': 'finished job',
      'jobLogArray[1]/items[1]/logType[1]': /Success$/,
      'jobLogArray[1]/items[1]/submitUserEmail[1]': 'user@demo-co.test',
    },
  },
  'searchAssets in a folder': {
    status: 200,
    source: "assets reference §5.1: the folder's live assets, sorted by name, with totalRows",
    element: 'searchAssetsReturn',
    items: 2,
    values: {
      'totalRows[1]': '2',
      'assetArray[1]/items[1]/assetHandle[1]': 'a|901',
      'assetArray[1]/items[1]/type[1]': 'Image',
      'assetArray[1]/items[1]/name[1]': 'chair',
      'assetArray[1]/items[1]/fileName[1]': 'chair.jpg',
      'assetArray[1]/items[1]/folder[1]': 'demo-co/images/',
      'assetArray[1]/items[1]/trashState[1]': 'NotInTrash',
      'assetArray[1]/items[2]/assetHandle[1]': 'a|902',
      'assetArray[1]/items[2]/name[1]': 'sofa',
      'assetArray[1]/items[2]/fileName[1]': 'sofa.png',
    },
  },
  'getAssets by handle': {
    status: 200,
    source: 'assets reference §5.2, §3.2: the asset, its folder handle f|<path> in 2014-04-03',
    element: 'getAssetsReturn',
    items: 1,
    values: {
      'assetArray[1]/items[1]/assetHandle[1]': 'a|901',
      'assetArray[1]/items[1]/name[1]': 'chair',
      'assetArray[1]/items[1]/folder[1]': 'demo-co/images/',
      'assetArray[1]/items[1]/folderHandle[1]': 'f|demo-co/images/',
    },
  },
  'deleteAssets of two assets': {
    status: 200,
    source: 'assets reference §5.9, §6.6: both assets go to the Trash',
    element: 'deleteAssetsReturn',
    values: { 'successCount[1]': '2', 'warningCount[1]': '0', 'errorCount[1]': '0' },
  },
  'getAssets in a company the caller is not a member of': {
    status: 500,
    source: 'README §3.3: a company the caller is not an active member of is 20006',
    element: 'Fault',
    fault: {
      code: 20006,
      element: 'authorizationFault',
      faultstring: 'AuthorizationException',
      reason: "User 'user@other-co.test' is not a member of company 'c|101'",
    },
  },
  'getJobLogDetails of an unknown job': {
    status: 500,
    source: '§4.3: an invalid handle is 30001',
    element: 'Fault',
    fault: {
      code: 30001,
      element: 'ipsApiFault',
      faultstring: 'IpsApiException',
      reason: "Invalid job handle 'j|101|no such job|'",
    },
  },
  'checkLogin with a valid login': {
    status: 200,
    source: '§11: checkLogin answers ValidLogin or InvalidLogin',
    element: 'checkLoginReturn',
    values: { 'status[1]': 'ValidLogin' },
  },
  'getCompanyInfo by name': {
    status: 200,
    source: '§11: rootPath is the name without spaces plus /',
    element: 'getCompanyInfoReturn',
    values: {
      'companyInfo[1]/companyHandle[1]': 'c|101',
      'companyInfo[1]/name[1]': 'demo-co',
      'companyInfo[1]/rootPath[1]': 'demo-co/',
    },
  },
  'getUserInfo of the caller': {
    status: 200,
    source: '§11: getUserInfo without parameters describes the caller',
    element: 'getUserInfoReturn',
    values: {
      'userInfo[1]/userHandle[1]': 'u|1002|user@demo-co.test',
      'userInfo[1]/email[1]': 'user@demo-co.test',
      'userInfo[1]/isIpsAdmin[1]': 'false',
    },
  },
  'getCompanyMembership of the caller': {
    status: 200,
    source: '§11: membershipArray of CompanyMembership (6.0 shape)',
    element: 'getCompanyMembershipReturn',
    items: 1,
    values: {
      'membershipArray[1]/items[1]/company[1]/companyHandle[1]': 'c|101',
      'membershipArray[1]/items[1]/role[1]': 'IpsUser',
      'membershipArray[1]/items[1]/isActive[1]': 'true',
    },
  },
  'getAllCompanies as IpsAdmin': {
    status: 200,
    source: '§3.3: IpsAdmin only; §11 rootPath rule',
    element: 'getAllCompaniesReturn',
    items: 2,
    values: {
      'companyArray[1]/items[1]/companyHandle[1]': 'c|101',
      'companyArray[1]/items[1]/rootPath[1]': 'demo-co/',
      'companyArray[1]/items[2]/companyHandle[1]': 'c|102',
      'companyArray[1]/items[2]/rootPath[1]': 'other-co/',
    },
  },
  'getAllCompanies as an IpsUser': {
    status: 500,
    source: '§3.3 / §4.1: the documented 20003 fault',
    element: 'Fault',
    fault: {
      code: 20003,
      element: 'authorizationFault',
      faultstring: 'AuthorizationException',
      reason: "User does not have permission to access operation 'getAllCompanies'",
    },
  },
}
