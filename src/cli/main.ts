#!/usr/bin/env node
import { exitCodeOf, unknownCommand } from './args.js'
import { serve, serveUsage } from './serve.js'
import { verify, verifyUsage } from './verify.js'
import { version } from './version.js'
import { IpsMockError } from '../errors/ips-mock-error.js'

const usage = `Usage: ips-mock <command> [options]

Commands:
  serve    start the IPS mock server (default)
  verify   verify Pact contracts against a fresh mock (or another IPS endpoint)

Options:
  -v, --version   print the version
  -h, --help      show this help

${serveUsage}
${verifyUsage}`

const [command = 'serve', ...rest] = process.argv.slice(2)
const commands: Record<string, (args: string[]) => Promise<void>> = { serve, verify }

async function main(): Promise<void> {
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(usage)
    return
  }
  if (command === '--version' || command === '-v' || command === 'version') {
    process.stdout.write(`${version()}\n`)
    return
  }
  const run = command.startsWith('-') ? serve : commands[command]
  if (!run) throw unknownCommand(command, [...Object.keys(commands), 'help', 'version'])
  await run(command.startsWith('-') ? [command, ...rest] : rest)
}

/** Every error ends the CLI with one line and no stack: exit 2 for usage, 1 for the rest. */
main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error)
  const line = message.replace(/\s*\n\s*/g, ' ').trim()
  process.stderr.write(`${error instanceof IpsMockError ? line : `[ips-mock] ${line}`}\n`)
  process.exitCode = exitCodeOf(error)
})
