import { readdir, readFile, stat } from 'node:fs/promises'
import type { IncomingMessage } from 'node:http'
import { join } from 'node:path'
import { startServer } from '../adapters/node-server.js'
import type { IpsMockOptions } from '../mock/create-ips-mock.js'
import { ADMIN_PATH } from '../admin/admin.js'
import { escapeXml } from '../xml/escape.js'
import { providerStates } from '../admin/provider-states.js'

/** The provider name ips-mock's own contracts use for IPS. */
export const PROVIDER_NAME = 'scene7-ips'

/** Credentials that replace the ones in each contract request (real-IPS mode). */
export interface Credentials {
  user: string
  password: string
  /** Replaces every `companyHandle` in the requests, for a real company. */
  companyHandle?: string
}

/** Options of `verifyPacts`. */
export interface VerifyOptions {
  /** Pact files, directories of pact files, or pact URLs. */
  pacts: string[]
  /**
   * Verify against this provider (`https://<host>`, without `/scene7`) instead of a fresh mock.
   * Provider states are not set up there.
   */
  providerBaseUrl?: string
  /** Rewrites each request's authHeader (and optionally companyHandle) before it is sent. */
  credentials?: Credentials
  /**
   * Where the verifier posts provider-state changes. Default: the fresh mock's
   * `/__admin/provider-states`; with `providerBaseUrl`, none (states are not set up).
   */
  stateSetupUrl?: string
  /** The provider name to verify as (default `scene7-ips`). */
  provider?: string
  /** Options of the fresh mock (ignored with `providerBaseUrl`). */
  mock?: IpsMockOptions
  /** Verifier log level (default `error`). */
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error'
}

type PactModule = typeof import('@pact-foundation/pact')

async function loadPact(): Promise<PactModule> {
  try {
    return await import('@pact-foundation/pact')
  } catch (error) {
    throw new Error(
      '[ips-mock] Failed to verify: @pact-foundation/pact is not installed. Install it next to ips-mock: npm install --save-dev @pact-foundation/pact@^16',
      { cause: error },
    )
  }
}

/** Replaces the text of every `<[prefix:]name>…</[prefix:]name>` element. */
function replaceElementText(xml: string, name: string, value: string): string {
  const element = new RegExp(
    `(<(?:[\\w.-]+:)?${name}(?:\\s[^>]*)?>)[^<]*(</(?:[\\w.-]+:)?${name}>)`,
    'g',
  )
  return xml.replace(
    element,
    (_match, open: string, close: string) => `${open}${escapeXml(value)}${close}`,
  )
}

/** Puts the given credentials into a SOAP request's authHeader (and companyHandle elements). */
export function withCredentials(xml: string, credentials: Credentials): string {
  let result = xml.replace(/<((?:[\w.-]+:)?)authHeader\b[\s\S]*?<\/\1authHeader>/g, (header) =>
    replaceElementText(
      replaceElementText(header, 'user', credentials.user),
      'password',
      credentials.password,
    ),
  )
  if (credentials.companyHandle) {
    result = replaceElementText(result, 'companyHandle', credentials.companyHandle)
  }
  return result
}

type Filter = (
  request: IncomingMessage & { body?: unknown },
  response: unknown,
  next: () => void,
) => void

function credentialsFilter(credentials: Credentials): Filter {
  return (request, _response, next) => {
    if (Buffer.isBuffer(request.body) && request.body.length > 0) {
      const body = Buffer.from(withCredentials(request.body.toString('utf8'), credentials))
      request.body = body
      request.headers['content-length'] = String(body.length)
    }
    next()
  }
}

interface PactFile {
  provider?: { name?: string }
  interactions?: {
    description?: string
    providerState?: string
    providerStates?: { name?: string }[]
  }[]
}

/** Reads the pacts a source names: a file, every `.json` file of a directory, or a URL. */
async function readPacts(source: string, provider: string): Promise<[string, PactFile][]> {
  if (/^https?:\/\//i.test(source)) {
    const response = await fetch(source, { signal: AbortSignal.timeout(30_000) })
    if (!response.ok) throw new Error(`${source} answered HTTP ${response.status}`)
    return [[source, (await response.json()) as PactFile]]
  }
  const read = async (file: string) =>
    [file, JSON.parse(await readFile(file, 'utf8')) as PactFile] as [string, PactFile]
  if (!(await stat(source)).isDirectory()) return [await read(source)]
  const files = (await readdir(source)).filter((name) => name.endsWith('.json')).sort()
  const pacts = await Promise.all(files.map((name) => read(join(source, name))))
  return pacts.filter(([, pact]) => pact.provider?.name === provider)
}

/**
 * Checks that every provider state the pacts name is one ips-mock can set up, so an unknown one
 * fails up front with the list of known states rather than as a failed state change.
 */
export async function checkProviderStates(sources: string[], provider = PROVIDER_NAME) {
  const unknown: string[] = []
  for (const source of sources) {
    let pacts: [string, PactFile][]
    try {
      pacts = await readPacts(source, provider)
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      throw new Error(`[ips-mock] Failed to read the pact "${source}": ${reason}`, { cause: error })
    }
    for (const [file, pact] of pacts) {
      for (const interaction of pact.interactions ?? []) {
        const names = interaction.providerStates?.map((state) => state.name ?? '') ?? []
        if (interaction.providerState) names.push(interaction.providerState)
        for (const name of names.filter((state) => !Object.hasOwn(providerStates, state))) {
          unknown.push(`"${name}" (${file}, interaction "${interaction.description ?? ''}")`)
        }
      }
    }
  }
  if (unknown.length > 0) {
    const known = Object.keys(providerStates)
      .map((name) => `"${name}"`)
      .join(', ')
    throw new Error(
      `[ips-mock] Unknown provider state ${unknown.join('; ')}. ips-mock understands: ${known}. See \`ips-mock verify --list-states\`.`,
    )
  }
}

/**
 * Verifies pacts against a fresh ips-mock (provider states set up through its admin API), or
 * against another IPS endpoint. Resolves when every interaction passed; rejects otherwise.
 * The verifier prints its report to stdout.
 * @example await verifyPacts({ pacts: ['pacts/'] })
 */
export async function verifyPacts(options: VerifyOptions): Promise<void> {
  const { Verifier } = await loadPact()
  if (!options.providerBaseUrl) await checkProviderStates(options.pacts, options.provider)
  const server = options.providerBaseUrl
    ? undefined
    : await startServer({ ...options.mock, port: 0, logLevel: 'silent' })
  try {
    const origin = server ? new URL(server.url).origin : options.providerBaseUrl!
    const stateSetupUrl =
      options.stateSetupUrl ?? (server ? `${origin}${ADMIN_PATH}/provider-states` : undefined)
    await new Verifier({
      provider: options.provider ?? PROVIDER_NAME,
      providerBaseUrl: origin,
      pactUrls: options.pacts,
      ...(stateSetupUrl ? { providerStatesSetupUrl: stateSetupUrl } : {}),
      ...(options.credentials ? { requestFilter: credentialsFilter(options.credentials) } : {}),
      logLevel: options.logLevel ?? 'error',
    }).verifyProvider()
  } finally {
    await server?.close()
  }
}
