import type { Stage } from '../core/call.js'
import type { IpsFault } from '../faults/catalog.js'
import { operations } from '../schema/table.js'
import { isIpsNamespace } from '../soap/namespaces.js'
import { closest } from '../utils/internal/closest.js'

/**
 * Why the mock could not serve a call.
 * @example
 * const kind: UnservedKind = 'unknownOperation'
 * mock.journal.find({ unserved: kind })
 */
export type UnservedKind =
  /** The body is not well-formed UTF-8 XML, not a SOAP envelope, too large or not XML at all. */
  | 'malformedXml'
  /** The Body element names no IPS operation. */
  | 'unknownOperation'
  /** The Body element, or an element inside it, is outside the IPS namespace the call uses. */
  | 'wrongNamespace'
  /** SOAPAction names another operation than the Body element. */
  | 'actionMismatch'
  /** Credentials, role or membership refused (authenticationFault, authorizationFault). */
  | 'auth'
  /** An IPS operation ips-mock does not implement. */
  | 'unsupportedOperation'
  /** The X-Ips-Mock-Fault header is not valid. */
  | 'invalidFaultHeader'

/**
 * The explanation the journal gives for a call the mock could not serve.
 * @example
 * const unserved: Unserved | undefined = mock.journal.last()?.unserved
 * if (unserved?.kind === 'unknownOperation') console.log(unserved.explanation, unserved.suggestion)
 */
export interface Unserved {
  kind: UnservedKind
  /** What went wrong, in the words of the fault the call got. */
  explanation: string
  /** For an unknown operation: the known operation nearest to the Body element's name. */
  suggestion?: string
}

const operationByInput = new Map([...operations.values()].map((known) => [known.input, known.name]))

/** What explaining a call needs: how far it got and what it named. */
export interface CallFacts {
  /** The step that raised the fault. */
  stage: Stage | undefined
  fault?: IpsFault
  injected: boolean
  operation?: string
  /** The Body element's name and namespace. */
  element?: string
  namespace?: string
}

/** Explains a fault that means the call was not served; `undefined` for a served call. */
export function explain(call: CallFacts): Unserved | undefined {
  const fault = call.fault
  if (!fault || call.injected) return undefined
  const explanation = fault.reason
  switch (call.stage) {
    case 'header':
      return { kind: 'invalidFaultHeader', explanation }
    case 'read':
      return { kind: 'malformedXml', explanation }
    case 'resolve': {
      if (call.operation !== undefined) return { kind: 'actionMismatch', explanation }
      if (call.element === undefined || !isIpsNamespace(call.namespace ?? '')) {
        return { kind: 'wrongNamespace', explanation }
      }
      const input = closest(call.element, operationByInput.keys())
      const suggestion = input === undefined ? undefined : operationByInput.get(input)
      return { kind: 'unknownOperation', explanation, ...(suggestion ? { suggestion } : {}) }
    }
    case 'authenticate':
    case 'authorise':
      return { kind: 'auth', explanation }
    case 'support':
      return { kind: 'unsupportedOperation', explanation }
    default:
      if (fault.element !== 'ipsApiFault') return { kind: 'auth', explanation }
      if (call.stage === 'validate' && fault.faultCause === 'wrongNamespace') {
        return { kind: 'wrongNamespace', explanation }
      }
      return undefined
  }
}
