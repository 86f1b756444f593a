import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import type { IncomingMessage } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer } from '../server/start-server.js'
import type { IpsMockOptions } from '../mock/create-ips-mock.js'
import { ADMIN_PATH } from '../admin/admin.js'
import { escapeXml } from '../xml/escape.js'
import { applyStateGenerators } from './generators.js'
import { checkPact, checkProviderStates, type LoadedPact, loadPacts } from './pact-files.js'
import { IpsMockError } from '../errors/ips-mock-error.js'

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
  /** Hears each pact's result as soon as it is verified (see `summarise`). */
  onResult?: (result: PactResult) => void
  /** Hears what ips-mock leaves out, e.g. pacts for other providers. */
  onWarning?: (message: string) => void
}

type PactModule = typeof import('@pact-foundation/pact')

async function loadPact(): Promise<PactModule> {
  try {
    return await import('@pact-foundation/pact')
  } catch (error) {
    throw new IpsMockError({
      code: 'MISSING_DEPENDENCY',
      action: 'verify',
      reason: '@pact-foundation/pact is not installed',
      remedy: 'Install it next to ips-mock: npm install --save-dev @pact-foundation/pact@^16',
      cause: error,
    })
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

/** How one pact fared: its interactions, and those that failed with the verifier's reasons. */
export interface PactResult {
  source: string
  consumer: string
  provider: string
  interactions: number
  failed: { description: string; mismatches: string[] }[]
  /** The verifier's own message when it failed for a reason other than mismatches. */
  error?: string
}

/** The verifier's rejection, as pact-js gives it: a JSON report, or a message. */
interface VerifierReport {
  errors?: { interaction?: string; mismatch?: { mismatches?: { mismatch?: string }[] } }[]
  interactionResults?: { description: string; result: string }[]
}

function resultOf(pact: LoadedPact, error?: unknown): PactResult {
  const interactions = pact.pact.interactions?.length ?? 0
  const result: PactResult = {
    source: pact.source,
    consumer: pact.consumer,
    provider: pact.provider,
    interactions,
    failed: [],
  }
  if (error === undefined) return result
  const reason = error instanceof Error ? error.message : String(error)
  let report: VerifierReport
  try {
    report = JSON.parse(reason) as VerifierReport
  } catch {
    return { ...result, error: reason }
  }
  for (const { description, result: outcome } of report.interactionResults ?? []) {
    if (outcome === 'OK') continue
    const mismatches = (report.errors ?? [])
      .filter((entry) => entry.interaction?.endsWith(` - ${description}`))
      .flatMap((entry) => entry.mismatch?.mismatches ?? [])
      .map((mismatch) => mismatch.mismatch ?? '')
      .filter(Boolean)
    result.failed.push({ description, mismatches })
  }
  if (result.failed.length === 0) result.error = reason
  return result
}

/**
 * One line for a pact's result, e.g. `acme → scene7-ips (pacts/acme.json): 2 interactions verified`
 * or `… 1 of 2 interactions failed: "acme polls" (Expected 'Running' to be equal to 'Done')`.
 */
export function summarise(result: PactResult): string {
  const head = `${result.consumer || '(no consumer)'} → ${result.provider || '(no provider)'} (${result.source})`
  if (result.error) return `${head}: the verifier failed: ${result.error}`
  if (result.failed.length === 0) {
    return `${head}: ${result.interactions} interaction${result.interactions === 1 ? '' : 's'} verified`
  }
  const failed = result.failed
    .map(({ description, mismatches }) =>
      mismatches.length ? `"${description}" (${mismatches.join('; ')})` : `"${description}"`,
    )
    .join(', ')
  return `${head}: ${result.failed.length} of ${result.interactions} interactions failed: ${failed}`
}

/** Picks the pacts for the provider and names the others, so none is skipped without a word. */
function forProvider(pacts: LoadedPact[], provider: string, warn: (message: string) => void) {
  const selected = pacts.filter((pact) => pact.provider === provider)
  const others = pacts.filter((pact) => pact.provider !== provider)
  const named = others.map((pact) => `"${pact.provider}" (${pact.source})`).join(', ')
  if (selected.length === 0) {
    throw new IpsMockError({
      code: 'INVALID_PACT',
      action: 'verify',
      reason: `no pact names the provider "${provider}"${others.length ? `; found ${named}` : ''}`,
      remedy: 'Pass --provider <name> to verify a pact written for another provider name.',
    })
  }
  if (others.length > 0) {
    warn(
      `[ips-mock] Skipping ${others.length} pact${others.length === 1 ? '' : 's'} for other providers: ${named}. Pass --provider <name> to verify them.`,
    )
  }
  return selected
}

/**
 * Verifies pacts against a fresh ips-mock (provider states set up through its admin API), or
 * against another IPS endpoint, one pact after the other. Resolves when every interaction passed;
 * rejects with each failed pact's summary otherwise. The verifier prints its report to stdout;
 * `onResult` hears each pact's result, `onWarning` of pacts left out.
 * @example await verifyPacts({ pacts: ['pacts/'], onResult: (r) => console.log(summarise(r)) })
 */
export async function verifyPacts(options: VerifyOptions): Promise<void> {
  const { Verifier } = await loadPact()
  const provider = options.provider ?? PROVIDER_NAME
  const pacts = forProvider(await loadPacts(options.pacts), provider, (message) =>
    options.onWarning?.(message),
  )
  for (const pact of pacts) checkPact(pact)
  if (!options.providerBaseUrl) checkProviderStates(pacts)
  const server = options.providerBaseUrl
    ? undefined
    : await startServer({ ...options.mock, port: 0, logLevel: 'silent' })
  const dir = await mkdtemp(join(tmpdir(), 'ips-mock-verify-'))
  const results: PactResult[] = []
  try {
    const origin = server ? new URL(server.url).origin : options.providerBaseUrl!
    const stateSetupUrl =
      options.stateSetupUrl ?? (server ? `${origin}${ADMIN_PATH}/provider-states` : undefined)
    for (const [index, pact] of pacts.entries()) {
      // What the verifier reads is what was checked above, with the generators ips-mock/pact
      // interactions carry in their comments (pact-js writes none for XML bodies).
      const file = join(dir, `${index}.json`)
      await writeFile(
        file,
        JSON.stringify(stateSetupUrl ? applyStateGenerators(pact.pact) : pact.pact),
      )
      let failure: unknown
      try {
        await new Verifier({
          provider,
          providerBaseUrl: origin,
          pactUrls: [file],
          ...(stateSetupUrl ? { providerStatesSetupUrl: stateSetupUrl } : {}),
          ...(options.credentials ? { requestFilter: credentialsFilter(options.credentials) } : {}),
          logLevel: options.logLevel ?? 'error',
        }).verifyProvider()
      } catch (error) {
        failure = error
      }
      const result = resultOf(pact, failure)
      results.push(result)
      options.onResult?.(result)
    }
  } finally {
    await server?.close()
    await rm(dir, { recursive: true, force: true })
  }
  const failed = results.filter((result) => result.error || result.failed.length > 0)
  if (failed.length > 0) {
    throw new IpsMockError({
      code: 'VERIFICATION_FAILED',
      action: 'verify',
      reason: failed.map(summarise).join('\n'),
    })
  }
}
