import msw from 'msw/package.json' with { type: 'json' }
import { expect, it } from 'vitest'

it('runs on msw 3 and Node 22', () => {
  expect(msw.version).toMatch(/^3\./)
  expect(process.versions.node).toMatch(/^22\./)
})
