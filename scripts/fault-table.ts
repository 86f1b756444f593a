/** Prints the README's fault table from the fault catalog: npx tsx scripts/fault-table.ts */
import { faultTable } from '../test/support/fault-table.js'

console.log(faultTable())
