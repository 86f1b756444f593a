import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

/**
 * What the coverage floor (`.c8rc.json`, enforced by `.ci/run`) leaves out, by rule: a file is
 * excluded only when Node can never run a line of it, so no real code hides from the floor.
 */
const root = fileURLToPath(new URL('..', import.meta.url))
const config = JSON.parse(readFileSync(join(root, '.c8rc.json'), 'utf8')) as {
  include: string[]
  exclude: string[]
  all: boolean
  lines: number
  branches: number
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : []
  })
}

const files = sourceFiles(join(root, 'src')).map((path) =>
  relative(root, path).replaceAll('\\', '/'),
)
const text = (file: string) => readFileSync(join(root, file), 'utf8')

/** A file whose JavaScript is empty: interfaces, type aliases, `import type` only. */
function typeOnly(file: string): boolean {
  const source = text(file)
  // Most files declare a value at the top level: no need to compile those.
  if (/^(export )?(default |async )?(function|const|let|class|enum) /m.test(source)) return false
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: true,
      removeComments: true,
    },
  })
  return outputText.replace(/export \{\};?/g, '').trim() === ''
}

const dashboard = 'src/admin/dashboard/'
const page = text(`${dashboard}page.ts`)

/**
 * A file of the dashboard's browser side: page.ts puts the source text of each of its functions
 * into the page's script (`${fn}`), and it imports nothing but types, so none of it runs in Node.
 */
async function browserSide(file: string): Promise<boolean> {
  if (!file.startsWith(dashboard) || file === `${dashboard}page.ts`) return false
  const imports = text(file).match(/^import .*$/gm) ?? []
  if (imports.some((line) => !line.startsWith('import type '))) return false
  const exported = Object.entries(
    (await import(pathToFileURL(join(root, file)).href)) as Record<string, unknown>,
  )
  return (
    exported.length > 0 &&
    exported.every(([name, value]) => typeof value === 'function' && page.includes(`\${${name}}`))
  )
}

describe('coverage scope', () => {
  it('runs every test under the coverage config too: none uses vi.mock, which it cannot load', () => {
    const mocking = sourceFiles(join(root, 'test')).filter((file) =>
      /\bvi\.(mock|doMock|hoisted)\(/.test(readFileSync(file, 'utf8')),
    )
    expect(mocking.map((file) => relative(root, file))).toEqual([])
  })

  it('counts every file under src/, loaded or not, against 95% of lines and 90% of branches', () => {
    expect(config.include).toEqual(['src/**'])
    expect(config.all).toBe(true)
    expect(config.lines).toBeGreaterThanOrEqual(95)
    expect(config.branches).toBeGreaterThanOrEqual(90)
    // CI enforces it: `.ci/run` runs the coverage run, a command of its own (set -e).
    expect(readFileSync(join(root, '.ci/run'), 'utf8')).toMatch(/^npm run coverage$/m)
  })

  it('excludes exactly the type-only files and the browser side of the dashboard', async () => {
    const expected: string[] = []
    for (const file of files) if (typeOnly(file) || (await browserSide(file))) expected.push(file)
    expect(config.exclude.filter((pattern) => pattern !== 'src/**/*.d.ts').sort()).toEqual(
      expected.sort(),
    )
  })

  it('tells code from types and the browser side from the page', async () => {
    expect(typeOnly('src/mock/types.ts')).toBe(true)
    expect(typeOnly('src/faults/catalog.ts')).toBe(false)
    // page.ts runs in Node (it builds the page), so it counts, like any module that imports code.
    expect(await browserSide(`${dashboard}page.ts`)).toBe(false)
    expect(await browserSide(`${dashboard}kit.ts`)).toBe(true)
  })
})
