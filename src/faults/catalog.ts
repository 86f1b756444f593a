/**
 * The three IPS fault detail elements (reference §4).
 * @example
 * const authentication = Object.values(faults).filter(
 *   (fault: FaultDefinition) => fault.element === ('authenticationFault' satisfies FaultElement),
 * )
 */
export type FaultElement = 'authenticationFault' | 'authorizationFault' | 'ipsApiFault'

/**
 * One fault the mock can produce: the single source for responses, docs and tests.
 * @example
 * const definition: FaultDefinition = faults.invalidCredentials
 * console.log(definition.code, definition.element, definition.when) // 10001 authenticationFault …
 */
export interface FaultDefinition {
  code: number
  element: FaultElement
  /** The IPS constant name (reference §4.2). */
  constant: string
  /** When the mock raises it. */
  when: string
  /** A reason text the mock gives in that case. */
  example: string
  /** `true` when IPS documents this code for this situation; `false` for an informed guess. */
  documented: boolean
  /** SOAP 1.1 `faultcode` (SOAP 1.2 maps Client → Sender, Server → Receiver). */
  faultcode: 'Client' | 'Server'
}

type Entry = Omit<FaultDefinition, 'documented' | 'faultcode'> &
  Partial<Pick<FaultDefinition, 'documented' | 'faultcode'>>

function entry(definition: Entry): FaultDefinition {
  return { documented: false, faultcode: 'Client', ...definition }
}

/**
 * Every IPS fault ips-mock can produce, by name. The README's fault table is checked against it.
 * @example faults.invalidCredentials.code // 10001
 */
export const faults = {
  noCredentials: entry({
    code: 10000,
    element: 'authenticationFault',
    constant: 'AUTHENTICATION_FAULT_CODE_NO_CREDENTIALS',
    when: 'No authHeader user, no AuthUser header and no HTTP Basic credentials.',
    example: 'The request could not be authenticated: no credentials were supplied (…)',
  }),
  invalidCredentials: entry({
    code: 10001,
    element: 'authenticationFault',
    constant: 'AUTHENTICATION_FAULT_CODE_INVALID_CREDENTIALS',
    when: 'The user exists but the password is wrong.',
    example: 'Invalid username/password',
    documented: true,
  }),
  invalidUser: entry({
    code: 10002,
    element: 'authenticationFault',
    constant: 'AUTHENTICATION_FAULT_CODE_INVALID_USER',
    when: 'No user has the given e-mail.',
    example: "Invalid user 'ghost@demo-co.test'",
  }),
  invalidCompany: entry({
    code: 20000,
    element: 'authorizationFault',
    constant: 'AUTHORIZATION_FAULT_CODE_INVALID_COMPANY',
    when: 'companyHandle names no company.',
    example: "Invalid company handle 'c|999'",
  }),
  invalidRequestUser: entry({
    code: 20002,
    element: 'authorizationFault',
    constant: 'AUTHORIZATION_FAULT_CODE_INVALID_REQUEST_USER',
    when: 'userHandle names no user.',
    example: "Invalid user handle 'u|9|x@y.test'",
  }),
  noOperationPermission: entry({
    code: 20003,
    element: 'authorizationFault',
    constant: 'AUTHORIZATION_FAULT_CODE_NO_OPERATION_PERMISSION',
    when: "The caller's role may not call the operation (reference role table).",
    example: "User does not have permission to access operation 'submitJob'",
    documented: true,
  }),
  illegalCompany: entry({
    code: 20006,
    element: 'authorizationFault',
    constant: 'AUTHORIZATION_FAULT_CODE_ILLEGAL_COMPANY',
    when: 'The caller (not IpsAdmin) is not an active member of companyHandle.',
    example: "User 'user@demo-co.test' is not a member of company 'c|102'",
  }),
  illegalRequestUser: entry({
    code: 20007,
    element: 'authorizationFault',
    constant: 'AUTHORIZATION_FAULT_CODE_ILLEGAL_REQUEST_USER',
    when: 'userHandle is not an active member of companyHandle.',
    example: "User 'u|1004|user@other-co.test' is not a member of company 'c|101'",
  }),
  missingPermission: entry({
    code: 20009,
    element: 'authorizationFault',
    constant: 'AUTHORIZATION_FAULT_CODE_MISSING_PERMISSION',
    when: 'A caller other than IpsAdmin has no active company membership at all.',
    example: "User 'lonely@demo-co.test' has no active company membership",
  }),
  exception: entry({
    code: 30000,
    element: 'ipsApiFault',
    constant: 'IPS_API_FAULT_CODE_EXCEPTION',
    when: 'An IPS operation outside what ips-mock supports, or an unexpected error inside the mock.',
    example: "Operation 'getArchivedJobLogDetails' is not supported by ips-mock",
    faultcode: 'Server',
  }),
  invalidParameter: entry({
    code: 30001,
    element: 'ipsApiFault',
    constant: 'IPS_API_FAULT_CODE_INVALID_PARAMETER',
    when: 'A value outside its documented constants; several job elements; execTime with execSchedule; two options of a "choose one" group.',
    example:
      "submitJobParam/uploadUrlsJob/emailSetting: 'Warning' is not one of All, Error, ErrorAndWarning, JobCompletion, None",
  }),
  missingParameter: entry({
    code: 30002,
    element: 'ipsApiFault',
    constant: 'IPS_API_FAULT_CODE_MISSING_PARAMETER',
    when: 'A required element is missing; submitJobParam has no job element.',
    example: 'submitJobParam/jobName: required element is missing',
  }),
  invalidRequestXml: entry({
    code: 30003,
    element: 'ipsApiFault',
    constant: 'IPS_API_FAULT_CODE_INVALID_REQUEST_XML',
    when: 'Malformed XML, a DOCTYPE, not a SOAP envelope, an unknown or misplaced element, a value not of its xsd type, a SOAPAction that contradicts the body, a body over the size limit.',
    example: "submitJobParam/uploadUrlsJob/overwrite: 'yes' is not a valid xsd:boolean",
  }),
} as const satisfies Record<string, FaultDefinition>

