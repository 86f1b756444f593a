import { getType, isSimpleType, submitJobElements } from '../../src/schema/table.js'
import type { OutObject, OutValue } from '../../src/schema/write.js'
import { writeElement } from '../../src/schema/write.js'

export const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/'
export const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope'
export const BASE_NS = 'http://www.scene7.com/IpsApi/xsd'
export const NS_2014 = `${BASE_NS}/2014-04-03`
export const NS_2022 = `${BASE_NS}/2022-11-01-beta`
export const SERVICE_URL = 'https://s7sps1apissl.scene7.com/scene7/services/IpsApiService'

export const logins = {
  admin: { user: 'admin@demo-co.test', password: 'demo-admin-pass' },
  user: { user: 'user@demo-co.test', password: 'demo-user-pass' },
  portal: { user: 'portal@demo-co.test', password: 'demo-portal-pass' },
  other: { user: 'user@other-co.test', password: 'other-user-pass' },
} as const

export const DEMO_CO = 'c|101'
export const OTHER_CO = 'c|102'

/** Of each "choose at most one" group, the full fixtures keep the first. */
const alternates = new Set([
  'autoColorCropOptions',
  'autoTransparentCropOptions',
  'postImageRenderingPublishJob',
  'postVideoPublishJob',
])

function sampleString(name: string, index: number): string {
  if (name === 'sourceUrl') return `https://images.example.test/source-${index}.jpg`
  if (name === 'destPath') return `uploads/source-${index}.jpg`
  if (name === 'contextHandle') return 'pc|3001'
  if (name.endsWith('Handle') || name === 'items') return `a|${1000 + index}`
  if (name.endsWith('Url')) return `https://hooks.example.test/${name}`
  return `${name}-${index}`
}

function sample(name: string, typeName: string, mode: 'minimal' | 'full', index: number): OutValue {
  switch (typeName) {
    case 'xsd:boolean':
      return true
    case 'xsd:int':
      return index + 1
    case 'xsd:long':
      return 1000 + index
    case 'xsd:double':
      return 0.5
    case 'xsd:dateTime':
      return '2030-01-01T00:00:00Z'
    case 'xsd:string':
      return sampleString(name, index)
    default:
      return sampleValue(typeName, mode, index)
  }
}

/**
 * A schema-valid value of an IPS type built from the schema table: `minimal` fills required
 * elements only, `full` fills every element (two items for repeated ones), keeping one element
 * of each documented "choose at most one" group.
 */
export function sampleValue(typeName: string, mode: 'minimal' | 'full', index = 1): OutObject {
  const value: OutObject = {}
  for (const def of getType(typeName).elements) {
    if (def.min === 0 && (mode === 'minimal' || alternates.has(def.name))) continue
    const count = def.max > 1 ? (mode === 'full' ? 2 : Math.max(def.min, 1)) : 1
    const items = Array.from({ length: count }, (_, position) =>
      def.enum ? def.enum[0] : sample(def.name, def.type, mode, def.max > 1 ? position + 1 : index),
    )
    value[def.name] = def.max > 1 ? items : items[0]
  }
  // An UploadUrlsJob needs urlArray from IPS 4.5 on, though the schema marks it optional.
  if (typeName === 'UploadUrlsJob' && value.urlArray === undefined) {
    value.urlArray = sampleValue('UploadUrlArray', 'full')
  }
  return value
}

/** The type name of a submitJobParam job element. */
export function jobTypeOf(jobElement: string): string {
  const def = getType('SubmitJobParam').elements.find((element) => element.name === jobElement)
  if (!def || isSimpleType(def.type)) throw new Error(`not a job element: ${jobElement}`)
  return def.type
}

export const jobElements = submitJobElements

export interface EnvelopeOptions {
  /** '1.1' (default) or '1.2'. */
  soap?: '1.1' | '1.2'
  /** Credentials for an authHeader in the unversioned namespace; `null` = no Header. */
  auth?: { user: string; password: string; faultHttpStatusCode?: number } | null
}

