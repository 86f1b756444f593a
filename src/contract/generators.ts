/**
 * A provider-state generator, keyed by the prefixed path the verifier's generators read.
 * @example
 * const generator: StateGenerator = {
 *   path: "$['soapenv:Envelope']['soapenv:Body']['stopJobParam']['jobHandle']['#text']",
 *   expression: '${jobHandle}',
 * }
 */
export interface StateGenerator {
  path: string
  expression: string
}

/**
 * The V4 comment key under which `addInteraction` keeps an interaction's state generators.
 * @example
 * import { readFileSync } from 'node:fs'
 * const pactFile: PactDocument = JSON.parse(readFileSync('pacts/app-scene7-ips.json', 'utf8'))
 * const carried = pactFile.interactions?.map((interaction) => interaction.comments?.[GENERATORS_COMMENT])
 */
export const GENERATORS_COMMENT = 'ips-mock'

/**
 * The V4 comment that carries provider-state generators to `ips-mock verify` (which turns them
 * into Pact generators; see `applyStateGenerators`), for `interaction.comment(…)`.
 * @example
 * const { request } = ipsInteraction('stopJob')
 * pact.addInteraction().comment(stateGeneratorsComment(request.generators))
 */
export function stateGeneratorsComment(generators: StateGenerator[]): {
  key: string
  value: string
} {
  return { key: GENERATORS_COMMENT, value: JSON.stringify({ generators }) }
}

interface PactInteraction {
  comments?: Record<string, unknown>
  request?: { generators?: Record<string, Record<string, unknown>>; [key: string]: unknown }
  [key: string]: unknown
}

/**
 * A pact file's JSON, as far as generators go.
 * @example
 * import { readFileSync } from 'node:fs'
 * const document: PactDocument = JSON.parse(readFileSync('pacts/app-scene7-ips.json', 'utf8'))
 */
export interface PactDocument {
  interactions?: PactInteraction[]
  [key: string]: unknown
}

function stashed(interaction: PactInteraction): { path: string; expression: string }[] {
  const comment = interaction.comments?.[GENERATORS_COMMENT]
  const parsed = typeof comment === 'string' ? (JSON.parse(comment) as unknown) : comment
  const generators = (parsed as { generators?: unknown } | undefined)?.generators
  return Array.isArray(generators)
    ? generators.filter(
        (item): item is { path: string; expression: string } =>
          typeof item?.path === 'string' && typeof item?.expression === 'string',
      )
    : []
}

/**
 * Turns the provider-state generators `addInteraction` left in each interaction's comments into
 * Pact `ProviderState` generators on the request body, keyed by the prefixed element path the
 * verifier's generators read (`$['soapenv:Envelope']['soapenv:Body']…['#text']`). Returns a new
 * document; interactions without any are unchanged.
 * @example
 * import { readFileSync, writeFileSync } from 'node:fs'
 * const file = 'pacts/app-scene7-ips.json'
 * writeFileSync(file, JSON.stringify(applyStateGenerators(JSON.parse(readFileSync(file, 'utf8')))))
 */
export function applyStateGenerators<Pact extends PactDocument>(pact: Pact): Pact {
  if (!Array.isArray(pact.interactions)) return pact
  return {
    ...pact,
    interactions: pact.interactions.map((interaction) => {
      const generators = stashed(interaction)
      if (generators.length === 0 || !interaction.request) return interaction
      const body = { ...interaction.request.generators?.body }
      for (const { path, expression } of generators) {
        body[path] = { type: 'ProviderState', expression, dataType: 'STRING' }
      }
      return {
        ...interaction,
        request: {
          ...interaction.request,
          generators: { ...interaction.request.generators, body },
        },
      }
    }),
  }
}
