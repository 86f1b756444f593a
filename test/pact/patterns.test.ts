// What the shipped value patterns accept, pinned by values written here: handles as the IPS
// reference prints them, and forms no handle has. The contract's response rules use these
// patterns (test/contract/rules.ts), so this file, not the code, is their oracle.
import { describe, expect, it } from 'vitest'
import { patterns } from '../../src/pact.js'

const cases: Record<keyof typeof patterns, { accepts: string[]; refuses: string[] }> = {
  jobHandle: {
    // §5: `47|My Test Job|` (legacy company); the mock's `j|101|name|`; §8's `j|6||Add_…`.
    accepts: ['47|My Test Job|', 'j|101|nightly import|', 'j|6||Add_2007-10-24-16:11:07'],
    refuses: ['job-42', 'j|101', 'j|x|name|', '', 'c|101'],
  },
  companyHandle: {
    accepts: ['c|101', 'c|2101', '47'],
    refuses: ['c|', 'c|x', 'company 1', 'j|101|x|'],
  },
  userHandle: {
    accepts: ['u|1002|user@demo-co.test', '12|someone'],
    refuses: ['u|1002', 'u|x|y', 'user@demo-co.test'],
  },
  assetHandle: {
    // assets.md: `a|210` from the 4.5 namespace on, `a|732|1|535` before it.
    accepts: ['a|210', 'a|732|1|535', '942|1|579'],
    refuses: ['a|', 'a|x', 'asset-1', 'a|1|'],
  },
  handle: {
    accepts: ['pc|17', 'x'],
    refuses: ['', 'two words'],
  },
  dateTime: {
    accepts: ['2030-01-01T00:00:00Z', '2030-01-01T09:30:00.000+01:00', '2011-05-19T11:22:33-07:00'],
    refuses: ['2030-01-01', '2030-01-01T00:00:00', '01/01/2030 00:00', '2030-01-01T00:00:00+1'],
  },
  integer: {
    accepts: ['0', '42', '-7'],
    refuses: ['1.5', '', '1e3', ' 1'],
  },
  number: {
    accepts: ['1', '-0.5', '.5', '1.5E3', 'INF', '-INF', 'NaN'],
    refuses: ['', 'abc', '1,5', 'inf'],
  },
  boolean: {
    accepts: ['true', 'false', '1', '0'],
    refuses: ['TRUE', 'yes', '', '2'],
  },
  text: {
    accepts: ['x', 'Invalid username/password', ' line\nbreak '],
    refuses: [''],
  },
}

describe.each(Object.entries(cases))('patterns.%s', (name, { accepts, refuses }) => {
  const pattern = new RegExp(patterns[name as keyof typeof patterns])
  it.each(accepts)('accepts %j', (value) => expect(pattern.test(value)).toBe(true))
  it.each(refuses)('refuses %j', (value) => expect(pattern.test(value)).toBe(false))
})

it('has a case for every shipped pattern', () => {
  expect(Object.keys(patterns).sort()).toEqual(Object.keys(cases).sort())
})
