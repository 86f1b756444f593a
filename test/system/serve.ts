import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The bundled CLI that `npm run build` writes. */
export const builtCli = fileURLToPath(new URL('../../dist/cli/ips-mock.js', import.meta.url))

/** A server process started for a system test. */
export interface ServedProcess {
  child: ChildProcess
  /** `http://127.0.0.1:<port>` */
  origin: string
  /** The SOAP service URL. */
  serviceUrl: string
  /** Everything it printed so far. */
  output(): string
  stop(): Promise<void>
}

/**
 * Starts `command args…` (by default the built CLI under node) and resolves once its banner
 * names the URL it listens on.
 */
export async function serve(
  args: string[],
  command: string = process.execPath,
  options: { env?: NodeJS.ProcessEnv } = {},
): Promise<ServedProcess> {
  const argv = command === process.execPath ? [builtCli, ...args] : args
  if (command === process.execPath && !existsSync(builtCli)) {
    throw new Error(
      `[ips-mock] Failed to run the system test: ${builtCli} is missing. Run npm run build first.`,
    )
  }
  const child = spawn(command, argv, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: options.env ?? process.env,
  })
  let printed = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    printed += chunk.toString()
  })
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      printed += chunk.toString()
      const match = /listening on (http:\/\/\S+?)\/scene7/.exec(printed)
      if (match) resolve(match[1] as string)
    })
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`"${command}" exited with ${code}:\n${printed}`)))
  })
  return {
    child,
    origin: url,
    serviceUrl: `${url}/scene7/services/IpsApiService`,
    output: () => printed,
    stop: async () => {
      if (child.exitCode !== null) return
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    },
  }
}

/** A submitJob (an UploadUrlsJob of two URLs) as the demo user. */
export function submitJobEnvelope(jobName: string): string {
  return `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
  <soapenv:Header>
    <authHeader xmlns="http://www.scene7.com/IpsApi/xsd">
      <user>user@demo-co.test</user><password>demo-user-pass</password>
      <appName>system-test</appName><appVersion>1.0</appVersion>
    </authHeader>
  </soapenv:Header>
  <soapenv:Body>
    <submitJobParam xmlns="http://www.scene7.com/IpsApi/xsd/2014-04-03">
      <companyHandle>c|101</companyHandle>
      <jobName>${jobName}</jobName>
      <uploadUrlsJob>
        <urlArray>
          <items><sourceUrl>https://cdn.example.test/a.jpg</sourceUrl><destPath>in/a.jpg</destPath></items>
          <items><sourceUrl>https://cdn.example.test/b.jpg</sourceUrl><destPath>in/b.jpg</destPath></items>
        </urlArray>
        <overwrite>true</overwrite><readyForPublish>true</readyForPublish><createMask>false</createMask>
        <emailSetting>All</emailSetting>
      </uploadUrlsJob>
    </submitJobParam>
  </soapenv:Body>
</soapenv:Envelope>`
}

/** Posts a submitJob; resolves with the status and the XML answered. */
export async function submitJob(serviceUrl: string, jobName: string) {
  const response = await fetch(serviceUrl, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: 'submitJob' },
    body: submitJobEnvelope(jobName),
  })
  return { status: response.status, xml: await response.text() }
}
