import { expect } from 'vitest'
import type { OutObject } from '../../src/schema/write.js'
import { envelope, logins, NS_2014, operationParam, post, submitJobParam } from './requests.js'
import { type Answer, read } from './soap.js'

type Login = { user: string; password: string }

/** Calls an asset operation through msw in a namespace (default 2014-04-03). */
export async function assetCall(
  operation: string,
  fields: OutObject,
  auth: Login = logins.user,
  ns = NS_2014,
): Promise<Answer> {
  return read(await post(envelope(operationParam(operation, fields, ns), { auth })))
}

/** Calls an asset operation that must succeed; its return element's content. */
export async function assetOk(
  operation: string,
  fields: OutObject,
  auth: Login = logins.user,
  ns = NS_2014,
): Promise<Record<string, any>> {
  const answer = await assetCall(operation, fields, auth, ns)
  expect(answer.fault, `${operation} faulted: ${answer.fault?.reason}`).toBeUndefined()
  // An empty return element (`<deleteAssetReturn/>`) reads as ''.
  const value = answer.body[`${operation}Return`]
  expect(value, `${operation} answered no ${operation}Return`).toBeDefined()
  return (typeof value === 'object' && value !== null ? value : {}) as Record<string, any>
}

/** Calls an asset operation that must fault; the fault code and reason. */
export async function assetFault(
  operation: string,
  fields: OutObject,
  auth: Login = logins.user,
  ns = NS_2014,
): Promise<{ code: number; reason: string }> {
  const answer = await assetCall(operation, fields, auth, ns)
  expect(answer.fault, `${operation} did not fault`).toBeDefined()
  return { code: answer.fault?.code ?? 0, reason: answer.fault?.reason ?? '' }
}

/** An UploadUrlsJob's fields for the given target paths. */
export function uploadUrls(paths: string[], options: OutObject = {}): OutObject {
  return {
    urlArray: {
      items: paths.map((destPath) => ({
        sourceUrl: `https://img.example.test/${destPath}`,
        destPath,
      })),
    },
    overwrite: true,
    readyForPublish: false,
    createMask: false,
    emailSetting: 'None',
    ...options,
  }
}

/** Submits an UploadUrlsJob and returns its handle. */
export async function submitUpload(
  jobName: string,
  paths: string[],
  options: OutObject = {},
  ns = NS_2014,
  auth: Login = logins.user,
): Promise<string> {
  const answer = await read(
    await post(
      envelope(
        submitJobParam(
          { companyHandle: 'c|101', jobName, uploadUrlsJob: uploadUrls(paths, options) },
          ns,
        ),
        { auth },
      ),
    ),
  )
  expect(answer.fault, answer.fault?.reason).toBeUndefined()
  return (answer.body.submitJobReturn as { jobHandle: string }).jobHandle
}
