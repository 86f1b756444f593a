import { ipsMockErrorCodes } from '../../src/errors/ips-mock-error.js'
import { operationTable } from '../../src/operations/index.js'
import { faultTable } from './fault-table.js'

/** The README's generated sections, by marker name: `<!-- name:start -->` … `<!-- name:end -->`. */
export const readmeSections: Record<string, () => string> = {
  'fault-table': faultTable,
  operations: () =>
    [
      '| operation | what the mock does |',
      '|---|---|',
      ...Object.entries(operationTable).map(
        ([name, { summary }]) => `| \`${name}\` | ${summary} |`,
      ),
    ].join('\n'),
  'error-codes': () =>
    [
      '| code | when |',
      '|---|---|',
      ...Object.entries(ipsMockErrorCodes).map(([code, when]) => `| \`${code}\` | ${when} |`),
    ].join('\n'),
}

/** The text between a section's markers in `readme`, or `undefined` when the markers are missing. */
export function sectionOf(readme: string, name: string): string | undefined {
  return new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)\\n?<!-- ${name}:end -->`).exec(
    readme,
  )?.[1]
}

/** `readme` with every generated section rendered afresh. */
export function renderReadme(readme: string): string {
  let text = readme
  for (const [name, render] of Object.entries(readmeSections)) {
    const pattern = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?\\n?(<!-- ${name}:end -->)`)
    text = text.replace(
      pattern,
      (_match, start: string, end: string) => `${start}${render()}\n${end}`,
    )
  }
  return text
}
