import { type ParseArgsConfig, parseArgs } from 'node:util'

type Options = NonNullable<ParseArgsConfig['options']>

/** What `parseOptions` returns: the options' values by name. */
export type ParsedOptions<T extends Options> = ReturnType<
  typeof parseArgs<{ options: T; strict: true; allowPositionals: false }>
>['values']
import { closest } from '../utils/internal/closest.js'
import { IpsMockError, isIpsMockError } from '../errors/ips-mock-error.js'

/** A usage error (`INVALID_USAGE`, exit 2) that ends with where to read the help. */
export function usageError(command: string, reason: string, hint = ''): IpsMockError {
  return new IpsMockError({
    code: 'INVALID_USAGE',
    action: 'read the command line',
    reason,
    remedy: `${hint}Run "ips-mock ${command} --help" for the options.`,
  })
}

/** The CLI's exit status for an error: 2 when the command line was wrong, 1 for the rest. */
export function exitCodeOf(error: unknown): 1 | 2 {
  return isIpsMockError(error, 'INVALID_USAGE') ? 2 : 1
}

/**
 * `parseArgs` (strict), with its errors turned into one-line usage errors that suggest the
 * nearest option: `unknown option '--prot'. Did you mean '--port'?`.
 */
export function parseOptions<T extends Options>(
  command: string,
  args: string[],
  options: T,
): ParsedOptions<T> {
  // `--port -1`: a negative number is the option's value, not another option.
  const joined: string[] = []
  for (const arg of args) {
    const previous = joined.at(-1)
    const name = previous?.startsWith('--') ? previous.slice(2) : undefined
    if (name && /^-\d/.test(arg) && options[name]?.type === 'string') {
      joined[joined.length - 1] = `${previous}=${arg}`
    } else joined.push(arg)
  }
  try {
    return parseArgs({ args: joined, options, strict: true, allowPositionals: false }).values
  } catch (error) {
    const code = (error as { code?: string }).code
    const text = error instanceof Error ? error.message : String(error)
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const given = /'([^']+)'/.exec(text)?.[1] ?? ''
      const flag = given.split('=')[0] as string
      const name = flag.replace(/^-+/, '')
      const longer = Object.keys(options).filter((option) => name && option.startsWith(name))
      const nearest = longer.length === 1 ? longer[0] : closest(name, Object.keys(options))
      const hint = nearest ? `Did you mean '--${nearest}'? ` : ''
      throw usageError(command, `unknown option '${flag}'`, hint)
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const option = /'(--?[\w-]+)/.exec(text)?.[1] ?? ''
      const name = option.replace(/^-+/, '')
      const takes = options[name]?.type === 'boolean' ? 'takes no value' : 'needs a value'
      throw usageError(command, `option '${option}' ${takes}`)
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      const given = /'([^']+)'/.exec(text)?.[1] ?? ''
      throw usageError(command, `unexpected argument '${given}'`)
    }
    throw error
  }
}

/**
 * A whole-number option within `[min, max]`, or the fallback when absent.
 * @throws IpsMockError (`INVALID_USAGE`) naming the option, the range and the value given.
 */
export function integerOption(
  command: string,
  name: string,
  value: string | undefined,
  range: { min: number; max: number; fallback: number },
): number {
  if (value === undefined) return range.fallback
  const number = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN
  if (!Number.isSafeInteger(number) || number < range.min || number > range.max) {
    throw usageError(
      command,
      `--${name} must be a whole number from ${range.min} to ${range.max}, got "${value}"`,
    )
  }
  return number
}

/** One of `choices`, or the fallback when absent. @throws IpsMockError (`INVALID_USAGE`) listing them. */
export function choiceOption<const C extends string>(
  command: string,
  name: string,
  value: string | undefined,
  choices: readonly C[],
  fallback: C,
): C {
  if (value === undefined) return fallback
  if ((choices as readonly string[]).includes(value)) return value as C
  const nearest = closest(value, choices)
  const hint = nearest ? `Did you mean '${nearest}'? ` : ''
  throw usageError(command, `--${name} must be one of ${choices.join(', ')}, got "${value}"`, hint)
}

/** The command nearest to an unknown one. */
export function unknownCommand(given: string, commands: readonly string[]): IpsMockError {
  const nearest = closest(given, commands)
  const hint = nearest ? `Did you mean '${nearest}'? ` : ''
  return new IpsMockError({
    code: 'INVALID_USAGE',
    action: 'run the command',
    subject: given,
    reason: 'ips-mock has no such command',
    remedy: `${hint}Run "ips-mock --help" for the commands.`,
  })
}
