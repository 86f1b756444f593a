import { authenticate } from '../auth/authenticate.js'
import { authorizeCompany, authorizeOperation } from '../auth/authorize.js'
import { type HeaderOptions, readCredentials, readHeaderOptions } from '../auth/credentials.js'
import type { PostedFile } from '../engine/job-kinds.js'
import { fault, IpsFault } from '../faults/catalog.js'
import { readParam } from '../schema/read.js'
import { operations } from '../schema/table.js'
import { schemaFor } from '../schema/versions.js'
import { writeElement } from '../schema/write.js'
import { isIpsNamespace } from '../soap/namespaces.js'
import { faultDetail } from '../soap/respond.js'
import type { Company, Job, User } from '../store/models.js'
import { detach } from '../utils/internal/detach.js'
import { readRequestXml } from '../soap/read-xml.js'
import type { XmlElement, XmlLimits } from '../xml/parse.js'
import { readFormParts } from './multipart.js'
import { newUploadJob, type UploadPostParams } from './upload-job.js'
import type { UploadServices } from './services.js'

/** Path of the HTTP upload servlet below the web app (assets reference §2). */
export const UPLOAD_PATH = '/UploadFile'

/** Largest `auth` or `uploadParams` form part, in bytes. */
export const MAX_FORM_DOCUMENT_BYTES = 1024 * 1024

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'

/** What the servlet needs of a request (the core's RawRequest has it). */
export interface UploadRequest {
  method: string
  headers: { get(name: string): string | null }
  /** The whole body, when the adapter cannot stream it. */
  bytes(): Promise<Uint8Array>
  /** The body as it arrives, when the adapter can stream it. */
  chunks?(): AsyncIterable<Uint8Array>
  /** The body limit, when the adapter did not read a body over it. */
  oversize?: number
}

async function* whole(request: UploadRequest): AsyncIterable<Uint8Array> {
  yield await request.bytes()
}

/** The servlet's answer: a bare XML document, as the core's RawResponse carries it. */
export interface UploadResponse {
  status: number
  headers: Record<string, string>
  body: string
  meta: Record<string, never>
}

function answer(status: number, body: string): UploadResponse {
  return {
    status,
    headers: { 'content-type': 'text/xml;charset=utf-8' },
    body: `${XML_DECLARATION}${body}`,
    meta: {},
  }
}

/** Parses a form part that holds an XML document with the given root element. */
function document(text: string | undefined, part: string, root: string, limits: XmlLimits) {
  if (text === undefined) {
    throw fault('missingParameter', `UploadFile: the form part '${part}' (${root}) is required`)
  }
  const element = readRequestXml(text, limits)
  if (element.name !== root || !isIpsNamespace(element.ns)) {
    throw fault(
      'invalidRequestXml',
      `UploadFile: the form part '${part}' must hold a <${root}> in an IPS namespace, found '${element.name}'`,
    )
  }
  return element
}

/** The servlet has no documented role list; the roles of submitJob, which starts the same jobs, apply. */
const servletOperation = Object.assign({}, operations.get('submitJob'), { name: 'uploadPost' })

function authorized(
  services: UploadServices,
  auth: XmlElement,
  authorization: string | null,
): User {
  const user = authenticate(services.store, readCredentials([auth], auth, authorization))
  authorizeOperation(user, servletOperation as never)
  return user
}

function existingJob(services: UploadServices, company: Company, handle: string): Job {
  const job = services.store.job(handle)
  if (!job || job.companyHandle !== company.handle || job.jobElement !== 'uploadPostJob') {
    throw fault('invalidParameter', `Invalid job handle '${handle}'`)
  }
  return job
}

/**
 * `POST {base}/UploadFile` (assets reference §2): multipart/form-data with `auth` (an authHeader
 * document), `uploadParams` (an uploadPostParam document) and 0..n file parts. The first POST
 * names the job (`jobName`), later ones send its `jobHandle`; `endJob` ends it, else it ends 30
 * minutes after its last POST. Answers a bare `uploadPostReturn` in the request's namespace, or
 * a bare fault element with HTTP 500 or the auth's `faultHttpStatusCode`.
 */
export async function uploadFile(
  request: UploadRequest,
  services: UploadServices,
): Promise<UploadResponse> {
  const options: HeaderOptions = {}
  try {
    if (request.method !== 'POST') {
      throw fault(
        'invalidRequestXml',
        `${request.method} is not supported on UploadFile: POST multipart/form-data`,
      )
    }
    if (request.oversize !== undefined) {
      throw fault(
        'invalidRequestXml',
        `The request body exceeds the limit of ${request.oversize} bytes`,
      )
    }
    const body = request.chunks?.() ?? whole(request)
    const parts = await readFormParts(request.headers.get('content-type'), body, {
      maxBodyBytes: services.maxBodyBytes,
      maxFieldBytes: MAX_FORM_DOCUMENT_BYTES,
    })
    const limits = services.xmlLimits
    const auth = document(parts.fields.get('auth'), 'auth', 'authHeader', limits)
    Object.assign(options, readHeaderOptions(auth))
    const user = authorized(services, auth, request.headers.get('authorization'))
    const param = document(
      parts.fields.get('uploadParams'),
      'uploadParams',
      'uploadPostParam',
      limits,
    )
    const schema = schemaFor(param.ns, services.versionLenient)
    const params = readParam(param, schema, {
      input: 'uploadPostParam',
      inputType: 'UploadPostParam',
    }) as unknown as UploadPostParams
    const company = authorizeCompany(services.store, user, params.companyHandle)
    await services.engine.settle()
    const files = parts.files.map((file): PostedFile => ({
      path: detach(`${params.destFolder ?? ''}/${params.fileName ?? file.filename}`),
      size: file.size,
    }))
    const job =
      params.jobHandle !== undefined
        ? existingJob(services, company, params.jobHandle)
        : newUploadJob(services, { user, company, params, namespace: param.ns, options })
    services.engine.receiveFiles(job, files, params.endJob === true)
    const type = schema.getType('UploadPostReturn')
    return answer(
      200,
      writeElement('uploadPostReturn', type, { jobHandle: job.handle }, param.ns, ''),
    )
  } catch (error) {
    const ipsFault =
      error instanceof IpsFault
        ? error
        : fault(
            'exception',
            `Internal error in ips-mock: ${error instanceof Error ? error.message : String(error)}`,
          )
    return answer(options.faultHttpStatusCode ?? 500, faultDetail(ipsFault))
  }
}
