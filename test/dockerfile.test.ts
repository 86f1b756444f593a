// The Dockerfile cannot be built here (no container runtime), so this checks what it relies on:
// an official Node image the package supports, the bundled CLI it copies, and its command.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { expect, it } from 'vitest'

const repo = new URL('..', import.meta.url)
const dockerfile = await readFile(new URL('Dockerfile', repo), 'utf8')
const manifest = JSON.parse(await readFile(new URL('package.json', repo), 'utf8'))

it('builds on an official Node image the package supports', () => {
  const images = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((match) => match[1] as string)
  expect(images.length).toBe(2)
  const least = Number(/>=(\d+)/.exec(manifest.engines.node)?.[1])
  for (const image of images) {
    const [, major] = /^node:(\d+)-[\w-]+$/.exec(image) ?? []
    expect(Number(major), image).toBeGreaterThanOrEqual(least)
  }
})

it("copies the bundle npm run build writes and starts it with the image's command", async () => {
  const copied = /^COPY --from=build \/src\/(\S+) (\S+)$/m.exec(dockerfile)
  expect(copied?.[1]).toBe('dist/cli/ips-mock.js')
  expect(existsSync(new URL(copied?.[1] as string, repo))).toBe(true)
  const entrypoint = JSON.parse(/^ENTRYPOINT (.+)$/m.exec(dockerfile)?.[1] as string) as string[]
  const command = JSON.parse(/^CMD (.+)$/m.exec(dockerfile)?.[1] as string) as string[]
  expect(entrypoint).toEqual(['node', copied?.[2]])
  // The image's own arguments, on a free port instead of 8080.
  const args = command.map((arg) => (arg === '8080' ? '0' : arg))
  const child = spawn(process.execPath, [copied?.[1] as string, ...args], { cwd: repo })
  let printed = ''
  try {
    for await (const chunk of child.stdout) {
      printed += chunk.toString()
      if (printed.includes('Demo logins:')) break
    }
    expect(printed).toMatch(/listening on http:\/\/0\.0\.0\.0:\d+\/scene7/)
    // Beyond loopback the admin API needs a token, as the README says for containers.
    expect(printed).toContain('Admin API:    off')
  } finally {
    child.kill('SIGKILL')
  }
}, 60_000)
