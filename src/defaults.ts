const values = {
  /** Largest request body accepted, in bytes: 10 MB. */
  maxBodyBytes: 10 * 1024 * 1024,
  /** Bounds on request XML. */
  xmlLimits: {
    maxDepth: 64,
    maxElements: 100_000,
    maxTextLength: 1024 * 1024,
    maxNameLength: 1024,
    maxAttributes: 10_000,
  },
  /** The IPS server's time zone. */
  timeZone: 'UTC',
  /** How long runs take, in ms. */
  jobDurations: { startDelay: 1000, base: 2000, perItem: 500, stopDelay: 1000 },
  /** Calls the journal keeps. */
  journalCapacity: 10_000,
  /** Bytes of each body a journal entry keeps: 64 KiB. */
  journalBodyBytes: 64 * 1024,
  /** Bytes the whole journal holds, about: 64 MiB. */
  journalBytes: 64 * 1024 * 1024,
  /** Seed of fault injection's generator. */
  faultSeed: 1,
  /** Whether the `X-Ips-Mock-Fault` request header is obeyed. */
  faultHeader: true,
  /** Finished runs kept with their logs. */
  retainJobs: 100_000,
  /** Whether every namespace is validated and answered with the newest schema. */
  versionLenient: false,
  /** Seed of the fake data (names, file names, dimensions) when the seed data gives none. */
  fakerSeed: 7,
  /** The standalone server's port. */
  port: 8080,
  /** The interface the server binds: loopback only. */
  host: '127.0.0.1',
  /** The IPS web app path. */
  basePath: '/scene7',
  /** How much the server logs per request. */
  logLevel: 'info' as const,
  /** How log lines are written. */
  logFormat: 'text' as const,
  /** Time a client has to send a whole request, in ms. */
  requestTimeoutMs: 30_000,
  /** Whether the server writes the answers ready in one event-loop turn together. */
  batchWrites: true,
  /** What the msw handlers intercept: every Scene7 host. */
  baseUrl: 'https://*.scene7.com/scene7',
}

/**
 * Every default ips-mock applies, in one place: `createIpsMock`, `startServer`, the msw handlers
 * and the CLI read them from here, and a test checks the CLI help and the README against them.
 * @example
 * import { defaults } from 'ips-mock'
 * createIpsMock({ maxBodyBytes: defaults.maxBodyBytes * 2 })
 */
export const defaults: Readonly<typeof values> = values

/** The default of each `ips-mock serve` option that takes a value, as its help and README give it. */
export const cliDefaults = {
  '--port': defaults.port,
  '--host': defaults.host,
  '--base-path': defaults.basePath,
  '--max-body-bytes': defaults.maxBodyBytes,
  '--time-zone': defaults.timeZone,
  '--journal-capacity': defaults.journalCapacity,
  '--retain-jobs': defaults.retainJobs,
  '--journal-body-bytes': defaults.journalBodyBytes,
  '--journal-bytes': defaults.journalBytes,
  '--fault-seed': defaults.faultSeed,
  '--log-level': defaults.logLevel,
  '--log-format': defaults.logFormat,
} as const
