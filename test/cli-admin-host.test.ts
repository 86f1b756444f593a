// `ips-mock serve --admin-host` and the journal limits, through the CLI.
import { type ChildProcess, spawn } from 'node:child_process'
import net from 'node:net'
import { afterAll, expect, it, vi } from 'vitest'

vi.setConfig({ testTimeout: 30_000 })

let child: ChildProcess | undefined
afterAll(() => {
  child?.kill('SIGKILL')
})

function statusFor(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () =>
      socket.write(`GET /__admin/clock HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`),
    )
    let text = ''
    socket.on('data', (chunk) => (text += chunk))
    socket.on('error', reject)
    socket.on('close', () => resolve(Number(text.split(' ')[1])))
  })
}

it('answers the admin API under the names --admin-host gives, and refuses others', async () => {
  child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/main.ts',
      'serve',
      '--port',
      '0',
      '--quiet',
      '--admin-host',
      'mock.ci.internal',
      '--admin-host',
      'ips-mock',
      '--journal-body-bytes',
      '100',
      '--journal-bytes',
      '5000',
    ],
    { cwd: new URL('..', import.meta.url), stdio: ['ignore', 'pipe', 'inherit'] },
  )
  let output = ''
  for await (const chunk of child.stdout as NodeJS.ReadableStream) {
    output += chunk.toString()
    if (output.includes('Demo logins:')) break
  }
  const port = Number(/listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(output)?.[1])
  expect(await statusFor(port, 'mock.ci.internal')).toBe(200)
  expect(await statusFor(port, 'ips-mock:8080')).toBe(200)
  expect(await statusFor(port, `127.0.0.1:${port}`)).toBe(200)
  expect(await statusFor(port, 'attacker.example')).toBe(403)

  const origin = `http://127.0.0.1:${port}`
  const body = `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><getCompanyInfoParam xmlns="http://www.scene7.com/IpsApi/xsd/2014-04-03"><companyName>${'x'.repeat(500)}</companyName></getCompanyInfoParam></soapenv:Body></soapenv:Envelope>`
  for (let call = 0; call < 20; call++) {
    await fetch(`${origin}/scene7/services/IpsApiService`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body,
    })
  }
  const journal = await (await fetch(`${origin}/__admin/journal`)).json()
  expect(journal.length).toBeGreaterThan(0)
  expect(journal.length).toBeLessThan(20)
  expect(journal[0].requestBody).toEqual({ bytes: Buffer.byteLength(body), truncated: true })
})
