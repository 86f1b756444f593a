import type { OperationDef } from '../schema/table.js'
import { fault } from '../faults/catalog.js'
import type { Company, User } from '../store/models.js'
import type { IpsStore } from '../store/store.js'

function isActiveMember(user: User, companyHandle: string): boolean {
  return user.memberships.some(
    (membership) => membership.companyHandle === companyHandle && membership.isActive,
  )
}

/**
 * Checks the caller's role against the operation's role table (reference §3.3), and that a caller
 * other than IpsAdmin has an active company membership.
 * @throws IpsFault 20003 (role not allowed), 20009 (no active membership).
 */
export function authorizeOperation(user: User, operation: OperationDef): void {
  if (!operation.roles.includes(user.role)) {
    throw fault(
      'noOperationPermission',
      `User does not have permission to access operation '${operation.name}'`,
    )
  }
  if (user.role !== 'IpsAdmin' && !user.memberships.some((membership) => membership.isActive)) {
    throw fault('missingPermission', `User '${user.email}' has no active company membership`)
  }
}

/**
 * Resolves `companyHandle` and checks that the caller may act in it; IpsAdmin may act in any
 * company.
 * @throws IpsFault 20000 (no such company), 20006 (caller not an active member).
 */
export function authorizeCompany(store: IpsStore, user: User, companyHandle: string): Company {
  const company = store.company(companyHandle)
  if (!company) throw fault('invalidCompany', `Invalid company handle '${companyHandle}'`)
  if (user.role !== 'IpsAdmin' && !isActiveMember(user, company.handle)) {
    throw fault(
      'illegalCompany',
      `User '${user.email}' is not a member of company '${company.handle}'`,
    )
  }
  return company
}

/**
 * Resolves a target `userHandle` and checks that it is an active member of the company.
 * @throws IpsFault 20002 (no such user), 20007 (not an active member).
 */
export function authorizeTargetUser(store: IpsStore, company: Company, userHandle: string): User {
  const target = store.userByHandle(userHandle)
  if (!target) throw fault('invalidRequestUser', `Invalid user handle '${userHandle}'`)
  if (!isActiveMember(target, company.handle)) {
    throw fault(
      'illegalRequestUser',
      `User '${userHandle}' is not a member of company '${company.handle}'`,
    )
  }
  return target
}
