import { DEMO_CO, logins } from '../support/requests.js'
import { authDocument, uploadJobOptions, uploadParamsDocument } from '../support/upload.js'

/** The servlet contract's file in contracts/. */
export const SERVLET_CONTRACT = 'ips-upload-consumer-scene7-ips.json'
export const SERVLET_PATH = '/scene7/UploadFile'

/** One form part: a text field, or a file with its name and bytes. */
type Part = { name: string; value: string } | { name: string; filename: string; bytes: Buffer }

/** One interaction of the servlet contract. */
export interface ServletCase {
  description: string
  /** The provider state (`given`), one of those in src/admin/provider-states.ts. */
  state: string
  /** The names of the form parts, in order. */
  partNames: string[]
  /** The boundary of the body pinned in the contract. */
  boundary: string
  /** The body as the contract holds it, and its Content-Type. */
  multipart(): { body: Buffer; contentType: string }
  /** The same parts as a client's FormData (which picks its own boundary). */
  form(): FormData
  status: number
  /** 0 for an uploadPostReturn, else the fault code the consumer expects. */
  code: number
}

/** A body in RFC 7578 form: each part with its Content-Disposition, files as octet streams. */
function encode(parts: Part[], boundary: string): Buffer {
  const chunks: Buffer[] = []
  for (const part of parts) {
    const file = 'filename' in part
    const head = file
      ? `Content-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: application/octet-stream`
      : `Content-Disposition: form-data; name="${part.name}"`
    chunks.push(Buffer.from(`--${boundary}\r\n${head}\r\n\r\n`))
    chunks.push(file ? part.bytes : Buffer.from(part.value))
    chunks.push(Buffer.from('\r\n'))
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return Buffer.concat(chunks)
}

function formOf(parts: Part[]): FormData {
  const form = new FormData()
  for (const part of parts) {
    if ('filename' in part) {
      form.append(
        part.name,
        new Blob([new Uint8Array(part.bytes)], { type: 'application/octet-stream' }),
        part.filename,
      )
    } else form.append(part.name, part.value)
  }
  return form
}

const DEMO = 'the demo seed is loaded'

function servletCase(
  description: string,
  parts: Part[],
  expected: { status: number; code: number },
): ServletCase {
  const boundary = 'ips-mock-contract-boundary'
  return {
    description,
    state: DEMO,
    boundary,
    partNames: parts.map((part) => part.name),
    multipart: () => ({
      body: encode(parts, boundary),
      contentType: `multipart/form-data; boundary=${boundary}`,
    }),
    form: () => formOf(parts),
    ...expected,
  }
}

const params = uploadParamsDocument({
  companyHandle: DEMO_CO,
  jobName: 'contract upload',
  destFolder: 'uploads',
  endJob: true,
  uploadParams: uploadJobOptions,
})
// A file's bytes are opaque to the servlet (it counts them); these are plain text to keep the
// contract readable.
const photo = { name: 'file1', filename: 'photo.jpg', bytes: Buffer.from('not really a JPEG') }

/** Every interaction of the servlet contract, in the order they are written. */
export const servletCases: ServletCase[] = [
  servletCase(
    'UploadFile: a first POST with endJob and one file',
    [
      { name: 'auth', value: authDocument(logins.user) },
      { name: 'uploadParams', value: params },
      photo,
    ],
    { status: 200, code: 0 },
  ),
  servletCase(
    'UploadFile with a wrong password',
    [
      { name: 'auth', value: authDocument({ user: logins.user.user, password: 'wrong' }) },
      { name: 'uploadParams', value: params },
      photo,
    ],
    { status: 500, code: 10001 },
  ),
]
