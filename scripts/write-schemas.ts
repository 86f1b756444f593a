// Writes seed.schema.json, the seed's JSON Schema published in the package, from the zod schema.
// `npm run schemas`; test/seed.test.ts fails when the file and the schema disagree.
import { writeFile } from 'node:fs/promises'
import { seedJsonSchema } from '../src/admin/openapi.js'

await writeFile(
  new URL('../seed.schema.json', import.meta.url),
  `${JSON.stringify(seedJsonSchema, null, 2)}\n`,
)
