export {
  type IpsTestSetup,
  type SetupIpsMockOptions,
  setupIpsMock,
  type TestHooks,
} from './testing/setup.js'
