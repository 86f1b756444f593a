import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { type LogLevel, startServer } from '../adapters/node-server.js'
import { namespaces } from '../schema/table.js'
import { demoSeed } from '../store/demo-seed.js'
import { type SeedData, SeedError, validateSeed } from '../store/seed.js'
import { issueText } from '../utils/internal/issues.js'

export const serveUsage = `Usage: ips-mock serve [options]

Starts the IPS mock server.

Options:
  --port <n>             port to listen on (default 8080; 0 = any free port)
  --host <addr>          interface to bind (default 127.0.0.1)
  --base-path <path>     IPS web app path (default /scene7)
  --seed-file <file>     JSON seed to start from (default: the embedded demo seed)
  --max-body-bytes <n>   largest request body accepted (default 10485760)
  --time-zone <zone>     the IPS server's time zone, an IANA name (default UTC)
  --admin-token <token>  bearer token for the admin API under /__admin/ (required for it
                         when --host is not loopback; default: loopback only, no token)
  --journal-capacity <n> calls the journal keeps (default 10000; 0 = none)
  --journal-body-bytes <n>  bytes of each body a journal entry keeps (default 65536)
  --journal-bytes <n>    bytes the whole journal holds, about (default 67108864)
  --admin-host <name>    a further Host name the admin API answers to (repeatable;
                         localhost and the bound address always work)
  --fault-seed <n>       seed of fault injection's generator (default 1)
  --no-fault-header      ignore the X-Ips-Mock-Fault request header
  --lenient-versions     accept the newest schema in every namespace (default: each
                         namespace is validated and answered with its own API version)
  --log-level <level>    info (default) or silent
  --quiet                same as --log-level silent
  -h, --help             show this help
`

/**
 * The seed a `--seed-file` names, checked against the seed schema before anything is served.
 * @throws Error naming the file and, for a seed that does not fit, each JSON path and what it needs.
 */
export async function loadSeed(file: string | undefined): Promise<SeedData> {
  if (!file) return demoSeed
  let value: unknown
  try {
    value = JSON.parse(await readFile(file, 'utf8'))
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(
      `[ips-mock] Failed to read the seed file "${file}": ${reason}. Pass a JSON file shaped like SeedData.`,
      { cause: error },
    )
  }
  try {
    return validateSeed(value)
  } catch (error) {
    if (!(error instanceof SeedError)) throw error
    throw new Error(
      `[ips-mock] Failed to load the seed file "${file}": ${issueText(error.issues)}. Fix the file (its schema: ips-mock/seed.schema.json) and retry.`,
      { cause: error },
    )
  }
}

function integer(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback
  const number = Number(value)
  if (!Number.isInteger(number) || number < 0) {
    throw new Error(`[ips-mock] Failed to start: --${name} must be a whole number, got "${value}".`)
  }
  return number
}

/** `ips-mock serve`: starts the server and stops it cleanly on SIGINT/SIGTERM. */
export async function serve(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'base-path': { type: 'string' },
      'seed-file': { type: 'string' },
      'max-body-bytes': { type: 'string' },
      'time-zone': { type: 'string' },
      'admin-token': { type: 'string' },
      'journal-capacity': { type: 'string' },
      'journal-body-bytes': { type: 'string' },
      'journal-bytes': { type: 'string' },
      'admin-host': { type: 'string', multiple: true },
      'fault-seed': { type: 'string' },
      'no-fault-header': { type: 'boolean' },
      'lenient-versions': { type: 'boolean' },
      'log-level': { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    process.stdout.write(serveUsage)
    return
  }
  const logLevel = (values.quiet ? 'silent' : (values['log-level'] ?? 'info')) as LogLevel
  if (logLevel !== 'info' && logLevel !== 'silent') {
    throw new Error(
      `[ips-mock] Failed to start: --log-level must be info or silent, got "${logLevel}".`,
    )
  }
  const seed = await loadSeed(values['seed-file'])
  const server = await startServer({
    seed,
    port: integer('port', values.port, 8080),
    host: values.host ?? '127.0.0.1',
    basePath: values['base-path'] ?? '/scene7',
    maxBodyBytes: integer('max-body-bytes', values['max-body-bytes'], 10 * 1024 * 1024),
    timeZone: values['time-zone'] ?? 'UTC',
    logLevel,
    ...(values['admin-token'] ? { adminToken: values['admin-token'] } : {}),
    journalCapacity: integer('journal-capacity', values['journal-capacity'], 10_000),
    journalBodyBytes: integer('journal-body-bytes', values['journal-body-bytes'], 65_536),
    journalBytes: integer('journal-bytes', values['journal-bytes'], 64 * 1024 * 1024),
    ...(values['admin-host'] ? { adminHosts: values['admin-host'] } : {}),
    faultSeed: integer('fault-seed', values['fault-seed'], 1),
    faultHeader: !values['no-fault-header'],
    versionLenient: values['lenient-versions'] ?? false,
  })
  const lines = [
    `ips-mock listening on ${server.url}`,
    `  SOAP service: ${server.serviceUrl}`,
    `  WSDL:         ${server.url}/webservice/IpsApi-${namespaces.documentedVersions.at(-1)}.wsdl (and IpsApi-<version>.wsdl, IpsApi.wsdl, ${server.serviceUrl}?wsdl)`,
    seed === demoSeed ? '  Demo logins:' : '  Users:',
    ...seed.users.map((user) =>
      seed === demoSeed
        ? `    ${user.email} / ${user.password} (${user.role})`
        : `    ${user.email} (${user.role})`,
    ),
  ]
  process.stdout.write(`${lines.join('\n')}\n`)
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}
