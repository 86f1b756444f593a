import { expect } from 'vitest'
import type { OutObject } from '../../src/schema/write.js'
import { envelope, logins, operationParam, post, submitJobRequest } from './requests.js'
import { type Answer, read } from './soap.js'
import { expectValidSoap } from './xsd.js'

type Login = { user: string; password: string }

/** Calls an IPS operation through msw and checks the answer against the reference XSDs. */
export async function call(
  operation: string,
  fields: OutObject = {},
  auth: Login = logins.user,
  locale?: string,
): Promise<Answer> {
  let body = envelope(operationParam(operation, fields), { auth })
  if (locale) body = body.replace('<appName>', `<locale>${locale}</locale><appName>`)
  const answer = await read(await post(body))
  expectValidSoap(answer.xml)
  return answer
}

/** Calls an operation that must succeed, and returns its return element's content. */
export async function ok(
  operation: string,
  fields: OutObject = {},
  auth: Login = logins.user,
  locale?: string,
) {
  const answer = await call(operation, fields, auth, locale)
  expect(answer.fault, `${operation} faulted: ${answer.fault?.reason}`).toBeUndefined()
  return answer.body[`${operation}Return`] as Record<string, any>
}

/** Submits a job and returns its handle. */
export async function submit(
  jobElement: string,
  fields: OutObject = {},
  auth: Login = logins.user,
): Promise<string> {
  const answer = await read(await post(submitJobRequest(jobElement, 'minimal', fields, { auth })))
  expect(answer.fault, answer.fault?.reason).toBeUndefined()
  return (answer.body.submitJobReturn as { jobHandle: string }).jobHandle
}

/** The items of an array-valued return (`jobArray`, `jobLogArray` …), always as an array. */
export function items(value: unknown): Record<string, any>[] {
  const list = (value as { items?: unknown } | undefined)?.items
  return (Array.isArray(list) ? list : list ? [list] : []) as Record<string, any>[]
}
