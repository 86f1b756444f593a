import { defineConfig } from 'vitest/config'

/**
 * `npm test`: everything that needs only npm. The system tests (real SOAP client stacks, a real
 * browser, the single executable) need Debian packages and run from `.ci/run` with
 * `vitest.system.config.ts`.
 */
export default defineConfig({
  test: {
    // examples/jest-app is jest's, run by the packaging test in a project of its own.
    // examples/pact-consumer writes a pact where it runs: test/pact/example.test.ts runs it.
    exclude: [
      '**/node_modules/**',
      'test/system/**',
      '.msw3/**',
      'dist/**',
      'examples/jest-app/**',
      'examples/pact-consumer/**',
      // Stryker's sandboxes (npm run mutate) hold a copy of the whole repository.
      '.stryker-tmp/**',
    ],
  },
})
