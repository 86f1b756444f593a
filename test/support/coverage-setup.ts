import { takeCoverage } from 'node:v8'
import { afterAll } from 'vitest'

// Vitest ends its workers without a normal exit, so V8 would never write their coverage: write
// it after each file. Each call writes what ran since the previous one; c8 adds them up.
afterAll(() => {
  if (process.env.NODE_V8_COVERAGE) takeCoverage()
})
