import { defineConfig, mergeConfig } from 'vitest/config'
import base from './vitest.config.js'

/**
 * `npm run mutate` (Stryker): the test files that exercise the fidelity core (schema, SOAP,
 * authentication, the fault catalog). Stryker runs only the tests that cover each mutant.
 * Stryker switches mutants at run time, so the test files share one module graph (isolate: false)
 * instead of loading it again for each file and mutant. The fuzz oracle runs 300 mutated requests
 * per mutant instead of 2,000; it still reaches each of its classifications.
 */
export default mergeConfig(
  base,
  defineConfig({
    test: {
      isolate: false,
      env: { FUZZ_RUNS: '300' },
      include: [
        'test/auth.test.ts',
        'test/reference-examples.test.ts',
        'test/fixtures.test.ts',
        'test/faults.test.ts',
        'test/soap.test.ts',
        'test/submit-job.test.ts',
        'test/operations.test.ts',
        'test/write.test.ts',
        'test/xsd-oracle.test.ts',
        'test/broken-input.test.ts',
        'test/fuzz.test.ts',
        'test/edges.test.ts',
      ],
    },
  }),
)
