// Reads the JSDoc of every symbol the package's entry points export (package.json "exports"),
// and type-checks each `@example` as a module of its own against the package's types.
import { readFileSync } from 'node:fs'
import ts from 'typescript'

const root = new URL('../..', import.meta.url).pathname

export interface ExportDoc {
  /** The subpath of package.json "exports" the symbol is exported from: '.', './msw' … */
  entry: string
  name: string
  summary: string
  examples: string[]
  /** The exported symbol, followed through re-exports: one per declaration. */
  symbol: ts.Symbol
  isValue: boolean
}

/** The entry points: each subpath of package.json "exports" with types, as its source file. */
export function entryPoints(): { entry: string; file: string }[] {
  const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
    exports: Record<string, string | { types?: string }>
  }
  return Object.entries(pkg.exports).flatMap(([entry, target]) => {
    const types = typeof target === 'object' ? target.types : undefined
    if (!types) return []
    const file = `${root}${types.replace(/^\.\/dist\//, 'src/').replace(/\.d\.ts$/, '.ts')}`
    return [{ entry, file }]
  })
}

function compilerOptions(): ts.CompilerOptions {
  const config = ts.getParsedCommandLineOfConfigFile(
    `${root}tsconfig.json`,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  )
  return { ...config?.options, noEmit: true, noUnusedLocals: false, noUnusedParameters: false }
}

let program: ts.Program | undefined

function entryProgram(): ts.Program {
  program ??= ts.createProgram(
    entryPoints().map((point) => point.file),
    compilerOptions(),
  )
  return program
}

/** Strips a Markdown fence around an example, if it has one. */
function exampleCode(text: string): string {
  return text
    .replace(/^\s*```\w*\n/, '')
    .replace(/\n```\s*$/, '')
    .trim()
}

/** The JSDoc summary and examples of every export of every entry point. */
export function exportedDocs(): ExportDoc[] {
  const current = entryProgram()
  const checker = current.getTypeChecker()
  return entryPoints().flatMap(({ entry, file }) => {
    const source = current.getSourceFile(file)
    const module = source && checker.getSymbolAtLocation(source)
    if (!module) throw new Error(`no module for the entry point ${entry} (${file})`)
    return checker.getExportsOfModule(module).map((exported) => {
      const symbol =
        exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported
      const examples = symbol
        .getJsDocTags(checker)
        .filter((tag) => tag.name === 'example')
        .map((tag) => exampleCode(ts.displayPartsToString(tag.text)))
        .filter((code) => code !== '')
      return {
        entry,
        name: exported.name,
        summary: ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim(),
        examples,
        symbol,
        isValue: (symbol.flags & ts.SymbolFlags.Value) !== 0,
      }
    })
  })
}

const VITEST_NAMES = [
  'afterAll',
  'afterEach',
  'beforeAll',
  'beforeEach',
  'describe',
  'expect',
  'it',
]

/**
 * The two names an example may use without making them, as msw's docs use `server`: `mock`,
 * a mock from `createIpsMock()`, and `pact`, a pact-js `PactV4`.
 */
const AMBIENT = [
  "import type { PactV4 as AmbientPact } from '@pact-foundation/pact'",
  "import type { IpsMock as AmbientMock } from '../../src/index.js'",
  'declare const mock: AmbientMock',
  'declare const pact: AmbientPact',
]

/** The module an example is: its own imports (ips-mock/… mapped to src/), then its code in an async function. */
function exampleModule(code: string, scope: Map<string, { from: string; isValue: boolean }>) {
  const parsed = ts.createSourceFile('example.ts', code, ts.ScriptTarget.ES2022, true)
  const imports: string[] = []
  const imported = new Set<string>()
  let body = code
  for (const statement of parsed.statements) {
    if (!ts.isImportDeclaration(statement)) break
    const specifier = (statement.moduleSpecifier as ts.StringLiteral).text
    const subpath = specifier === 'ips-mock' ? 'index' : /^ips-mock\/(\w+)$/.exec(specifier)?.[1]
    const text = statement.getText(parsed)
    imports.push(subpath ? text.replace(specifier, `../../src/${subpath}.js`) : text)
    for (const element of (statement.importClause?.namedBindings as ts.NamedImports | undefined)
      ?.elements ?? [])
      imported.add(element.name.text)
    body = code.slice(statement.end)
  }
  const prelude = new Map<string, string[]>()
  for (const [name, { from, isValue }] of scope) {
    if (imported.has(name)) continue
    prelude.set(from, [...(prelude.get(from) ?? []), isValue ? name : `type ${name}`])
  }
  const vitest = VITEST_NAMES.filter((name) => !imported.has(name) && !scope.has(name))
  return [
    ...imports,
    ...[...prelude].map(([from, names]) => `import { ${names.join(', ')} } from '${from}'`),
    `import { ${vitest.join(', ')} } from 'vitest'`,
    ...AMBIENT,
    `export async function example(): Promise<void> {\n${body}\n}`,
  ].join('\n')
}

/**
 * Type-checks every distinct example, each as a module that sees every export of the package,
 * vitest's test functions and the ambient `mock` and `pact`, unless it imports names itself. Resolves with the diagnostics,
 * each prefixed with the export whose example it is.
 */
export function typeCheckExamples(docs: ExportDoc[]): string[] {
  const scope = new Map<string, { from: string; isValue: boolean }>()
  const points = new Map(entryPoints().map((point) => [point.entry, point.file]))
  for (const doc of docs) {
    if (scope.has(doc.name)) continue
    const file = (points.get(doc.entry) as string).slice(`${root}src/`.length)
    scope.set(doc.name, { from: `../../src/${file.replace(/\.ts$/, '.js')}`, isValue: doc.isValue })
  }
  const files = new Map<string, { owner: string; text: string }>()
  const seen = new Set<string>()
  for (const doc of docs) {
    for (const code of doc.examples) {
      if (seen.has(code)) continue
      seen.add(code)
      files.set(`${root}test/.jsdoc-examples/example${files.size}.ts`, {
        owner: `${doc.entry} ${doc.name}`,
        text: exampleModule(code, scope),
      })
    }
  }
  const options = compilerOptions()
  const host = ts.createCompilerHost(options)
  const read = host.readFile.bind(host)
  const exists = host.fileExists.bind(host)
  host.readFile = (name) => files.get(name)?.text ?? read(name)
  host.fileExists = (name) => files.has(name) || exists(name)
  // The entry points' program lends its parsed files, so the package is not parsed twice.
  const checked = ts.createProgram([...files.keys()], options, host, entryProgram())
  return [...files].flatMap(([name, { owner, text }]) => {
    const source = checked.getSourceFile(name)
    return [
      ...checked.getSyntacticDiagnostics(source),
      ...checked.getSemanticDiagnostics(source),
    ].map((diagnostic) => {
      const line = source?.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line ?? 0
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')
      return `${owner}: ${message} (in: ${text.split('\n')[line]?.trim()})`
    })
  })
}
