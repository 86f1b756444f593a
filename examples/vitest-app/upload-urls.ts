/** The app under test: copies images from the web into Scene7 with an IPS UploadUrlsJob. */

const IPS_SERVICE = 'https://s7sps1apissl.scene7.com/scene7/services/IpsApiService'

export interface Upload {
  login: { user: string; password: string }
  companyHandle: string
  jobName: string
  /** Source URL of each image, by its destination path in Scene7. */
  urls: Record<string, string>
}

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;')

/** Submits the upload and resolves with the IPS job handle. */
export async function uploadUrls({ login, companyHandle, jobName, urls }: Upload): Promise<string> {
  const items = Object.entries(urls).map(
    ([destPath, sourceUrl]) =>
      `<items><sourceUrl>${xml(sourceUrl)}</sourceUrl><destPath>${xml(destPath)}</destPath></items>`,
  )
  const response = await fetch(IPS_SERVICE, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=UTF-8', soapaction: 'submitJob' },
    body: `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
  <soapenv:Header>
    <authHeader xmlns="http://www.scene7.com/IpsApi/xsd">
      <user>${xml(login.user)}</user><password>${xml(login.password)}</password>
      <appName>my-app</appName><appVersion>1.0</appVersion>
    </authHeader>
  </soapenv:Header>
  <soapenv:Body>
    <submitJobParam xmlns="http://www.scene7.com/IpsApi/xsd/2014-04-03">
      <companyHandle>${xml(companyHandle)}</companyHandle>
      <jobName>${xml(jobName)}</jobName>
      <uploadUrlsJob>
        <urlArray>${items.join('')}</urlArray>
        <overwrite>true</overwrite><readyForPublish>true</readyForPublish>
        <createMask>false</createMask><emailSetting>None</emailSetting>
      </uploadUrlsJob>
    </submitJobParam>
  </soapenv:Body>
</soapenv:Envelope>`,
  })
  const answer = await response.text()
  const jobHandle = /<(?:\w+:)?jobHandle>([^<]+)</.exec(answer)?.[1]
  if (response.ok && jobHandle) return jobHandle
  const reason = /<(?:\w+:)?reason[^>]*>([^<]*)</.exec(answer)?.[1] ?? `HTTP ${response.status}`
  throw new Error(`IPS refused the upload "${jobName}": ${reason}`)
}
