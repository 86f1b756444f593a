import { execFile } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/**
 * The WSDLs every generated client is built from: the version most third-party clients target,
 * the oldest documented one, the unversioned (pre-4.0) one and the newest beta schema.
 */
export const clientWsdls = [
  { file: 'IpsApi-2014-04-03.wsdl', version: '2014-04-03', id: 'v2014' },
  { file: 'IpsApi-2008-01-15.wsdl', version: '2008-01-15', id: 'v2008' },
  { file: 'IpsApi.wsdl', version: undefined, id: 'unversioned' },
  { file: 'IpsApi-2022-11-01-beta.wsdl', version: '2022-11-01-beta', id: 'v2022beta' },
] as const

/** A fresh folder under the system's temp dir: generated code never lands in the repository. */
export function scratch(name: string): string {
  return mkdtempSync(join(tmpdir(), `ips-mock-${name}-`))
}

/** Runs a command, failing with its output when it exits non-zero. */
export async function exec(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  try {
    const { stdout, stderr } = await run(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      maxBuffer: 64 * 1024 * 1024,
      encoding: 'utf8',
    })
    return `${stdout}${stderr}`
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string }
    throw new Error(
      `${command} ${args.join(' ')} failed: ${failed.message}\n${failed.stdout ?? ''}\n${failed.stderr ?? ''}`,
      { cause: error },
    )
  }
}

/** The lines the JAX-WS and gSOAP clients print for one WSDL, on a freshly reset demo seed. */
export function expectedLines(client: string): string[] {
  return [
    `submitted j|101|${client} publish|`,
    `submitted j|101|${client} urls|`,
    'wrong-password authenticationFault 10001 Invalid username/password',
    "role authorizationFault 20003 User does not have permission to access operation 'submitJob'",
    "enum ipsApiFault 30001 submitJobParam/imageServingPublishJob/emailSetting: 'Sometimes' is not one of All, Error, ErrorAndWarning, JobCompletion, None",
    `active j|101|${client} publish| ImageServingPublish ${client} publish`,
    `active j|101|${client} urls| UrlUpload ${client} urls`,
    // The job named with CR LF, CR, TAB and the text "&#13;" (shown as \r, \n, \t), found again
    // by the handle as the client read it: the answers wrote CR and TAB as character references.
    `line-ends submitted j|101|${client} a\\r\\nb\\rc\\td &#13; e|`,
    `line-ends found j|101|${client} a\\r\\nb\\rc\\td &#13; e| ${client} a\\r\\nb\\rc\\td &#13; e`,
  ]
}
