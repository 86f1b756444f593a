import { spawn } from 'node:child_process'
import { submitBody } from './bodies.js'

const root = new URL('../../', import.meta.url)

async function once(): Promise<number> {
  const started = performance.now()
  const child = spawn(
    process.execPath,
    ['dist/cli/ips-mock.js', 'serve', '--port', '0', '--quiet'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  let output = ''
  let url: string | undefined
  for await (const chunk of child.stdout as NodeJS.ReadableStream) {
    output += chunk.toString()
    url = /SOAP service: (\S+)/.exec(output)?.[1]
    if (url) break
  }
  for (;;) {
    const response = await fetch(url as string, {
      method: 'POST',
      body: submitBody(),
      headers: { 'content-type': 'text/xml' },
    })
    if (response.status === 200 && (await response.text()).includes('jobHandle')) break
  }
  const elapsed = performance.now() - started
  child.kill('SIGKILL')
  return elapsed
}

/** Start-up: spawn `ips-mock serve` to the first successful submitJob, over several runs. */
export async function startup(runs = 7) {
  const times: number[] = []
  for (let run = 0; run < runs; run++) times.push(await once())
  times.sort((a, b) => a - b)
  const result = {
    runs,
    median: times[Math.floor(runs / 2)] as number,
    min: times[0] as number,
    max: times.at(-1) as number,
  }
  console.log(JSON.stringify(result))
  return result
}
