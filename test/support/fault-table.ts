import { faults } from '../../src/faults/catalog.js'

/** The README's fault table, rendered from the fault catalog. */
export function faultTable(): string {
  const rows = Object.values(faults).map(
    (f) =>
      `| ${f.code} | ${f.element} | ${f.constant} | ${f.documented ? 'documented' : 'guess'} | ${f.when} | \`${f.example.replace(/\|/g, '\\|')}\` |`,
  )
  return [
    '| code | element | constant | status | when ips-mock raises it | example reason |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n')
}
