/** The three IPS fault detail elements (reference §4). */
export type FaultElement = 'authenticationFault' | 'authorizationFault' | 'ipsApiFault'

/** One fault the mock can produce: the single source for responses, docs and tests. */
export interface FaultDefinition {
  code: number
  element: FaultElement
  /** The IPS constant name (reference §4.2). */
  constant: string
  /** When the mock raises it. */
  when: string
  /** `true` when IPS documents this code for this situation; `false` for an informed guess. */
  documented: boolean
  /** SOAP 1.1 `faultcode` (SOAP 1.2 maps Client → Sender, Server → Receiver). */
  faultcode: 'Client' | 'Server'
}

function entry(
  code: number,
  element: FaultElement,
  constant: string,
  when: string,
  documented = false,
  faultcode: 'Client' | 'Server' = 'Client',
): FaultDefinition {
  return { code, element, constant, when, documented, faultcode }
}

/**
 * Every IPS fault ips-mock can produce, by name. The README's fault table is checked against it.
 * @example faults.invalidCredentials.code // 10001
 */
export const faults = {
  noCredentials: entry(
    10000,
    'authenticationFault',
    'AUTHENTICATION_FAULT_CODE_NO_CREDENTIALS',
    'No authHeader user, no HTTP Basic credentials and no AuthUser header.',
  ),
  invalidCredentials: entry(
    10001,
    'authenticationFault',
    'AUTHENTICATION_FAULT_CODE_INVALID_CREDENTIALS',
    'The user exists but the password is wrong.',
    true,
  ),
  invalidUser: entry(
    10002,
    'authenticationFault',
    'AUTHENTICATION_FAULT_CODE_INVALID_USER',
    'No user has the given e-mail.',
  ),
  invalidCompany: entry(
    20000,
    'authorizationFault',
    'AUTHORIZATION_FAULT_CODE_INVALID_COMPANY',
    'companyHandle names no company.',
  ),
  invalidRequestUser: entry(
    20002,
    'authorizationFault',
    'AUTHORIZATION_FAULT_CODE_INVALID_REQUEST_USER',
    'userHandle names no user.',
  ),
  noOperationPermission: entry(
    20003,
    'authorizationFault',
    'AUTHORIZATION_FAULT_CODE_NO_OPERATION_PERMISSION',
    "The caller's role may not call the operation (reference §3.3).",
    true,
  ),
  illegalCompany: entry(
    20006,
    'authorizationFault',
    'AUTHORIZATION_FAULT_CODE_ILLEGAL_COMPANY',
    'The caller is not an active member of companyHandle, or the job belongs to another company.',
  ),
  illegalRequestUser: entry(
    20007,
    'authorizationFault',
    'AUTHORIZATION_FAULT_CODE_ILLEGAL_REQUEST_USER',
    'userHandle is not an active member of companyHandle.',
  ),
  missingPermission: entry(
    20009,
    'authorizationFault',
    'AUTHORIZATION_FAULT_CODE_MISSING_PERMISSION',
    'A caller other than IpsAdmin has no active company membership at all.',
  ),
  exception: entry(
    30000,
    'ipsApiFault',
    'IPS_API_FAULT_CODE_EXCEPTION',
    'An operation ips-mock does not implement, or an unexpected error inside the mock.',
    false,
    'Server',
  ),
  invalidParameter: entry(
    30001,
    'ipsApiFault',
    'IPS_API_FAULT_CODE_INVALID_PARAMETER',
    'A value outside its documented constants, several job elements, execTime with execSchedule.',
  ),
  missingParameter: entry(
    30002,
    'ipsApiFault',
    'IPS_API_FAULT_CODE_MISSING_PARAMETER',
    'A required element is missing, or submitJobParam has no job element.',
  ),
  invalidRequestXml: entry(
    30003,
    'ipsApiFault',
    'IPS_API_FAULT_CODE_INVALID_REQUEST_XML',
    'Malformed XML, not a SOAP envelope, unknown or misplaced element, a value that is not of its xsd type.',
  ),
} as const satisfies Record<string, FaultDefinition>

/** Name of a catalog entry. */
export type FaultName = keyof typeof faults

/** `faultstring` per detail element: documented for authorization, inferred for the others (§4.1). */
export const faultStrings: Record<FaultElement, string> = {
  authenticationFault: 'AuthenticationException',
  authorizationFault: 'AuthorizationException',
  ipsApiFault: 'IpsApiException',
}

/**
 * An IPS fault raised anywhere in the exchange; serialised to SOAP in one place (`soap/respond.ts`).
 * @example throw new IpsFault('invalidCredentials', 'Invalid username/password')
 */
export class IpsFault extends Error {
  readonly definition: FaultDefinition

  constructor(
    readonly faultName: FaultName,
    readonly reason: string,
  ) {
    super(reason)
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
export function fault(name: FaultName, reason: string): IpsFault {
  return new IpsFault(name, reason)
}
