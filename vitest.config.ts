import { defineConfig } from 'vitest/config'

/**
 * `npm test`: everything that needs only npm. The system tests (real SOAP client stacks, a real
 * browser, the single executable) need Debian packages and run from `.ci/run` with
 * `vitest.system.config.ts`.
 */
export default defineConfig({
  test: {
    // examples/pact-consumer writes a pact where it runs: test/pact/example.test.ts runs it.
    exclude: [
      '**/node_modules/**',
      'test/system/**',
      '.msw3/**',
      'dist/**',
      'examples/pact-consumer/**',
    ],
  },
})
