import { choiceOption, parseOptions, usageError } from './args.js'
import { providerStates } from '../admin/provider-states.js'
import { type Credentials, PROVIDER_NAME, summarise, verifyPacts } from '../contract/verify.js'
import { loadSeed } from './serve.js'
import { IpsMockError } from '../errors/ips-mock-error.js'

export const verifyUsage = `Usage: ips-mock verify --pact <file|dir|url> [--pact ...] [options]

Verifies Pact contracts against a fresh ips-mock on a free port, setting up each
interaction's provider state through the mock's admin API. Only pacts whose provider
is --provider are verified; the others are named and skipped. A pact without
interactions, or of an unknown specification version, fails. One summary line per pact.

Options:
  --pact <source>             a pact file, a directory of pact files, or a pact URL (repeatable)
  --provider <name>           verify the pacts of this provider (default ${PROVIDER_NAME})
  --seed-file <file>          JSON seed for the fresh mock (default: the demo seed)
  --provider-base-url <url>   verify against this endpoint instead (e.g. https://<ips-host>);
                              provider states are not set up there. Credentials from the
                              environment replace the ones in each request's authHeader:
                              IPS_USER, IPS_PASSWORD, and optionally IPS_COMPANY_HANDLE
  --list-states               print the provider states ips-mock understands and exit
  --log-level <level>         verifier log level: error (default), warn, info, debug, trace
  -h, --help                  show this help
`

function listStates(): string {
  return Object.entries(providerStates)
    .map(([name, state]) => {
      const params = Object.entries(state.params)
        .map(([key, value]) => `${key} (default "${value}")`)
        .join(', ')
      return `"${name}"\n    ${state.description}${params ? `\n    params: ${params}` : ''}\n`
    })
    .join('')
}

function credentialsFromEnv(env: NodeJS.ProcessEnv): Credentials | undefined {
  const { IPS_USER: user, IPS_PASSWORD: password, IPS_COMPANY_HANDLE: companyHandle } = env
  if (!user && !password) return undefined
  if (!user || !password) {
    throw new IpsMockError({
      code: 'INVALID_OPTION',
      action: 'verify',
      reason: 'IPS_USER and IPS_PASSWORD come together',
      remedy: 'Set both, or neither.',
    })
  }
  return companyHandle ? { user, password, companyHandle } : { user, password }
}

const logLevels = ['trace', 'debug', 'info', 'warn', 'error'] as const

/** `ips-mock verify`: verifies pacts against a fresh mock or another IPS endpoint. */
export async function verify(args: string[]): Promise<void> {
  const values = parseOptions('verify', args, {
    pact: { type: 'string', multiple: true },
    provider: { type: 'string' },
    'seed-file': { type: 'string' },
    'provider-base-url': { type: 'string' },
    'list-states': { type: 'boolean' },
    'log-level': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  })
  if (values.help) {
    process.stdout.write(verifyUsage)
    return
  }
  if (values['list-states']) {
    process.stdout.write(listStates())
    return
  }
  if (!values.pact?.length) {
    throw usageError('verify', 'no --pact given', 'Pass at least one --pact <file|dir|url>. ')
  }
  const logLevel = choiceOption('verify', 'log-level', values['log-level'], logLevels, 'error')
  const baseUrl = values['provider-base-url']
  const credentials = baseUrl ? credentialsFromEnv(process.env) : undefined
  try {
    await verifyPacts({
      pacts: values.pact,
      ...(values.provider ? { provider: values.provider } : {}),
      ...(baseUrl ? { providerBaseUrl: baseUrl } : {}),
      ...(credentials ? { credentials } : {}),
      mock: { seed: await loadSeed(values['seed-file']) },
      logLevel,
      onResult: (result) => process.stdout.write(`[ips-mock] ${summarise(result)}\n`),
      onWarning: (message) => process.stderr.write(`${message}\n`),
    })
  } catch (error) {
    if (error instanceof IpsMockError) throw error
    throw new IpsMockError({
      code: 'VERIFICATION_FAILED',
      action: 'verify',
      reason: error instanceof Error ? error.message : String(error),
      cause: error,
    })
  }
  process.stdout.write('[ips-mock] Every interaction verified.\n')
}
