import type { SeedData } from './seed.js'
import { defaults } from '../defaults.js'

/**
 * The demo seed every mock starts from unless given another: two companies and four logins,
 * listed in the README. Names the seed leaves out come from faker with a fixed seed.
 * @example createIpsMock({ seed: demoSeed })
 */
export const demoSeed: SeedData = {
  fakerSeed: defaults.fakerSeed,
  companies: [
    { name: 'demo-co', handle: 'c|101', expires: '2099-12-31T23:59:59.000Z' },
    { name: 'other-co', handle: 'c|102', expires: '2099-12-31T23:59:59.000Z' },
  ],
  users: [
    {
      email: 'admin@demo-co.test',
      password: 'demo-admin-pass',
      role: 'IpsAdmin',
      companies: ['demo-co'],
    },
    {
      email: 'user@demo-co.test',
      password: 'demo-user-pass',
      role: 'IpsUser',
      companies: ['demo-co'],
    },
    {
      email: 'portal@demo-co.test',
      password: 'demo-portal-pass',
      role: 'ImagePortalUser',
      companies: ['demo-co'],
    },
    {
      email: 'user@other-co.test',
      password: 'other-user-pass',
      role: 'IpsUser',
      companies: ['other-co'],
    },
  ],
}
