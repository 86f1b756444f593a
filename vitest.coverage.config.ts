import { defineConfig, mergeConfig } from 'vitest/config'
import base from './vitest.config.js'

/**
 * `npm run coverage`: the same tests as `npm test`, run so that c8 sees every line of src/ that
 * runs, in the test workers and in every child process they spawn (the CLI, `verify`, servers).
 * Modules load through Node itself with tsx instead of Vite's module runner, so the workers' V8
 * coverage and the children's (also tsx) map to src/ the same way; NODE_V8_COVERAGE, set by c8,
 * is inherited by every child. test/support/coverage-setup.ts writes each worker's coverage.
 */
export default mergeConfig(
  base,
  defineConfig({
    test: {
      execArgv: ['--import', 'tsx'],
      experimental: { viteModuleRunner: false, nodeLoader: false },
      setupFiles: ['test/support/coverage-setup.ts'],
    },
  }),
)
