export { addInteraction, type ReadyInteraction } from './pact/add.js'
export {
  type ApiVersion,
  adminLogin,
  demoLogin,
  type Login,
  type Prefixes,
} from './pact/envelope.js'
export { type FaultCode, faultInteraction, type FaultOptions } from './pact/faults.js'
export {
  applyStateGenerators,
  GENERATORS_COMMENT,
  type PactDocument,
  stateGeneratorsComment,
  type StateGenerator,
} from './contract/generators.js'
export {
  type InteractionOptions,
  type IpsInteraction,
  ipsInteraction,
  type SubmitJobOptions,
  submitJobInteraction,
} from './pact/interaction.js'
export { type PactHeader, type ServedOperation, servedOperations } from './pact/request.js'
export {
  exactly,
  fromProviderState,
  isValueMatcher,
  like,
  patterns,
  type PlainValue,
  regex,
  type ValueMatcher,
} from './pact/matchers.js'
export { type NamespacedBody, namespaceRules } from './pact/namespace-rules.js'
export type { PactMatcher, PactRule } from './pact/template.js'
export type { PactObject, PactValue } from './pact/values.js'
export type { ProviderStateName, ProviderStateValues } from './admin/provider-states.js'