/** Wraps a Body element in a SOAP envelope with an authHeader. */
export function envelope(body: string, options: EnvelopeOptions = {}): string {
  const ns = options.soap === '1.2' ? SOAP12 : SOAP11
  const auth = options.auth === undefined ? logins.user : options.auth
  const status =
    auth && 'faultHttpStatusCode' in auth && auth.faultHttpStatusCode !== undefined
      ? `<faultHttpStatusCode>${auth.faultHttpStatusCode}</faultHttpStatusCode>`
      : ''
  const header = auth
    ? `<soapenv:Header><authHeader xmlns="${BASE_NS}"><user>${auth.user}</user><password>${auth.password}</password><appName>ips-mock-tests</appName><appVersion>1.0</appVersion>${status}</authHeader></soapenv:Header>`
    : ''
  return `<soapenv:Envelope xmlns:soapenv="${ns}">${header}<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`
}

/** A submitJobParam element. */
export function submitJobParam(fields: OutObject, ns = NS_2014): string {
  return writeElement('submitJobParam', getType('SubmitJobParam'), fields, ns, '')
}

/** A complete submitJob envelope for one job element. */
export function submitJobRequest(
  jobElement: string,
  mode: 'minimal' | 'full' = 'minimal',
  fields: OutObject = {},
  options: EnvelopeOptions & { ns?: string } = {},
): string {
  const base: OutObject =
    mode === 'full'
      ? {
          companyHandle: DEMO_CO,
          userHandle: 'u|1002|user@demo-co.test',
          jobName: `${jobElement} job`,
          locale: 'en-US',
          execTime: '2030-01-01T09:30:00+01:00',
          description: `Every field of ${jobElement}`,
        }
      : { companyHandle: DEMO_CO, jobName: `${jobElement} job` }
  const param = submitJobParam(
    { ...base, [jobElement]: sampleValue(jobTypeOf(jobElement), mode), ...fields },
    options.ns ?? (mode === 'full' ? NS_2022 : NS_2014),
  )
  return envelope(param, options)
}

/** A submitJob envelope for an UploadUrlsJob of one image. */
export function uploadUrlsRequest(jobName: string, overwrite = true): string {
  return envelope(
    submitJobParam({
      companyHandle: DEMO_CO,
      jobName,
      uploadUrlsJob: {
        urlArray: {
          items: [{ sourceUrl: 'https://img.example.test/a.jpg', destPath: 'in/a.jpg' }],
        },
        overwrite,
        readyForPublish: false,
        createMask: false,
        emailSetting: 'None',
      },
    }),
  )
}

type Send = (url: string, init: RequestInit) => Promise<Response>

let send: Send | undefined

/** Where `post` sends: a runtime of test/support/matrix.ts while its suite runs, else `fetch`. */
export function sendRequestsTo(target: Send | undefined): void {
  send = target
}

/** POSTs a SOAP request to the IPS service URL (msw's, or the runtime's of a matrix suite). */
export async function post(
  body: string,
  headers: Record<string, string> = {},
  url = SERVICE_URL,
): Promise<Response> {
  return (send ?? fetch)(url, {
    method: 'POST',
    body,
    headers: { 'content-type': 'text/xml; charset=UTF-8', ...headers },
  })
}

/** Any operation's `*Param` element, from field values, in schema order. */
export function operationParam(operation: string, fields: OutObject, ns = NS_2014): string {
  const name = `${operation}Param`
  const typeName = `${name[0]?.toUpperCase()}${name.slice(1)}`
  return writeElement(name, getType(typeName), fields, ns, '')
}

/** POSTs a SOAP body straight to a mock's core (no msw), as `text/xml` unless told otherwise. */
export function sendTo(
  mock: { handle(request: Request): Promise<Response> },
  body: BodyInit,
  headers: Record<string, string> = {},
): Promise<Response> {
  return mock.handle(
    new Request(SERVICE_URL, {
      method: 'POST',
      body,
      headers: { 'content-type': 'text/xml', ...headers },
    }),
  )
}
