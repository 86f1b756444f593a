export { DEFAULT_BASE_URL, type IpsHandlersOptions, ipsHandlers } from './adapters/msw.js'
export {
  type IpsTestSetup,
  type SetupIpsMockOptions,
  setupIpsMock,
  type TestHooks,
} from './testing/setup.js'
export { createIpsMock, type IpsMock, type IpsMockOptions } from './core/create-ips-mock.js'
