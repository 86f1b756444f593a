// The one line `ips-mock verify` prints per pact.
import { expect, it } from 'vitest'
import { type PactResult, summarise } from '../../src/contract/verify.js'

const result = (change: Partial<PactResult> = {}): PactResult => ({
  source: 'pacts/acme.json',
  consumer: 'acme',
  provider: 'scene7-ips',
  interactions: 2,
  failed: [],
  ...change,
})

it.each([
  [result(), 'acme → scene7-ips (pacts/acme.json): 2 interactions verified'],
  [result({ interactions: 1 }), 'acme → scene7-ips (pacts/acme.json): 1 interaction verified'],
  [
    result({ consumer: '', provider: '' }),
    '(no consumer) → (no provider) (pacts/acme.json): 2 interactions verified',
  ],
  [
    result({ error: 'connection refused' }),
    'acme → scene7-ips (pacts/acme.json): the verifier failed: connection refused',
  ],
  [
    result({
      failed: [
        { description: 'acme polls', mismatches: ["Expected 'Running' to be equal to 'Done'"] },
        { description: 'acme stops', mismatches: [] },
      ],
    }),
    `acme → scene7-ips (pacts/acme.json): 2 of 2 interactions failed: "acme polls" (Expected 'Running' to be equal to 'Done'), "acme stops"`,
  ],
  [
    result({ failed: [{ description: 'acme polls', mismatches: ['a', 'b'] }] }),
    'acme → scene7-ips (pacts/acme.json): 1 of 2 interactions failed: "acme polls" (a; b)',
  ],
])('sums up %j', (given, line) => {
  expect(summarise(given)).toBe(line)
})
