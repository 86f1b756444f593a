// `expect.extend(ipsMatchers)` and vitest's `Assertion` typed with the IPS matchers.
export { type ExpectedParams, type IpsMatchers, ipsMatchers } from './testing/matchers.js'
