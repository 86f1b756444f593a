// `npm run build:binary`: dist/bin/ips-mock, a Node single executable application (linux-x64)
// that runs the CLI with no Node installed: the CLI bundled as one CommonJS file, turned into a
// blob by `node --experimental-sea-config`, injected into a copy of this node binary by postject.
import { execFileSync } from 'node:child_process'
import { chmodSync, copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import process from 'node:process'

if (process.platform !== 'linux' || process.arch !== 'x64') {
  process.stderr.write(
    `[ips-mock] Failed to build the binary: it is built for linux-x64, this is ${process.platform}-${process.arch}.\n`,
  )
  process.exit(1)
}

const dir = 'dist/bin'
const bundle = `${dir}/ips-mock.cjs`
const blob = `${dir}/ips-mock.blob`
const binary = `${dir}/ips-mock`
mkdirSync(dir, { recursive: true })
const run = (file, args) => execFileSync(file, args, { stdio: 'inherit' })

run(process.execPath, ['scripts/build-cli.mjs', bundle])
const config = `${dir}/sea-config.json`
writeFileSync(
  config,
  JSON.stringify({ main: bundle, output: blob, disableExperimentalSEAWarning: true }),
)
run(process.execPath, ['--experimental-sea-config', config])
rmSync(binary, { force: true })
copyFileSync(process.execPath, binary)
chmodSync(binary, 0o755)
run(process.execPath, [
  'node_modules/postject/dist/cli.js',
  binary,
  'NODE_SEA_BLOB',
  blob,
  '--sentinel-fuse',
  'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2',
])
for (const file of [bundle, blob, config]) rmSync(file)
process.stdout.write(`[ips-mock] Wrote ${binary} (Node ${process.version}, linux-x64).\n`)
