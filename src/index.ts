export {
  createIpsMock,
  DEFAULT_MAX_BODY_BYTES,
  type IpsMock,
  type IpsMockOptions,
} from './mock/create-ips-mock.js'
export { defaults } from './defaults.js'
export {
  IpsMockError,
  type IpsMockErrorCode,
  ipsMockErrorCodes,
  type IpsMockErrorInit,
  isIpsMockError,
} from './errors/ips-mock-error.js'
export {
  type FaultDefinition,
  type FaultElement,
  type FaultName,
  faults,
  IpsFault,
} from './faults/catalog.js'
export type { IpsMockSnapshot } from './mock/snapshot.js'
export type { MockClock, ScenarioControl } from './mock/types.js'
export { FAULT_HEADER, parseFaultHeader } from './injection/header.js'
export type { FaultInjection, InjectedFault, Injection } from './injection/injector.js'
export { type FaultRule, FaultRuleError, parseFaultRule } from './injection/rule.js'
export type { BodyFacts, JournalEntry } from './journal/entry.js'
export type { Unserved, UnservedKind } from './journal/explain.js'
export {
  DEFAULT_JOURNAL_BODY_BYTES,
  DEFAULT_JOURNAL_BYTES,
  DEFAULT_JOURNAL_CAPACITY,
  type Journal,
  type JournalFilter,
  type JournalQuery,
} from './journal/journal.js'
export { demoSeed } from './store/demo-seed.js'
export { defaultXmlLimits, type XmlLimits } from './xml/parse.js'
export type { Company, Job, JobLog, JobState, Membership, Role, User } from './store/models.js'
export {
  type SeedCompany,
  type SeedData,
  SeedError,
  type SeedUser,
  validateSeed,
} from './store/seed.js'
export { seedSchema } from './store/seed-schema.js'
export type { IpsStoreView, IpsStoreView as IpsStore, ReadonlyCollection } from './store/view.js'
