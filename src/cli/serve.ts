import { readFile } from 'node:fs/promises'
import { type LogLevel, type RunningServer, startServer } from '../server/start-server.js'
import { logLines } from './log-lines.js'
import { choiceOption, integerOption, parseOptions } from './args.js'
import { version } from './version.js'
import { namespaces } from '../schema/table.js'
import { demoSeed } from '../store/demo-seed.js'
import { type SeedData, SeedError, validateSeed } from '../store/seed.js'
import { issueText } from '../utils/internal/issues.js'
import { IpsMockError } from '../errors/ips-mock-error.js'
import { cliDefaults } from '../defaults.js'

const d = cliDefaults

export const serveUsage = `Usage: ips-mock serve [options]

Starts the IPS mock server.

Options:
  --port <n>             port to listen on (default ${d['--port']}; 0 = any free port)
  --host <addr>          interface to bind (default ${d['--host']})
  --base-path <path>     IPS web app path (default ${d['--base-path']})
  --seed-file <file>     JSON seed to start from (default: the embedded demo seed)
  --max-body-bytes <n>   largest request body accepted (default ${d['--max-body-bytes']})
  --time-zone <zone>     the IPS server's time zone, an IANA name (default ${d['--time-zone']})
  --admin-token <token>  bearer token for the admin API under /__admin/ (required for it
                         when --host is not loopback; default: loopback only, no token)
  --journal-capacity <n> calls the journal keeps (default ${d['--journal-capacity']}; 0 = none)
  --retain-jobs <n>      finished runs kept with their logs, oldest forgotten first
                         (default ${d['--retain-jobs']})
  --journal-body-bytes <n>  bytes of each body a journal entry keeps (default ${d['--journal-body-bytes']})
  --journal-bytes <n>    bytes the whole journal holds, about (default ${d['--journal-bytes']})
  --admin-host <name>    a further Host name the admin API answers to (repeatable;
                         localhost and the bound address always work)
  --fault-seed <n>       seed of fault injection's generator (default ${d['--fault-seed']})
  --no-fault-header      ignore the X-Ips-Mock-Fault request header
  --lenient-versions     accept the newest schema in every namespace (default: each
                         namespace is validated and answered with its own API version)
  --log-level <level>    info or silent (default ${d['--log-level']})
  --log-format <format>  text (one line per request) or json (one object per line)
                         (default ${d['--log-format']})
  --quiet                same as --log-level silent
  -v, --version          print the version
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
    throw new IpsMockError({
      code: 'INVALID_SEED',
      action: 'read the seed file',
      subject: file,
      reason: error instanceof Error ? error.message : String(error),
      remedy: 'Pass a JSON file shaped like SeedData.',
      cause: error,
    })
  }
  try {
    return validateSeed(value)
  } catch (error) {
    if (!(error instanceof SeedError)) throw error
    throw new IpsMockError({
      code: 'INVALID_SEED',
      action: 'load the seed file',
      subject: file,
      reason: issueText(error.issues),
      remedy: 'Fix the file (its schema: ips-mock/seed.schema.json) and retry.',
      cause: error,
    })
  }
}

/** The options of `ips-mock serve`. */
const serveOptions = {
  port: { type: 'string' },
  host: { type: 'string' },
  'base-path': { type: 'string' },
  'seed-file': { type: 'string' },
  'max-body-bytes': { type: 'string' },
  'time-zone': { type: 'string' },
  'admin-token': { type: 'string' },
  'journal-capacity': { type: 'string' },
  'retain-jobs': { type: 'string' },
  'journal-body-bytes': { type: 'string' },
  'journal-bytes': { type: 'string' },
  'admin-host': { type: 'string', multiple: true },
  'fault-seed': { type: 'string' },
  'no-fault-header': { type: 'boolean' },
  'log-level': { type: 'string' },
  'log-format': { type: 'string' },
  'lenient-versions': { type: 'boolean' },
  quiet: { type: 'boolean' },
  version: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const

/** Why listening failed, in one line with what to do about it. */
function listenError(error: unknown, host: string, port: number): IpsMockError {
  const code = (error as { code?: string }).code
  const failed = (reason: string, remedy?: string) =>
    new IpsMockError({
      code: 'LISTEN_FAILED',
      action: 'start',
      reason,
      ...(remedy ? { remedy } : {}),
      cause: error,
    })
  if (code === 'EADDRINUSE') {
    return failed(
      `port ${port} on ${host} is already in use`,
      'Stop what listens there, or pass --port 0 for any free port.',
    )
  }
  if (code === 'EACCES') {
    return failed(
      `listening on ${host}:${port} is not permitted (ports below 1024 need privileges)`,
      'Pass a port from 1024 on, or --port 0.',
    )
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return failed(
      `--host ${host} is not an address of this machine`,
      'Pass 127.0.0.1 (loopback), 0.0.0.0 (every interface) or one of its addresses.',
    )
  }
  return failed(`listening on ${host}:${port}: ${String((error as Error).message ?? error)}`)
}

/** The lines printed once the server listens. */
function banner(server: RunningServer, seed: SeedData, adminOn: boolean): string[] {
  const origin = new URL(server.url).origin
  return [
    `ips-mock ${version()} listening on ${server.url}`,
    `  SOAP service: ${server.serviceUrl}`,
    `  WSDL:         ${server.url}/webservice/IpsApi-${namespaces.documentedVersions.at(-1)}.wsdl (and IpsApi-<version>.wsdl, IpsApi.wsdl, ${server.serviceUrl}?wsdl)`,
    adminOn
      ? `  Admin API:    ${origin}/__admin/openapi.json (OpenAPI 3.1; endpoints under ${origin}/__admin/)`
      : '  Admin API:    off (the server listens beyond loopback; pass --admin-token to turn it on)',
    ...(adminOn ? [`  Dashboard:    ${origin}/__admin/`] : []),
    seed === demoSeed ? '  Demo logins:' : '  Users:',
    ...seed.users.map((user) =>
      seed === demoSeed
        ? `    ${user.email} / ${user.password} (${user.role})`
        : `    ${user.email} (${user.role})`,
    ),
  ]
}

/** `ips-mock serve`: starts the server and stops it cleanly on SIGINT/SIGTERM. */
export async function serve(args: string[]): Promise<void> {
  const values = parseOptions('serve', args, serveOptions)
  if (values.help) {
    process.stdout.write(serveUsage)
    return
  }
  if (values.version) {
    process.stdout.write(`${version()}\n`)
    return
  }
  const logLevel: LogLevel = values.quiet
    ? 'silent'
    : choiceOption('serve', 'log-level', values['log-level'], ['info', 'silent'], d['--log-level'])
  const logFormat = choiceOption(
    'serve',
    'log-format',
    values['log-format'],
    ['text', 'json'],
    d['--log-format'],
  )
  const port = integerOption('serve', 'port', values.port, {
    min: 0,
    max: 65_535,
    fallback: d['--port'],
  })
  const maxBodyBytes = integerOption('serve', 'max-body-bytes', values['max-body-bytes'], {
    min: 1,
    max: 1024 * 1024 * 1024,
    fallback: d['--max-body-bytes'],
  })
  const journalCapacity = integerOption('serve', 'journal-capacity', values['journal-capacity'], {
    min: 0,
    max: 10_000_000,
    fallback: d['--journal-capacity'],
  })
  const retainJobs = integerOption('serve', 'retain-jobs', values['retain-jobs'], {
    min: 0,
    max: 100_000_000,
    fallback: d['--retain-jobs'],
  })
  const journalBodyBytes = integerOption(
    'serve',
    'journal-body-bytes',
    values['journal-body-bytes'],
    {
      min: 0,
      max: 1024 * 1024 * 1024,
      fallback: d['--journal-body-bytes'],
    },
  )
  const journalBytes = integerOption('serve', 'journal-bytes', values['journal-bytes'], {
    min: 0,
    max: 64 * 1024 * 1024 * 1024,
    fallback: d['--journal-bytes'],
  })
  const faultSeed = integerOption('serve', 'fault-seed', values['fault-seed'], {
    min: 0,
    max: 4_294_967_295,
    fallback: d['--fault-seed'],
  })
  const host = values.host ?? d['--host']
  const seed = await loadSeed(values['seed-file'])
  const lines = logLines((text) => process.stdout.write(text))
  let server: RunningServer
  try {
    server = await startServer({
      seed,
      log: lines.log,
      port,
      host,
      basePath: values['base-path'] ?? d['--base-path'],
      maxBodyBytes,
      timeZone: values['time-zone'] ?? d['--time-zone'],
      logLevel,
      logFormat,
      ...(values['admin-token'] ? { adminToken: values['admin-token'] } : {}),
      journalCapacity,
      retainJobs,
      journalBodyBytes,
      journalBytes,
      ...(values['admin-host'] ? { adminHosts: values['admin-host'] } : {}),
      faultSeed,
      faultHeader: !values['no-fault-header'],
      versionLenient: values['lenient-versions'] ?? false,
    })
  } catch (error) {
    if ((error as { syscall?: string }).syscall !== undefined) throw listenError(error, host, port)
    throw error
  }
  const loopback = /^(127\.|\[::1\]|\[::ffff:127\.)/.test(new URL(server.url).hostname)
  const adminOn = loopback || Boolean(values['admin-token'])
  process.stdout.write(`${banner(server, seed, adminOn).join('\n')}\n`)
  const stop = () => {
    server.close().then(
      () => {
        lines.flush()
        process.exit(0)
      },
      () => {
        lines.flush()
        process.exit(1)
      },
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}
