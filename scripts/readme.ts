/** Rewrites the README's generated sections (fault table, error codes …): npm run readme */
import { readFile, writeFile } from 'node:fs/promises'
import { renderReadme } from '../test/support/readme-sections.js'

const file = new URL('../README.md', import.meta.url)
await writeFile(file, renderReadme(await readFile(file, 'utf8')))
