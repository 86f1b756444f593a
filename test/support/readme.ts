// The README's code blocks, for the test that runs each one. A block is named by the
// `<!-- snippet: name -->` comment on the line above its opening fence.
import { readFileSync } from 'node:fs'
import ts from 'typescript'

export interface Snippet {
  name: string
  lang: string
  code: string
  /** 1-based line of the opening fence. */
  line: number
}

export const readmeText = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')

/** Every fenced block of the README, in order; `name` is '' when no marker precedes it. */
export function readmeSnippets(text = readmeText): Snippet[] {
  const lines = text.split('\n')
  const snippets: Snippet[] = []
  for (let index = 0; index < lines.length; index++) {
    const fence = /^```(\S*)\s*$/.exec(lines[index] as string)
    if (!fence) continue
    const end = lines.indexOf('```', index + 1)
    if (end < 0) throw new Error(`README line ${index + 1}: the block is never closed`)
    const marker = /^<!-- snippet: (\S+) -->$/.exec(lines[index - 1] ?? '')
    snippets.push({
      name: marker?.[1] ?? '',
      lang: fence[1] ?? '',
      code: lines.slice(index + 1, end).join('\n'),
      line: index + 1,
    })
    index = end
  }
  return snippets
}

export interface Command {
  env: Record<string, string>
  argv: string[]
}

/**
 * Splits a POSIX shell snippet into commands: single and double quotes, backslash-newline
 * continuations, `#` comments, `&&` and newlines between commands, leading `NAME=value` words.
 */
export function shellCommands(code: string): Command[] {
  const commands: Command[] = []
  let words: string[] = []
  let word: string | undefined
  const endWord = () => {
    if (word !== undefined) words.push(word)
    word = undefined
  }
  const endCommand = () => {
    endWord()
    if (words.length > 0) {
      const env: Record<string, string> = {}
      while (words[0] && /^[A-Z_]+=/.test(words[0])) {
        const [name, ...value] = (words.shift() as string).split('=')
        env[name as string] = value.join('=')
      }
      commands.push({ env, argv: words })
    }
    words = []
  }
  for (let at = 0; at < code.length; at++) {
    const char = code[at] as string
    if (char === "'") {
      const close = code.indexOf("'", at + 1)
      word = (word ?? '') + code.slice(at + 1, close)
      at = close
    } else if (char === '"') {
      let value = ''
      for (at++; code[at] !== '"'; at++) value += code[at] === '\\' ? code[++at] : code[at]
      word = (word ?? '') + value
    } else if (char === '\\' && code[at + 1] === '\n') {
      endWord()
      at++
    } else if (char === '#' && word === undefined) {
      while (at < code.length && code[at + 1] !== '\n') at++
    } else if (char === '\n') {
      endCommand()
    } else if (char === '&' && code[at + 1] === '&') {
      endCommand()
      at++
    } else if (char === ' ' || char === '\t') {
      endWord()
    } else {
      word = (word ?? '') + char
    }
  }
  endCommand()
  return commands
}

/** A `curl` command line as a fetch call: `-H`, `-d`/`--data` (then POST), `-X`; `-s` is ignored. */
export function curlRequest(argv: string[], origin: string): Request {
  if (argv[0] !== 'curl') throw new Error(`not a curl command: ${argv.join(' ')}`)
  const headers = new Headers()
  let method: string | undefined
  let body: string | undefined
  let url: string | undefined
  for (let index = 1; index < argv.length; index++) {
    const arg = argv[index] as string
    if (arg === '-s') continue
    else if (arg === '-H') {
      const [name, ...value] = (argv[++index] as string).split(':')
      headers.set(name as string, value.join(':').trim())
    } else if (arg === '-d' || arg === '--data') body = argv[++index]
    else if (arg === '-X') method = argv[++index]
    else if (arg.startsWith('-')) throw new Error(`curl option ${arg} is not understood here`)
    else url = arg
  }
  if (!url) throw new Error(`no URL in ${argv.join(' ')}`)
  return new Request(url.replace(/^http:\/\/127\.0\.0\.1:8080/, origin), {
    method: method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
  })
}

/**
 * Type-checks TypeScript fragments against the package's own types, each as the body of an
 * async function whose parameters are the names it uses from its surroundings. Resolves with
 * the diagnostics, formatted.
 */
export function typeCheckFragments(
  fragments: { name: string; code: string; params: string }[],
): string[] {
  const root = new URL('../..', import.meta.url).pathname
  const file = `${root}test/.readme-fragments.ts`
  const source = [
    "import { createIpsMock, type IpsMock, IpsMockError } from '../src/index.js'",
    'void createIpsMock',
    'void IpsMockError',
    ...fragments.map(
      (fragment, index) =>
        `export async function fragment${index}(${fragment.params}): Promise<void> {\n${fragment.code}\n}`,
    ),
  ].join('\n')
  const config = ts.getParsedCommandLineOfConfigFile(
    `${root}tsconfig.json`,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: () => {},
    },
  )
  const options = { ...config?.options, noUnusedParameters: false, noEmit: true }
  const host = ts.createCompilerHost(options)
  const read = host.readFile.bind(host)
  host.readFile = (name) => (name === file ? source : read(name))
  host.fileExists = (
    (exists) => (name: string) =>
      name === file || exists(name)
  )(host.fileExists.bind(host))
  const program = ts.createProgram([file], options, host)
  const diagnostics = [
    ...program.getSyntacticDiagnostics(program.getSourceFile(file)),
    ...program.getSemanticDiagnostics(program.getSourceFile(file)),
  ]
  return diagnostics.map((diagnostic) =>
    ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
  )
}

/** Runs a TypeScript fragment as the body of an async function with the given scope. */
export async function runFragment(
  code: string,
  scope: Record<string, unknown>,
  tail = '',
): Promise<unknown> {
  const { outputText } = ts.transpileModule(`${code}\n${tail}`, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  })
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
    ...args: string[]
  ) => (...values: unknown[]) => Promise<unknown>
  return new AsyncFunction(...Object.keys(scope), outputText)(...Object.values(scope))
}
