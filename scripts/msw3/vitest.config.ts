import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

/** A file inside the side install, so that `msw` is resolved from there (msw 3), not from the repo. */
const sideInstall = fileURLToPath(new URL('../../.msw3/package.json', import.meta.url))

/** The msw adapter tests and the vitest example, run with msw 3 from `.msw3/` (see run.sh). */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  plugins: [
    {
      name: 'msw-from-side-install',
      enforce: 'pre',
      resolveId(id, _importer, options) {
        if (id !== 'msw' && !id.startsWith('msw/')) return null
        return this.resolve(id, sideInstall, { ...options, skipSelf: true })
      },
    },
  ],
  test: {
    include: [
      'scripts/msw3/msw-version.check.ts',
      'test/msw-adapter.test.ts',
      'examples/vitest-app/*.test.ts',
    ],
  },
})
