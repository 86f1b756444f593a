// A small IPS client, as an app that integrates with Scene7 might write one: it submits an
// image optimisation job and asks how a job is doing.

/** Where IPS is and who calls it. */
export interface Ips {
  /** The origin, e.g. https://s7sps1apissl.scene7.com. */
  url: string
  user: string
  password: string
  companyHandle: string
}

const escape = (text: string) =>
  text.replace(/[&<>]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[char] ?? char)
const unescape = (text: string) =>
  text.replace(/&(lt|gt|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', amp: '&' })[name] ?? '')

async function call(ips: Ips, operation: string, param: string): Promise<string> {
  const body = `<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Header><authHeader xmlns="http://www.scene7.com/IpsApi/xsd"><user>${escape(ips.user)}</user><password>${escape(ips.password)}</password><appName>acme-dam</appName><appVersion>2.1</appVersion></authHeader></S:Header><S:Body><ips:${operation}Param xmlns:ips="http://www.scene7.com/IpsApi/xsd/2014-04-03"><ips:companyHandle>${escape(ips.companyHandle)}</ips:companyHandle>${param}</ips:${operation}Param></S:Body></S:Envelope>`
  const response = await fetch(`${ips.url}/scene7/services/IpsApiService`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${operation}"` },
    body,
  })
  const xml = await response.text()
  if (!response.ok) {
    const code = /<(?:\w+:)?code[^>]*>(\d+)</.exec(xml)?.[1]
    throw new Error(`IPS refused ${operation} with fault ${code ?? response.status}`)
  }
  return xml
}

const text = (xml: string, element: string) => {
  const found = new RegExp(`<(?:\\w+:)?${element}>([^<]*)<`).exec(xml)?.[1]
  return found === undefined ? undefined : unescape(found)
}

/** Submits an OptimizeImagesJob and returns its job handle. */
export async function optimizeImages(ips: Ips, jobName: string): Promise<string> {
  const xml = await call(
    ips,
    'submitJob',
    `<ips:jobName>${escape(jobName)}</ips:jobName><ips:optimizeImagesJob><ips:emailSetting>None</ips:emailSetting></ips:optimizeImagesJob>`,
  )
  const handle = text(xml, 'jobHandle')
  if (!handle) throw new Error('IPS answered submitJob without a jobHandle')
  return handle
}

/** The state of an active job (`Running`, `Waiting`, …), or undefined once it has finished. */
export async function jobState(ips: Ips, jobHandle: string): Promise<string | undefined> {
  const xml = await call(
    ips,
    'getActiveJobs',
    `<ips:jobHandle>${escape(jobHandle)}</ips:jobHandle>`,
  )
  return text(xml, 'state')
}
