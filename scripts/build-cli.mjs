// Bundles the CLI into dist/cli/ips-mock.js (one file, for npx and for the single executable),
// with the package version built in.
import { readFileSync } from 'node:fs'
import process from 'node:process'
import { URL } from 'node:url'
import { build } from 'esbuild'

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
const outfile = process.argv[2] ?? 'dist/cli/ips-mock.js'
const format = outfile.endsWith('.cjs') ? 'cjs' : 'esm'

await build({
  entryPoints: ['src/cli/main.ts'],
  bundle: true,
  platform: 'node',
  format,
  target: 'node20',
  logLevel: 'warning',
  external: ['@pact-foundation/pact'],
  outfile,
  // The version is built in, so the CommonJS bundle never reads package.json by import.meta.url.
  define: {
    IPS_MOCK_VERSION: JSON.stringify(version),
    ...(format === 'cjs' ? { 'import.meta.url': 'undefined' } : {}),
  },
  // An ES module bundle still meets CommonJS dependencies that call require().
  banner:
    format === 'esm'
      ? {
          js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
        }
      : {},
})
