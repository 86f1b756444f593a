/**
 * Every `code` an `IpsMockError` can carry, with what it means; callers switch on the code, never
 * on the message.
 * @example for (const [code, meaning] of Object.entries(ipsMockErrorCodes)) console.log(code, meaning)
 */
export const ipsMockErrorCodes = {
  INVALID_OPTION: 'an option of createIpsMock, startServer, the journal or verify is out of range',
  INVALID_SEED: 'seed data or a seed file does not fit the seed schema',
  INVALID_FAULT_RULE: 'a fault rule or X-Ips-Mock-Fault header is not valid',
  INVALID_DURATION: 'a duration is neither milliseconds nor a string like 30s',
  INVALID_DATE: 'a clock time that is not a date, or outside the years IPS answers can carry',
  INVALID_SNAPSHOT: 'a snapshot that is not one, or of another mock',
  INVALID_ARGUMENT: 'another argument a function cannot take',
  INVALID_USAGE: 'the command line is wrong (the CLI exits with 2)',
  NOT_FOUND: 'a store write names no such user or company',
  CONFLICT: 'a store write takes an e-mail or handle already taken',
  LISTEN_FAILED: 'the server could not listen: port in use, not permitted, no such address',
  UNKNOWN_PROVIDER_STATE: 'a Pact provider state ips-mock does not know',
  PROVIDER_STATE_FAILED: 'setting up a Pact provider state failed',
  INVALID_PACT: 'a pact file that cannot be read or verified meaningfully',
  INVALID_INTERACTION: 'a Pact interaction being built asks for what the API cannot do',
  VERIFICATION_FAILED: 'pacts did not verify',
  MISSING_DEPENDENCY: 'an optional peer dependency (@pact-foundation/pact) is not installed',
  UNREPRESENTABLE: 'a value holds a character XML 1.0 cannot carry',
  INTERNAL: 'a fault of ips-mock itself',
} as const

/**
 * What kind of failure an `IpsMockError` is: one of `ipsMockErrorCodes`.
 * @example
 * try {
 *   validateSeed({ users: [] })
 * } catch (error) {
 *   const code: IpsMockErrorCode | undefined = isIpsMockError(error) ? error.code : undefined
 *   if (code === 'INVALID_SEED') process.exitCode = 2
 * }
 */
export type IpsMockErrorCode = keyof typeof ipsMockErrorCodes

/**
 * The parts an `IpsMockError`'s message is made of.
 * @example
 * const init: IpsMockErrorInit = {
 *   code: 'INVALID_OPTION',
 *   action: 'start the uploader',
 *   subject: 'port',
 *   reason: 'it is negative',
 *   remedy: 'Give a port from 0 to 65535.',
 * }
 * const error = new IpsMockError(init) // [ips-mock] Failed to start the uploader "port": it is negative. …
 */
export interface IpsMockErrorInit {
  code: IpsMockErrorCode
  /** What failed, as the words after "Failed to": `load the seed`, `set the clock to`. */
  action: string
  /** What it failed on, quoted in the message: a file, a value, a name. */
  subject?: string
  /** Why, without a final full stop. */
  reason: string
  /** What to do about it, a whole sentence. */
  remedy?: string
  /** The error that caused this one. */
  cause?: unknown
}

function messageOf({ action, subject, reason, remedy }: IpsMockErrorInit): string {
  const about = subject === undefined ? '' : ` "${subject}"`
  const stop = /[.?!]$/.test(reason) ? '' : '.'
  return `[ips-mock] Failed to ${action}${about}: ${reason}${stop}${remedy ? ` ${remedy}` : ''}`
}

/**
 * Every error ips-mock throws: a `code` to act on, the message's parts, and the `cause`. Its
 * message reads `[ips-mock] Failed to <action> "<subject>": <reason>. <remedy>`.
 * @example
 * try {
 *   mock.clock.set('soon')
 * } catch (error) {
 *   if (error instanceof IpsMockError && error.code === 'INVALID_DATE') console.log(error.reason)
 * }
 */
export class IpsMockError extends Error {
  /** What kind of failure this is. */
  readonly code: IpsMockErrorCode
  /** What failed: `load the seed`. */
  readonly action: string
  /** What it failed on, when there is one thing to name. */
  readonly subject: string | undefined
  /** Why it failed. */
  readonly reason: string
  /** What to do about it. */
  readonly remedy: string | undefined

  constructor(init: IpsMockErrorInit) {
    super(messageOf(init), init.cause === undefined ? undefined : { cause: init.cause })
    this.name = 'IpsMockError'
    this.code = init.code
    this.action = init.action
    this.subject = init.subject
    this.reason = init.reason
    this.remedy = init.remedy
  }
}

/**
 * Whether `error` is an `IpsMockError`, optionally of the given code.
 * @example
 * try {
 *   mock.clock.set('soon')
 * } catch (error) {
 *   if (isIpsMockError(error, 'INVALID_DATE')) console.log(error.reason, error.remedy)
 * }
 */
export function isIpsMockError(error: unknown, code?: IpsMockErrorCode): error is IpsMockError {
  return error instanceof IpsMockError && (code === undefined || error.code === code)
}
