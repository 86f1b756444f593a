import { execFileSync } from 'node:child_process'

/**
 * Fails with the Debian package to install when `command` is not on the PATH: a system test never
 * passes or skips silently for want of its tool.
 */
export function requireTool(command: string, debianPackage: string): void {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' })
  } catch {
    throw new Error(
      `[ips-mock] Failed to run the system test: "${command}" is not installed. Install the Debian package "${debianPackage}" (bash scripts/ci/install-system-deps.sh).`,
    )
  }
}
