import { BaseSequencer, type TestSpecification } from 'vitest/node'
import { defineConfig, mergeConfig } from 'vitest/config'
import base from './vitest.config.js'

/**
 * The test files that exercise the fidelity core (schema, SOAP, authentication, the fault
 * catalog), fastest first: Stryker stops a mutant's run at the first failing test, so a mutant
 * the quick unit files kill never waits for the slow ones.
 */
const files = [
  'test/credentials.test.ts',
  'test/simple-types.test.ts',
  'test/schema-table.test.ts',
  'test/read.test.ts',
  'test/write.test.ts',
  'test/errors.test.ts',
  'test/xsd-oracle.test.ts',
  'test/auth.test.ts',
  'test/broken-input.test.ts',
  'test/soap.test.ts',
  'test/faults.test.ts',
  'test/edges.test.ts',
  'test/submit-job.test.ts',
  'test/fixtures.test.ts',
  'test/operations.test.ts',
  'test/reference-examples.test.ts',
  'test/fuzz.test.ts',
  'test/documented.test.ts',
  'test/journal.test.ts',
  'test/readme.test.ts',
  'test/wsdl.test.ts',
  // Last: it reloads src/schema/versions.ts over changed copies of versions.json.
  'test/versions.test.ts',
]

/** `MUTATE_TESTS=auth,faults npm run mutate -- --mutate 'src/auth/*.ts'`: only those files. */
const chosen = process.env.MUTATE_TESTS?.split(',').map((name) => `test/${name}.test.ts`)

class ListedOrder extends BaseSequencer {
  override async sort(specs: TestSpecification[]): Promise<TestSpecification[]> {
    const order = chosen ?? files
    const rank = (spec: TestSpecification) =>
      order.findIndex((file) => spec.moduleId.endsWith(file))
    return [...specs].sort((a, b) => rank(a) - rank(b))
  }
}

/**
 * `npm run mutate` (Stryker). Stryker runs only the tests that cover each mutant and switches
 * mutants at run time, so the test files share one module graph (isolate: false) instead of
 * loading it again for each file. Each mutant's run still starts a fresh worker that imports
 * src/ (1.5–3 s on the shared machine), which is most of a mutant's cost. The fuzz oracle runs
 * 100 mutated requests per mutant instead of 2,000; it still reaches each of its classifications.
 */
export default mergeConfig(
  base,
  defineConfig({
    test: {
      isolate: false,
      env: { FUZZ_RUNS: '100' },
      include: chosen ?? files,
      sequence: { sequencer: ListedOrder, shuffle: false },
    },
  }),
)
