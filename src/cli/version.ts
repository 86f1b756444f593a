import { readFileSync } from 'node:fs'

/** Set by the bundler (`--define`) in the built CLI and the single executable. */
declare const IPS_MOCK_VERSION: string | undefined

/** ips-mock's version: the bundle's, or package.json's when run from the sources or from dist/. */
export function version(): string {
  if (typeof IPS_MOCK_VERSION === 'string') return IPS_MOCK_VERSION
  // src/cli/ and dist/cli/ both sit two folders below package.json.
  const manifest = new URL('../../package.json', import.meta.url)
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version
}
