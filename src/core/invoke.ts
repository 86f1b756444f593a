import { authenticate } from '../auth/authenticate.js'
import { authorizeCompany, authorizeOperation, authorizeTargetUser } from '../auth/authorize.js'
import {
  findAuthHeader,
  type HeaderOptions,
  readCredentials,
  readHeaderOptions,
} from '../auth/credentials.js'
import type { JobEngine } from '../engine/engine.js'
import { gate } from './gate.js'
import type { FaultInjector } from '../injection/injector.js'
import { operationHandlers } from '../operations/index.js'
import { readParam } from '../schema/read.js'
import { type OperationDef, operations } from '../schema/table.js'
import { schemaFor } from '../schema/versions.js'
import { writeElement } from '../schema/write.js'
import { fault } from '../faults/catalog.js'
import { isIpsNamespace } from '../soap/namespaces.js'
import type { XmlElement } from '../xml/parse.js'
import type { IpsStore } from '../store/store.js'
import { closest } from '../utils/internal/closest.js'
import type { CallTrace } from './trace.js'

/** One IPS call, whatever carried it (SOAP envelope or the plain-XML `<Request>`). */
export interface Call {
  /** SOAP header elements, or the plain-XML request's `authHeader`. */
  headers: readonly XmlElement[]
  /** The `*Param` element. */
  param: XmlElement
  /** The HTTP Authorization header. */
  authorization: string | null
  /** The operation named by SOAPAction or the SOAP 1.2 `action` parameter, if any. */
  action?: string
}

/** What the exchange needs from the mock. */
export interface Services {
  store: IpsStore
  engine: JobEngine
  /** Fault and latency injection. */
  faults: FaultInjector
  now(): Date
  /** Validate and answer every namespace with the newest schema (`versionLenient`). */
  versionLenient?: boolean
}

/** The outcome of a call that succeeded. */
export interface Returned {
  operation: OperationDef
  namespace: string
  /** Serialises the return element with the given prefix ('' = default namespace). */
  write(prefix: string): string
}

const paramSuffix = 'Param'

/** Finds the operation for a Body element: `submitJobParam` → submitJob (reference §1.1). */
export function resolveOperation(param: XmlElement): OperationDef {
  if (!isIpsNamespace(param.ns)) {
    const found = param.ns ? `{${param.ns}}${param.name}` : `'${param.name}' (no namespace)`
    throw fault(
      'invalidRequestXml',
      `Body element ${found} is not in an IPS namespace; expected http://www.scene7.com/IpsApi/xsd or http://www.scene7.com/IpsApi/xsd/<YYYY-MM-DD>[-beta]`,
    )
  }
  const name = param.name.endsWith(paramSuffix) ? param.name.slice(0, -paramSuffix.length) : ''
  const operation = operations.get(name)
  if (!operation || operation.input !== param.name) {
    const hint = closest(
      param.name,
      [...operations.values()].map((known) => known.input),
    )
    throw fault(
      'invalidRequestXml',
      `Unknown operation element '${param.name}'${hint ? ` (did you mean '${hint}'?)` : ''}`,
    )
  }
  return operation
}

/**
 * Runs one IPS call: operation lookup, SOAPAction check, the fault gate, authentication, role
 * and membership checks, schema validation, the operation itself. Header options are written
 * into `options` as soon as they are read, so a fault can honour `faultHttpStatusCode`; what
 * the call reveals is written into `trace`.
 * @throws IpsFault for every refusal; `Interruption` for an injected non-SOAP answer.
 */
export async function invoke(
  call: Call,
  services: Services,
  options: HeaderOptions,
  trace: CallTrace,
): Promise<Returned> {
  trace.stage = 'resolve'
  trace.param = call.param
  trace.headers = call.headers
  const operation = resolveOperation(call.param)
  trace.operation = operation.name
  if (call.action !== undefined && call.action !== operation.name) {
    throw fault(
      'invalidRequestXml',
      `SOAPAction '${call.action}' does not match the Body element '${call.param.name}' (operation ${operation.name})`,
    )
  }
  trace.stage = 'authenticate'
  const authHeader = findAuthHeader(call.headers)
  Object.assign(options, readHeaderOptions(authHeader))
  if (trace.headerRule !== undefined || services.faults.armed) await gate(trace, services.faults)
  const credentials = readCredentials(call.headers, authHeader, call.authorization)
  trace.user = credentials.user
  const user = authenticate(services.store, credentials)
  authorizeOperation(user, operation)
  trace.stage = 'support'
  const handler = operationHandlers[operation.name]
  if (!handler) {
    throw fault('exception', `Operation '${operation.name}' is not supported by ips-mock`)
  }
  trace.stage = 'validate'
  const namespace = call.param.ns
  const schema = schemaFor(namespace, services.versionLenient)
  const params = readParam(call.param, schema, operation)
  trace.params = params
  const company =
    typeof params.companyHandle === 'string'
      ? authorizeCompany(services.store, user, params.companyHandle)
      : undefined
  const targetUser =
    company && typeof params.userHandle === 'string'
      ? authorizeTargetUser(services.store, company, params.userHandle)
      : undefined
  trace.stage = 'run'
  await services.engine.settle()
  const value = await handler({
    store: services.store,
    engine: services.engine,
    user,
    params,
    namespace,
    headerOptions: options,
    now: services.now,
    ...(company ? { company } : {}),
    ...(targetUser ? { targetUser } : {}),
  })
  trace.value = value
  const outputType = schema.getType(operation.outputType)
  return {
    operation,
    namespace,
    write: (prefix) => writeElement(operation.output, outputType, value, namespace, prefix),
  }
}