/**
 * Name of a catalog entry.
 * @example
 * const name: FaultName = 'invalidCredentials'
 * mock.faults.inject({ operation: 'checkLogin', fault: faults[name].code })
 */
export type FaultName = keyof typeof faults

/** `faultstring` per detail element: documented for authorization, inferred for the others (§4.1). */
export const faultStrings: Record<FaultElement, string> = {
  authenticationFault: 'AuthenticationException',
  authorizationFault: 'AuthorizationException',
  ipsApiFault: 'IpsApiException',
}

/**
 * What a fault says about its cause beyond its code, for the journal's explanation:
 * `wrongNamespace` when an element is outside the IPS namespace the call uses.
 */
export type FaultCause = 'wrongNamespace'

/**
 * An IPS fault raised anywhere in the exchange; serialised to SOAP in one place (`soap/respond.ts`).
 * @example throw new IpsFault('invalidCredentials', 'Invalid username/password')
 */
export class IpsFault extends Error {
  readonly definition: FaultDefinition

  constructor(
    readonly faultName: FaultName,
    readonly reason: string,
    /** Why, as data, where the code alone does not say it. */
    readonly faultCause?: FaultCause,
  ) {
    // A fault is an answer, not a bug: skip the stack trace, which costs more than the rest.
    const limit = Error.stackTraceLimit
    Error.stackTraceLimit = 0
    super(reason)
    Error.stackTraceLimit = limit
    this.name = 'IpsFault'
    this.definition = faults[faultName]
  }

  get code(): number {
    return this.definition.code
  }

  get element(): FaultElement {
    return this.definition.element
  }
}

/** Shorthand for `new IpsFault(...)`, reads well after `throw`. */
export function fault(name: FaultName, reason: string, cause?: FaultCause): IpsFault {
  return new IpsFault(name, reason, cause)
}
