// Every symbol the package exports carries JSDoc with an `@example`, and every example
// type-checks against the package's own types.
import { expect, it } from 'vitest'
import { exportedDocs, typeCheckExamples } from './support/jsdoc.js'

const docs = exportedDocs()

it('finds the exports of every entry point in package.json', () => {
  const entries = new Set(docs.map((doc) => doc.entry))
  expect([...entries].sort()).toEqual(['.', './msw', './pact', './server', './testing', './vitest'])
  expect(docs.length).toBeGreaterThan(100)
})

it('documents every export with a summary and an @example', () => {
  const missing = docs
    .filter((doc) => !doc.summary || doc.examples.length === 0)
    .map((doc) => `${doc.entry} ${doc.name}: ${doc.summary ? 'no @example' : 'no JSDoc summary'}`)
  expect(missing).toEqual([])
})

// A compiler run over the whole package: seconds, more on a loaded machine.
it('type-checks every @example against the package', { timeout: 120_000 }, () => {
  expect(typeCheckExamples(docs)).toEqual([])
})
