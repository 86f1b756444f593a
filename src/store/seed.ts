// The English-only entry loads in a tenth of the time of the all-locales one.
import { faker } from '@faker-js/faker/locale/en'
import { describeIssues, type InputIssue, issueText } from '../utils/internal/issues.js'
import { type ResolvedLibrary, resolveLibrary } from './library-seed.js'
import type { Company, User } from './models.js'
import { type SeedData, seedSchema } from './seed-schema.js'
import { IpsMockError } from '../errors/ips-mock-error.js'
import { defaults } from '../defaults.js'

export type { SeedCompany, SeedData, SeedUser } from './seed-schema.js'

/**
 * A seed that does not match the seed schema (code `INVALID_SEED`): `issues` name each JSON path
 * and what it needs.
 * @example
 * try {
 *   validateSeed({ users: [] })
 * } catch (error) {
 *   if (error instanceof SeedError) console.log(error.issues.map((issue) => issue.path))
 * }
 */
export class SeedError extends IpsMockError {
  constructor(readonly issues: readonly InputIssue[]) {
    super({
      code: 'INVALID_SEED',
      action: 'load the seed',
      reason: issueText(issues),
      remedy: 'Fix the seed data and retry.',
    })
    this.name = 'SeedError'
  }
}

/**
 * Checks seed data (parsed JSON or an object literal) against the seed schema.
 * @throws SeedError naming every JSON path that is wrong and what it expects.
 * @example
 * import { readFile } from 'node:fs/promises'
 * const seed = validateSeed(JSON.parse(await readFile('seed.json', 'utf8')))
 * const mock = createIpsMock({ seed })
 */
export function validateSeed(input: unknown): SeedData {
  const result = seedSchema.safeParse(input)
  if (!result.success)
    throw new SeedError(describeIssues(seedSchema, result.error.issues, input, 'seed'))
  return result.data
}

/** A seed resolved into records, ready to be stored. */
export interface ResolvedSeed {
  companies: Company[]
  users: User[]
  /** Folders, assets and upload settings, when the seed has any. */
  library?: ResolvedLibrary
}

function rootPathOf(name: string): string {
  return `${name.replace(/\s+/g, '')}/`
}

/**
 * Resolves seed data into store records, deterministically: the same seed gives the same
 * handles and names.
 * @throws SeedError naming each JSON path that is wrong (nothing is resolved).
 */
export function resolveSeed(input: SeedData): ResolvedSeed {
  const seed = validateSeed(input)
  // The shared instance is reseeded here and used synchronously, so every resolve is reproducible.
  faker.seed(seed.fakerSeed ?? defaults.fakerSeed)
  const companies = seed.companies.map((company, position): Company => ({
    handle: company.handle ?? `c|${100 + position + 1}`,
    name: company.name,
    rootPath: company.rootPath ?? rootPathOf(company.name),
    ...(company.expires ? { expires: company.expires } : {}),
    ...(company.imsOrgId ? { imsOrgId: company.imsOrgId } : {}),
  }))
  const byKey = new Map<string, Company>()
  for (const company of companies) byKey.set(company.handle, company).set(company.name, company)
  const users = seed.users.map((user, position): User => {
    const email = user.email.trim()
    const memberships = user.companies.map((key) => ({
      companyHandle: (byKey.get(key) as Company).handle,
      role: user.role,
      isActive: true,
    }))
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
  const settings = seed.companies.flatMap((company, position) => {
    const { overwriteMode, retainPublishState } = company
    if (overwriteMode === undefined && retainPublishState === undefined) return []
    const handle = (companies[position] as Company).handle
    return [{ companyHandle: handle, overwriteMode, retainPublishState }]
  })
  if (!seed.folders?.length && !seed.assets?.length && settings.length === 0) {
    return { companies, users }
  }
  const invalid = (path: string, message: string) => new SeedError([{ path, message }])
  const library = resolveLibrary(seed, (key) => byKey.get(key), users, faker, invalid)
  return { companies, users, library: Object.assign(library, { settings }) }
}
