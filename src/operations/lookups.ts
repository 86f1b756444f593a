import { fault } from '../faults/catalog.js'
import type { Company, User } from '../store/models.js'
import { defineOperations, type Operation, type OperationContext } from './context.js'
import { companyView } from './views.js'

function sharesCompany(a: User, b: User): boolean {
  return a.memberships.some(
    (ours) =>
      ours.isActive &&
      b.memberships.some(
        (theirs) => theirs.isActive && theirs.companyHandle === ours.companyHandle,
      ),
  )
}

/**
 * The user a lookup is about: the caller, or a user who shares an active company with the
 * caller (any user for IpsAdmin).
 * @throws IpsFault 20002 (no such user), 20007 (shares no company with the caller).
 */
function targetUser(context: OperationContext, handle: unknown, email?: unknown): User {
  const { store, user } = context
  if (handle === undefined && email === undefined) return user
  const target =
    handle !== undefined ? store.userByHandle(String(handle)) : store.userByEmail(String(email))
  const name = String(handle ?? email)
  if (!target) throw fault('invalidRequestUser', `Invalid user '${name}'`)
  if (target !== user && user.role !== 'IpsAdmin' && !sharesCompany(user, target)) {
    throw fault('illegalRequestUser', `User '${name}' shares no company with '${user.email}'`)
  }
  return target
}

/** `checkLogin`: ValidLogin when the e-mail and password match (and the user belongs to companyHandle). */
export const checkLogin: Operation = ({ store, params, company }) => {
  const user = store.userByEmail(String(params.email))
  const valid =
    user !== undefined &&
    user.password === params.password &&
    (company === undefined ||
      user.role === 'IpsAdmin' ||
      user.memberships.some((m) => m.isActive && m.companyHandle === company.handle))
  return { status: valid ? 'ValidLogin' : 'InvalidLogin' }
}

/** `getCompanyInfo`: a company by handle, name or IMS org id; the caller must belong to it. */
export const getCompanyInfo: Operation = (context) => {
  const { params, store, user, engine } = context
  let company: Company | undefined = context.company
  if (!company) {
    if (params.companyName === undefined && params.imsOrgId === undefined) {
      throw fault(
        'missingParameter',
        'getCompanyInfoParam: companyHandle or companyName is required',
      )
    }
    company = store.companies
      .all()
      .find((candidate) =>
        params.companyName !== undefined
          ? candidate.name === params.companyName
          : candidate.imsOrgId === params.imsOrgId,
      )
    const name = String(params.companyName ?? params.imsOrgId)
    if (!company) throw fault('invalidCompany', `Invalid company '${name}'`)
    if (
      user.role !== 'IpsAdmin' &&
      !user.memberships.some((m) => m.isActive && m.companyHandle === company?.handle)
    ) {
      throw fault(
        'illegalCompany',
        `User '${user.email}' is not a member of company '${company.handle}'`,
      )
    }
  }
  return { companyInfo: companyView(engine, company) }
}

/** `getUserInfo`: the caller, or a user by handle or e-mail. */
export const getUserInfo: Operation = (context) => {
  const user = targetUser(context, context.params.userHandle, context.params.email)
  return {
    userInfo: {
      userHandle: user.handle,
      firstName: user.firstName,
      lastName: user.lastName,
      email: user.email,
      isValid: true,
      isIpsAdmin: user.role === 'IpsAdmin',
      defaultRole: user.role,
      role: user.role,
    },
  }
}

/** `getCompanyMembership`: the companies of the caller (or of userHandle), with role and state. */
export const getCompanyMembership: Operation = (context) => {
  const user = targetUser(context, context.params.userHandle)
  const items = user.memberships.flatMap((membership) => {
    const company = context.store.company(membership.companyHandle)
    return company
      ? [
          {
            company: companyView(context.engine, company),
            role: membership.role,
            isActive: membership.isActive,
          },
        ]
      : []
  })
  return { membershipArray: { items } }
}

/** `getAllCompanies` (IpsAdmin only): every company; expired ones only with includeExpired. */
export const getAllCompanies: Operation = ({ store, params, now, engine }) => {
  const at = now().getTime()
  const items = store.companies
    .all()
    .filter(
      (company) =>
        params.includeExpired === true || !company.expires || Date.parse(company.expires) > at,
    )
    .map((company) => companyView(engine, company))
  return { companyArray: { items } }
}

/** The lookups over the seed (reference §11). */
export const operations = defineOperations({
  checkLogin: {
    summary:
      '`ValidLogin` when the e-mail and password match (and the user belongs to `companyHandle`), else `InvalidLogin`',
    run: checkLogin,
  },
  getCompanyInfo: {
    summary: 'a company by handle, name or IMS org id; the caller must belong to it',
    run: getCompanyInfo,
  },
  getUserInfo: { summary: 'the caller, or a user by handle or e-mail', run: getUserInfo },
  getCompanyMembership: {
    summary: 'the companies of the caller (or of `userHandle`), with role and state',
    run: getCompanyMembership,
  },
  getAllCompanies: {
    summary: 'every company (IpsAdmin only); expired ones only with `includeExpired`',
    run: getAllCompanies,
  },
})
