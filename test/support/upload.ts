import { getType } from '../../src/schema/table.js'
import { type OutObject, writeElement } from '../../src/schema/write.js'
import { BASE_NS, logins, NS_2014 } from './requests.js'

/** The servlet's URL on a production host (intercepted by msw in the tests). */
export const UPLOAD_URL = 'https://s7sps1ssl.scene7.com/scene7/UploadFile'

type Login = { user: string; password: string }

/** An `auth` form part: an authHeader document (assets reference §2.1). */
export function authDocument(
  login: Login = logins.user,
  extra: Record<string, string> = {},
  ns = NS_2014,
): string {
  const fields = Object.entries(extra)
    .map(([name, value]) => `<${name}>${value}</${name}>`)
    .join('')
  return `<authHeader xmlns="${ns}"><user>${login.user}</user><password>${login.password}</password>${fields}</authHeader>`
}

/** The `uploadParams` child every first POST in these tests sends (an UploadPostJob). */
export const uploadJobOptions = {
  overwrite: true,
  readyForPublish: false,
  createMask: false,
  emailSetting: 'None',
}

/** An `uploadParams` form part: an uploadPostParam document, fields in schema order. */
export function uploadParamsDocument(fields: OutObject, ns = NS_2014): string {
  return writeElement('uploadPostParam', getType('UploadPostParam'), fields, ns, '')
}

/** A multipart body: auth, uploadParams, then the files (name → size in bytes). */
export function uploadForm(
  params: OutObject,
  files: Record<string, number> = {},
  options: { auth?: string; ns?: string } = {},
): FormData {
  const form = new FormData()
  form.append('auth', options.auth ?? authDocument(logins.user, {}, options.ns ?? NS_2014))
  form.append('uploadParams', uploadParamsDocument(params, options.ns ?? NS_2014))
  let index = 0
  for (const [name, size] of Object.entries(files)) {
    form.append(`file${++index}`, new Blob([new Uint8Array(size).fill(65)]), name)
  }
  return form
}

/** What the servlet answered: status, body, and the job handle or fault it holds. */
export interface UploadAnswer {
  status: number
  contentType: string | null
  body: string
  jobHandle?: string
  fault?: { element: string; code: number; reason: string }
}

/** Reads a servlet answer with plain string matching (the test's own reading, not the mock's). */
export async function readUpload(response: Response): Promise<UploadAnswer> {
  const body = await response.text()
  const answer: UploadAnswer = {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body,
  }
  const handle = /<jobHandle>([^<]*)<\/jobHandle>/.exec(body)
  if (handle) answer.jobHandle = handle[1]?.replace(/&#x2F;/g, '/')
  const fault = new RegExp(
    `<(\\w+:)?(authenticationFault|authorizationFault|ipsApiFault) xmlns(?::\\w+)?="${BASE_NS}"><code[^>]*>(\\d+)</code><reason[^>]*>([^<]*)</reason>`,
  ).exec(body)
  if (fault) {
    answer.fault = { element: fault[2] ?? '', code: Number(fault[3]), reason: fault[4] ?? '' }
  }
  return answer
}

/** POSTs a form to the servlet. */
export async function postUpload(form: FormData, url = UPLOAD_URL): Promise<UploadAnswer> {
  return readUpload(await fetch(url, { method: 'POST', body: form }))
}
