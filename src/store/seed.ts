// The English-only entry loads in a tenth of the time of the all-locales one.
import { faker } from '@faker-js/faker/locale/en'
import { type Company, type Role, roles, type User } from './models.js'

/** A company in a seed. Omitted fields are derived deterministically. */
export interface SeedCompany {
  name: string
  /** Defaults to `c|<100 + position>`. */
  handle?: string
  rootPath?: string
  expires?: string
  imsOrgId?: string
}

/** A user in a seed. `companies` lists company names or handles the user is an active member of. */
export interface SeedUser {
  email: string
  password: string
  role: Role
  companies: string[]
  firstName?: string
  lastName?: string
  /** Defaults to `u|<1000 + position>|<email>`. */
  handle?: string
}

/** The data a mock starts from, given to `createIpsMock({ seed })` or `--seed-file`. */
export interface SeedData {
  companies: SeedCompany[]
  users: SeedUser[]
  /** Seeds faker, which fills the names a seed leaves out (default 7). */
  fakerSeed?: number
}

/** A seed resolved into records, ready to be stored. */
export interface ResolvedSeed {
  companies: Company[]
  users: User[]
}

function rootPathOf(name: string): string {
  return `${name.replace(/\s+/g, '')}/`
}

function invalid(reason: string): Error {
  return new Error(`[ips-mock] Failed to load the seed: ${reason}. Fix the seed data and retry.`)
}

/**
 * Resolves seed data into store records, deterministically: the same seed gives the same
 * handles and names.
 * @throws Error naming the bad entry when a role, a company reference or an e-mail is wrong.
 */
export function resolveSeed(seed: SeedData): ResolvedSeed {
  // The shared instance is reseeded here and used synchronously, so every resolve is reproducible.
  faker.seed(seed.fakerSeed ?? 7)
  const companies = seed.companies.map((company, position): Company => ({
    handle: company.handle ?? `c|${100 + position + 1}`,
    name: company.name,
    rootPath: company.rootPath ?? rootPathOf(company.name),
    ...(company.expires ? { expires: company.expires } : {}),
    ...(company.imsOrgId ? { imsOrgId: company.imsOrgId } : {}),
  }))
  const byKey = new Map<string, Company>()
  for (const company of companies) {
    if (byKey.has(company.handle) || byKey.has(company.name)) {
      throw invalid(`company "${company.name}" (${company.handle}) is defined twice`)
    }
    byKey.set(company.handle, company).set(company.name, company)
  }
  const emails = new Set<string>()
  const users = seed.users.map((user, position): User => {
    if (!(roles as readonly string[]).includes(user.role)) {
      throw invalid(
        `user "${user.email}" has role "${user.role}", expected one of ${roles.join(', ')}`,
      )
    }
    const email = user.email.trim()
    if (!email.includes('@') || emails.has(email.toLowerCase())) {
      throw invalid(`user e-mail "${user.email}" is not a unique e-mail address`)
    }
    emails.add(email.toLowerCase())
    const memberships = user.companies.map((key) => {
      const company = byKey.get(key)
      if (!company) throw invalid(`user "${email}" names unknown company "${key}"`)
      return { companyHandle: company.handle, role: user.role, isActive: true }
    })
    return {
      handle: user.handle ?? `u|${1000 + position + 1}|${email}`,
      email,
      password: user.password,
      firstName: user.firstName ?? faker.person.firstName(),
      lastName: user.lastName ?? faker.person.lastName(),
      role: user.role,
      memberships,
    }
  })
  return { companies, users }
}
