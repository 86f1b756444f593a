/**
 * Soak: minutes of mixed traffic against a server whose jobs run for real (system clock), with
 * the heap read after a full collection at the end of every minute. The traffic leaves no state
 * behind (each scheduled submit is deleted again), so a growing heap would be a leak.
 * Alone: `npm run soak` (SOAK_MINUTES, default 5).
 */
import autocannon from 'autocannon'
import { Progress } from './progress.js'
import { launch, stop } from './targets.js'

const NS = 'http://www.scene7.com/IpsApi/xsd/2014-04-03'
const auth = (password: string) =>
  `<soapenv:Header><authHeader xmlns="http://www.scene7.com/IpsApi/xsd"><user>user@demo-co.test</user><password>${password}</password><appName>soak</appName><appVersion>1</appVersion></authHeader></soapenv:Header>`
const soap = (body: string, password = 'demo-user-pass') =>
  `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">${auth(password)}<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`

let counter = 0
const scheduledSubmit = () =>
  soap(
    `<submitJobParam xmlns="${NS}"><companyHandle>c|101</companyHandle><jobName>soak ${counter++}</jobName><execTime>2099-01-01T00:00:00Z</execTime><uploadUrlsJob><urlArray><items><sourceUrl>https://images.example.test/a.jpg</sourceUrl><destPath>in/a.jpg</destPath></items></urlArray><overwrite>true</overwrite><readyForPublish>true</readyForPublish><createMask>false</createMask><emailSetting>All</emailSetting></uploadUrlsJob></submitJobParam>`,
  )
const deleteJob = (handle: string) =>
  soap(
    `<deleteJobParam xmlns="${NS}"><companyHandle>c|101</companyHandle><jobHandle>${handle}</jobHandle></deleteJobParam>`,
  )
const reads = [
  soap(
    `<getActiveJobsParam xmlns="${NS}"><companyHandle>c|101</companyHandle></getActiveJobsParam>`,
  ),
  soap(
    `<getScheduledJobsParam xmlns="${NS}"><companyHandle>c|101</companyHandle></getScheduledJobsParam>`,
  ),
  soap(
    `<checkLoginParam xmlns="${NS}"><email>user@demo-co.test</email><password>demo-user-pass</password></checkLoginParam>`,
  ),
  soap(
    `<getCompanyInfoParam xmlns="${NS}"><companyHandle>c|101</companyHandle></getCompanyInfoParam>`,
  ),
]
/** Requests that must fail: a wrong password and broken XML. */
const faults = [soap(`<getUserInfoParam xmlns="${NS}"/>`, 'wrong'), '<soapenv:Envelope>broken']

/**
 * Deletes the scheduled jobs whose delete the end of a minute cut off (a connection's submit
 * answered, its delete never sent), so that the minutes leave nothing behind.
 */
async function deleteLeftovers(port: number): Promise<void> {
  const call = async (body: string) => {
    const response = await fetch(`http://127.0.0.1:${port}/scene7/services/IpsApiService`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body,
    })
    return response.text()
  }
  const scheduled = await call(reads[1] as string)
  for (const [, handle] of scheduled.matchAll(/<ns1:jobHandle>([^<]+)</g)) {
    await call(deleteJob(handle as string))
  }
}

export interface SoakResult {
  minutes: number
  requests: number
  heapMiB: number[]
  /** Last minute's heap against the first minute's, in percent. */
  driftPercent: number
  requestedFaults: number
  unrequestedErrors: number
}

export async function soak(minutes = Number(process.env.SOAK_MINUTES ?? 5)): Promise<SoakResult> {
  const target = await launch('soak')
  const heap: number[] = []
  let requests = 0
  let requestedFaults = 0
  let unrequestedErrors = 0
  const progress = new Progress('soak minutes', minutes)
  const expectOk = (status: number) => {
    if (status !== 200) unrequestedErrors++
  }
  for (let minute = 0; minute < minutes; minute++) {
    const result = await autocannon({
      url: `http://127.0.0.1:${target.port}/scene7/services/IpsApiService`,
      connections: 20,
      duration: 60,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'text/xml' },
          setupRequest: (request) => ({ ...request, body: scheduledSubmit() }),
          onResponse: (status, body, context) => {
            expectOk(status)
            ;(context as { handle?: string }).handle = /<ns1:jobHandle>([^<]+)</.exec(body)?.[1]
          },
        },
        {
          method: 'POST',
          headers: { 'content-type': 'text/xml' },
          setupRequest: (request, context) => ({
            ...request,
            body: deleteJob(String((context as { handle?: string }).handle)),
          }),
          onResponse: (status) => expectOk(status),
        },
        ...reads.map((body) => ({
          method: 'POST' as const,
          headers: { 'content-type': 'text/xml' },
          body,
          onResponse: (status: number) => expectOk(status),
        })),
        ...faults.map((body) => ({
          method: 'POST' as const,
          headers: { 'content-type': 'text/xml' },
          body,
          onResponse: (status: number) => {
            if (status === 500) requestedFaults++
            else unrequestedErrors++
          },
        })),
      ],
    })
    requests += result.requests.total
    unrequestedErrors += result.errors + result.timeouts
    await deleteLeftovers(target.port)
    heap.push(await target.heap())
    progress.step(
      `${result.requests.total.toLocaleString('en-US')} requests, heap ${((heap.at(-1) ?? 0) / 2 ** 20).toFixed(1)} MiB`,
    )
  }
  await stop(target)
  const first = heap[0] as number
  const last = heap.at(-1) as number
  const summary: SoakResult = {
    minutes,
    requests,
    heapMiB: heap.map((bytes) => Number((bytes / 2 ** 20).toFixed(1))),
    driftPercent: Number((((last - first) / first) * 100).toFixed(1)),
    requestedFaults,
    unrequestedErrors,
  }
  console.log(JSON.stringify(summary))
  return summary
}

if (process.argv[1]?.endsWith('soak.ts')) await soak()
