import { defineConfig } from 'vitest/config'

/**
 * `npm run test:system`: tests that drive tools from Debian packages (JAX-WS, gSOAP, Chromium, …),
 * which `.ci/run` installs before it runs them. Each test fails, never skips, when its tool is
 * missing, and says which package brings it.
 */
export default defineConfig({
  test: {
    include: ['test/system/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
})
