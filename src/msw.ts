export { DEFAULT_BASE_URL, type IpsHandlersOptions, ipsHandlers } from './adapters/msw.js'
export { createIpsMock, type IpsMock, type IpsMockOptions } from './mock/create-ips-mock.js'
