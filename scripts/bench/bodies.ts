/** Request bodies the benchmarks send. */
const envelope = (user: string, password: string, body: string) =>
  `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header><authHeader xmlns="http://www.scene7.com/IpsApi/xsd"><user>${user}</user><password>${password}</password><appName>bench</appName><appVersion>1</appVersion></authHeader></soapenv:Header><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`

const NS = 'http://www.scene7.com/IpsApi/xsd/2014-04-03'
let jobCounter = 0
/** A valid submitJob with a name no other request uses. */
export const submitBody = (password = 'demo-user-pass') =>
  envelope(
    'user@demo-co.test',
    password,
    `<submitJobParam xmlns="${NS}"><companyHandle>c|101</companyHandle><jobName>bench ${process.pid} ${jobCounter++}</jobName><uploadUrlsJob><urlArray><items><sourceUrl>https://images.example.test/a.jpg</sourceUrl><destPath>in/a.jpg</destPath></items></urlArray><overwrite>true</overwrite><readyForPublish>true</readyForPublish><createMask>false</createMask><emailSetting>None</emailSetting></uploadUrlsJob></submitJobParam>`,
  )
export const activeJobsBody = (jobHandle: string) =>
  envelope(
    'user@demo-co.test',
    'demo-user-pass',
    `<getActiveJobsParam xmlns="${NS}"><companyHandle>c|101</companyHandle><jobHandle>${jobHandle}</jobHandle></getActiveJobsParam>`,
  )
const user = (body: string) => envelope('user@demo-co.test', 'demo-user-pass', body)
/** getActiveJobs for the whole demo company (with `waiting`, execTime jobs too). */
export const companyJobsBody = (waiting = false) =>
  user(
    `<getActiveJobsParam xmlns="${NS}"><companyHandle>c|101</companyHandle>${waiting ? '<includeWaitingJobs>true</includeWaitingJobs>' : ''}</getActiveJobsParam>`,
  )
/** getJobLogs of the demo company in the default order, cut to `rows`. */
export const jobLogsBody = (rows: number) =>
  user(
    `<getJobLogsParam xmlns="${NS}"><companyHandle>c|101</companyHandle><numRows>${rows}</numRows></getJobLogsParam>`,
  )
/** A submitJob that waits for an execTime far ahead (so it can be deleted). */
export const scheduledSubmitBody = () =>
  user(
    `<submitJobParam xmlns="${NS}"><companyHandle>c|101</companyHandle><jobName>bench scheduled ${process.pid} ${jobCounter++}</jobName><execTime>2099-01-01T00:00:00Z</execTime><uploadUrlsJob><urlArray><items><sourceUrl>https://images.example.test/a.jpg</sourceUrl><destPath>in/a.jpg</destPath></items></urlArray><overwrite>true</overwrite><readyForPublish>true</readyForPublish><createMask>false</createMask><emailSetting>None</emailSetting></uploadUrlsJob></submitJobParam>`,
  )
export const deleteJobBody = (jobHandle: string) =>
  user(
    `<deleteJobParam xmlns="${NS}"><companyHandle>c|101</companyHandle><jobHandle>${jobHandle}</jobHandle></deleteJobParam>`,
  )
