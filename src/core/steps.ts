import { authenticate as checkCredentials } from '../auth/authenticate.js'
import { authorizeCompany, authorizeOperation, authorizeTargetUser } from '../auth/authorize.js'
import { findAuthHeader, readCredentials, readHeaderOptions } from '../auth/credentials.js'
import { fault, IpsFault } from '../faults/catalog.js'
import { faultNameOf } from '../injection/rule.js'
import { operationHandlers } from '../operations/index.js'
import { readParam } from '../schema/read.js'
import { type OperationDef, operations } from '../schema/table.js'
import { schemaFor } from '../schema/versions.js'
import { readEnvelope } from '../soap/envelope.js'
import { isIpsNamespace } from '../soap/namespaces.js'
import { closest } from '../utils/internal/closest.js'
import { readRequestXml } from '../soap/read-xml.js'
import type { XmlElement, XmlLimits } from '../xml/parse.js'
import {
  type Authenticated,
  type CallSettings,
  type Identified,
  type Opened,
  type Parsed,
  type Received,
  type Resolved,
  type Stage,
  type Step,
  type Validated,
  further,
} from './call.js'
import { gate } from './gate.js'

/** Turns anything thrown into an IPS fault: unknown errors become 30000, never a stack trace. */
export function asFault(error: unknown): IpsFault {
  if (error instanceof IpsFault) return error
  const message = error instanceof Error ? error.message : String(error)
  return fault('exception', `Internal error in ips-mock: ${message}`)
}

/** Runs one step's work; whatever it throws stops the call with a fault of that step. */
function attempt<T>(stage: Stage, work: () => T): Step<T> {
  try {
    return work()
  } catch (error) {
    return { kind: 'fault', stage, fault: asFault(error) }
  }
}

/** Parse a SOAP 1.1 or 1.2 envelope: its headers, its one `*Param` element, its version. */
export function parseEnvelope(
  call: Received,
  body: string,
  limits: XmlLimits,
  action: string | undefined,
): Step<Parsed> {
  return attempt('read', () => {
    const envelope = readEnvelope(readRequestXml(body, limits))
    return further(call, {
      protocol: envelope.version,
      body,
      headers: envelope.headers,
      param: envelope.body,
      ...(action ? { action } : {}),
    })
  })
}

/**
 * Parse the plain-XML variant (reference §1.3): a `<Request>` in an IPS namespace holding
 * `authHeader` and exactly one `*Param`.
 */
export function parsePlain(call: Received, body: string, limits: XmlLimits): Step<Parsed> {
  return attempt('read', () => {
    const root = readRequestXml(body, limits)
    if (root.name !== 'Request' || !isIpsNamespace(root.ns)) {
      throw fault(
        'invalidRequestXml',
        `Expected a <Request> element in an IPS namespace, found '${root.name}'`,
      )
    }
    const params = root.children.filter((child) => child.name !== 'authHeader')
    if (params.length !== 1) {
      throw fault(
        'invalidRequestXml',
        `Request: expected authHeader and exactly one operation element, found ${params.length}`,
      )
    }
    const headers = root.children.filter((child) => child.name === 'authHeader')
    return further(call, { body, headers, param: params[0] as XmlElement })
  })
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

/** Resolve the operation the Body names. */
export function resolve(call: Parsed): Step<Resolved> {
  return attempt('resolve', () => further(call, { operation: resolveOperation(call.param) }))
}

/** Check that SOAPAction (or the SOAP 1.2 `action`), when given, names the same operation. */
export function checkAction(call: Resolved): Step<Resolved> {
  if (call.action === undefined || call.action === call.operation.name) return call
  const reason = `SOAPAction '${call.action}' does not match the Body element '${call.param.name}' (operation ${call.operation.name})`
  return { kind: 'fault', stage: 'resolve', fault: fault('invalidRequestXml', reason) }
}

/**
 * Read the authHeader's options first, so that even an authentication fault is sent with the
 * HTTP status the client asked for (`faultHttpStatusCode`).
 */
export function readOptions(call: Resolved): Step<Opened> {
  return attempt('authenticate', () =>
    further(call, { options: readHeaderOptions(findAuthHeader(call.headers)) }),
  )
}

/**
 * The fault gate, once the operation is known: waits out an injected delay, then stops the call
 * with an injected fault or non-SOAP answer, or lets it go on.
 */
export async function passGate(call: Opened, settings: CallSettings): Promise<Step<Opened>> {
  if (call.headerRule === undefined && !settings.faults.armed) return call
  const injection = await gate(call.operation.name, call.headerRule, settings.faults)
  if (!injection) return call
  if (injection.fault) {
    const ipsFault = new IpsFault(faultNameOf(injection.fault.code), injection.fault.reason)
    return { kind: 'fault', stage: 'authenticate', fault: ipsFault, injection }
  }
  if (injection.status !== undefined || injection.action) return { kind: 'interrupt', injection }
  return further(call, { injection })
}

/** Read who the call claims to be: authHeader, the legacy headers, or HTTP Basic. */
export function identify(call: Opened): Step<Identified> {
  return attempt('authenticate', () => {
    const credentials = readCredentials(
      call.headers,
      findAuthHeader(call.headers),
      call.authorization,
    )
    return further(call, {
      credentials,
      ...(credentials.user !== undefined ? { claimedUser: credentials.user } : {}),
    })
  })
}

/** Authenticate: the claimed user exists and the password (or token) is theirs. */
export function authenticate(call: Identified, settings: CallSettings): Step<Authenticated> {
  return attempt('authenticate', () =>
    further(call, { user: checkCredentials(settings.store, call.credentials) }),
  )
}

/** Authorise: the caller's role may call the operation, and the caller belongs to a company. */
export function authorise(call: Authenticated): Step<Authenticated> {
  return attempt('authorise', () => {
    authorizeOperation(call.user, call.operation)
    return call
  })
}

/**
 * Validate: ips-mock serves the operation (`support`), the params fit the namespace's schema,
 * and the company and target user they name may be acted on.
 */
export function validate(call: Authenticated, settings: CallSettings): Step<Validated> {
  const handler = operationHandlers[call.operation.name]
  if (!handler) {
    const reason = `Operation '${call.operation.name}' is not supported by ips-mock`
    return { kind: 'fault', stage: 'support', fault: fault('exception', reason) }
  }
  return attempt('validate', () => {
    const schema = schemaFor(call.param.ns, settings.versionLenient)
    const params = readParam(call.param, schema, call.operation)
    const company =
      typeof params.companyHandle === 'string'
        ? authorizeCompany(settings.store, call.user, params.companyHandle)
        : undefined
    const targetUser =
      company && typeof params.userHandle === 'string'
        ? authorizeTargetUser(settings.store, company, params.userHandle)
        : undefined
    return further(call, {
      handler,
      schema,
      params,
      ...(company ? { company } : {}),
      ...(targetUser ? { targetUser } : {}),
    })
  })
}
