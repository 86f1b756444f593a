import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { providerStates } from '../admin/provider-states.js'
import { IpsMockError } from '../errors/ips-mock-error.js'

/** A pact file's JSON, as far as `ips-mock verify` reads it. */
export interface PactFile {
  consumer?: { name?: string }
  provider?: { name?: string }
  interactions?: {
    description?: string
    type?: string
    providerState?: string
    providerStates?: { name?: string }[]
  }[]
  metadata?: Record<string, unknown>
  [key: string]: unknown
}

/** One pact read from a source: where it came from and what it holds. */
export interface LoadedPact {
  /** The file or URL. */
  source: string
  consumer: string
  provider: string
  pact: PactFile
}

function readFailure(source: string, error: unknown): IpsMockError {
  return new IpsMockError({
    code: 'INVALID_PACT',
    action: 'read the pact',
    subject: source,
    reason: error instanceof Error ? error.message : String(error),
    remedy: 'Pass a pact file, a directory of them, or a pact URL.',
    cause: error,
  })
}

function loaded(source: string, json: unknown): LoadedPact {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw readFailure(source, new Error('it is not a JSON object'))
  }
  const pact = json as PactFile
  return {
    source,
    consumer: String(pact.consumer?.name ?? ''),
    provider: String(pact.provider?.name ?? ''),
    pact,
  }
}

async function readSource(source: string): Promise<LoadedPact[]> {
  if (/^https?:\/\//i.test(source)) {
    const response = await fetch(source, { signal: AbortSignal.timeout(30_000) })
    if (!response.ok) throw new Error(`${source} answered HTTP ${response.status}`)
    return [loaded(source, await response.json())]
  }
  const read = async (file: string) => loaded(file, JSON.parse(await readFile(file, 'utf8')))
  if (!(await stat(source)).isDirectory()) return [await read(source)]
  const files = (await readdir(source)).filter((name) => name.endsWith('.json')).sort()
  return Promise.all(files.map((name) => read(join(source, name))))
}

/** Reads every pact the sources name: files, every `.json` file of a directory, URLs. */
export async function loadPacts(sources: string[]): Promise<LoadedPact[]> {
  const pacts: LoadedPact[] = []
  for (const source of sources) {
    try {
      pacts.push(...(await readSource(source)))
    } catch (error) {
      if (error instanceof IpsMockError) throw error
      throw readFailure(source, error)
    }
  }
  return pacts
}

/** The pact's specification version, as its metadata names it (V2/V3/V4 keys, or V1's). */
export function specificationVersion(pact: PactFile): string | undefined {
  const metadata = pact.metadata ?? {}
  const spec = (metadata.pactSpecification ?? metadata['pact-specification']) as
    { version?: unknown } | undefined
  const version = spec?.version ?? metadata.pactSpecificationVersion
  return version === undefined ? undefined : String(version)
}

/**
 * Fails a pact that cannot be verified meaningfully: one with no interactions (which the verifier
 * would pass without checking anything) or of a specification version Pact does not know.
 */
export function checkPact({ source, pact }: LoadedPact): void {
  const version = specificationVersion(pact)
  if (version !== undefined && !/^v?[1-4](?:\.\d+){0,2}$/i.test(version)) {
    throw new IpsMockError({
      code: 'INVALID_PACT',
      action: 'verify',
      subject: source,
      reason: `its specification version "${version}" is not one Pact knows (1.0 to 4.0)`,
      remedy: 'Write it with a Pact library of version 1 to 4 of the specification.',
    })
  }
  if (!Array.isArray(pact.interactions) || pact.interactions.length === 0) {
    throw new IpsMockError({
      code: 'INVALID_PACT',
      action: 'verify',
      subject: source,
      reason: 'the pact has no interactions, so it would verify nothing',
      remedy: 'Check that the consumer tests ran and wrote it.',
    })
  }
}

/**
 * Names every provider state the pacts use that ips-mock cannot set up, so an unknown one fails
 * up front with the list of known states rather than as a failed state change.
 */
export function checkProviderStates(pacts: LoadedPact[]): void {
  const unknown: string[] = []
  for (const { source, pact } of pacts) {
    for (const interaction of pact.interactions ?? []) {
      const names = interaction.providerStates?.map((state) => state.name ?? '') ?? []
      if (interaction.providerState) names.push(interaction.providerState)
      for (const name of names.filter((state) => !Object.hasOwn(providerStates, state))) {
        unknown.push(`"${name}" (${source}, interaction "${interaction.description ?? ''}")`)
      }
    }
  }
  if (unknown.length > 0) {
    const known = Object.keys(providerStates)
      .map((name) => `"${name}"`)
      .join(', ')
    throw new IpsMockError({
      code: 'UNKNOWN_PROVIDER_STATE',
      action: 'verify',
      reason: `unknown provider state ${unknown.join('; ')}`,
      remedy: `ips-mock understands: ${known}. See \`ips-mock verify --list-states\`.`,
    })
  }
}
