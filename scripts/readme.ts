/**
 * Rewrites the generated files: src/operations/index.ts, which joins the operation modules, and
 * the README's generated sections (fault table, error codes, operations …): npm run readme
 */
import { readFile, writeFile } from 'node:fs/promises'
import { operationIndexFile, renderOperationIndex } from '../test/support/operation-index.js'

await writeFile(operationIndexFile, await renderOperationIndex())
// Imported once the index is written: the README's operation table is read from its table.
const { renderReadme } = await import('../test/support/readme-sections.js')
const file = new URL('../README.md', import.meta.url)
await writeFile(file, renderReadme(await readFile(file, 'utf8')))
