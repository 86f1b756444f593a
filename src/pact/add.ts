import type { PactV4, V3MockServer } from '@pact-foundation/pact'
import type { IpsInteraction } from './interaction.js'
import { stateGeneratorsComment } from '../contract/generators.js'
import { untilRecorded } from './recorded.js'

/**
 * An interaction added to a pact, ready to run the consumer's code against Pact's mock server.
 * @example
 * const ready = addInteraction(pact, ipsInteraction('getUserInfo'))
 * await ready.executeTest(async (server) => fetch(`${server.url}/scene7/services/IpsApiService`))
 */
export interface ReadyInteraction {
  executeTest<T>(test: (server: V3MockServer) => Promise<T>): Promise<T | undefined>
}

/**
 * Adds a built interaction to a pact-js `PactV4` and returns it ready for `executeTest`. Its
 * provider-state generators travel in a comment (pact-js writes none for XML bodies); `ips-mock
 * verify` applies them, as does `applyStateGenerators` for other verifiers. `executeTest` waits,
 * after the consumer's code, until Pact's mock server has recorded the requests it answered
 * (see `untilRecorded`), so a loaded machine does not fail a test whose request was matched.
 * @example
 * await addInteraction(pact, submitJobInteraction({ jobName: 'x', job: { optimizeImagesJob: {} } }))
 *   .executeTest(async (server) => fetch(`${server.url}/scene7/services/IpsApiService`))
 */
export function addInteraction(pact: PactV4, interaction: IpsInteraction): ReadyInteraction {
  let builder = pact.addInteraction()
  for (const state of interaction.states) builder = builder.given(state.name, state.params)
  builder = builder.uponReceiving(interaction.description)
  const { request, response } = interaction
  if (request.generators.length > 0) {
    builder = builder.comment(stateGeneratorsComment(request.generators))
  }
  const ready = builder
    .withRequest(request.method, request.path, (http) => {
      http.headers(request.headers).xmlBody(request.body)
      if (request.rules.length > 0) http.matchingRules({ body: request.rules })
    })
    .willRespondWith(response.status, (http) => {
      http.headers(response.headers).xmlBody(response.body)
      if (response.rules.length > 0) http.matchingRules({ body: response.rules })
    })
  return {
    executeTest: (test) =>
      ready.executeTest(async (server) => {
        const value = await test(server)
        await untilRecorded(server.port)
        return value
      }),
  }
}
