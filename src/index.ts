export {
  createIpsMock,
  DEFAULT_MAX_BODY_BYTES,
  type IpsMock,
  type IpsMockOptions,
} from './core/create-ips-mock.js'
export {
  type FaultDefinition,
  type FaultElement,
  type FaultName,
  faults,
  IpsFault,
} from './soap/faults.js'
export { demoSeed } from './store/demo-seed.js'
export { defaultXmlLimits, type XmlLimits } from './soap/xml.js'
export type { Company, Job, JobLog, JobState, Membership, Role, User } from './store/models.js'
export type { SeedCompany, SeedData, SeedUser } from './store/seed.js'
export type { IpsStore } from './store/store.js'
