import { operationHandlers } from '../../src/operations/index.js'
import { operations } from '../../src/schema/table.js'

/**
 * An IPS operation of the reference schema that ips-mock does not serve, for tests of that
 * answer: the first such in the schema's order that an IpsUser may call (so the call passes
 * authorisation and reaches the "not served" step), so that serving one more operation changes
 * nothing here.
 */
export const unservedOperation: string = (() => {
  const name = [...operations.values()].find(
    (candidate) => !(candidate.name in operationHandlers) && candidate.roles.includes('IpsUser'),
  )?.name
  if (name === undefined) throw new Error('ips-mock serves every operation of the schema')
  return name
})()
