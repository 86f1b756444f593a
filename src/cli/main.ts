#!/usr/bin/env node
import { serve, serveUsage } from './serve.js'
import { verify, verifyUsage } from './verify.js'

const usage = `Usage: ips-mock <command> [options]

Commands:
  serve    start the IPS mock server (default)
  verify   verify Pact contracts against a fresh mock (or another IPS endpoint)

${serveUsage}
${verifyUsage}`

const [command = 'serve', ...rest] = process.argv.slice(2)
const commands: Record<string, (args: string[]) => Promise<void>> = { serve, verify }

async function main(): Promise<void> {
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(usage)
    return
  }
  const run = command.startsWith('-') ? serve : commands[command]
  if (!run) {
    process.stderr.write(`[ips-mock] Unknown command "${command}".\n\n${usage}`)
    process.exitCode = 2
    return
  }
  await run(command.startsWith('-') ? [command, ...rest] : rest)
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
})
