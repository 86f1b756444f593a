export { DEFAULT_BASE_URL, type IpsHandlersOptions, ipsHandlers } from './adapters/msw.js'
export { createIpsMock, type IpsMock, type IpsMockOptions } from './core/create-ips-mock.js'
