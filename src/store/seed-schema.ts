import { z } from 'zod'
import { isDateTime } from '../schema/simple-types.js'
import { overwriteModes, trashStates } from './asset-models.js'
import { roles } from './models.js'

const text = z.string().min(1, 'must not be empty')

const dateTime = z
  .string()
  .refine(isDateTime, 'expected an xsd:dateTime, e.g. 2099-12-31T23:59:59Z')

/** A folder in a seed. */
export const seedFolderSchema = z
  .object({
    company: text.describe('Name or handle of the company.'),
    path: text.describe('Below the company root, e.g. `images/rooms` (the root may lead it).'),
  })
  .strict()

/** An asset in a seed; omitted fields are derived as an upload derives them. */
export const seedAssetSchema = z
  .object({
    company: text.describe('Name or handle of the company.'),
    path: text.describe('Folder and file name, e.g. `images/chair.jpg` (the root may lead it).'),
    handle: text
      .optional()
      .describe('Any form (`a|7`, `a|7|1|7`, `7|1|7`) or an opaque string; default `a|<n>`.'),
    type: text
      .optional()
      .describe(
        'An Asset Types constant; default by extension (jpg → Image, mp4 → Video, pdf → Pdf).',
      ),
    name: text.optional().describe('The IPS ID; default the file name without extension.'),
    readyForPublish: z.boolean().optional(),
    trashState: z.enum(trashStates).optional(),
    created: z
      .string()
      .refine(isDateTime, 'expected an xsd:dateTime, e.g. 2029-06-01T00:00:00Z')
      .optional()
      .describe('Default 2025-01-01T00:00:00Z.'),
    createUser: z.string().optional().describe('Default: the first seeded user of the company.'),
    fileSize: z.number().int().nonnegative().optional(),
    width: z.number().int().positive().optional(),
    height: z.number().int().positive().optional(),
  })
  .strict()

/** The seed's per-company upload settings (assets reference §6.2–6.3). */
export const seedCompanyUploadSettings = {
  overwriteMode: z
    .enum(overwriteModes)
    .optional()
    .describe('What an upload replaces; default OverwriteFullName.'),
  retainPublishState: z
    .boolean()
    .optional()
    .describe('Whether a replaced asset keeps its publish state; default true.'),
}

/** A folder in a seed. */
export type SeedFolder = z.input<typeof seedFolderSchema>
/** An asset in a seed. */
export type SeedAsset = z.input<typeof seedAssetSchema>

/** A company in a seed. Omitted fields are derived deterministically. */
export const seedCompanySchema = z
  .object({
    name: text.describe('Unique within the seed; users name it in `companies`.'),
    handle: text.optional().describe('Defaults to `c|<100 + position>`.'),
    rootPath: z.string().optional().describe('Defaults to the name without spaces, then `/`.'),
    expires: dateTime.optional().describe('When the company expires (xsd:dateTime).'),
    imsOrgId: z.string().optional(),
    ...seedCompanyUploadSettings,
  })
  .strict()

/** A user in a seed. `companies` lists company names or handles the user is an active member of. */
export const seedUserSchema = z
  .object({
    email: z
      .string()
      .refine((value) => /^[^\s@]+@[^\s@]+$/.test(value.trim()), 'expected an e-mail address')
      .describe('The login; unique within the seed, ignoring case.'),
    password: text.describe('Never shown by the mock: logs, journal and admin answers omit it.'),
    role: z.enum(roles),
    companies: z.array(text).describe('Names or handles of the companies the user belongs to.'),
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    handle: text.optional().describe('Defaults to `u|<1000 + position>|<email>`.'),
  })
  .strict()

/**
 * The data a mock starts from: `createIpsMock({ seed })`, `--seed-file`, `PUT /__admin/seed`.
 * Published as JSON Schema (`ips-mock/seed.schema.json`) and in the admin API's OpenAPI document.
 * @example
 * const result = seedSchema.safeParse(demoSeed)
 * if (!result.success) console.log(result.error.issues.map((issue) => issue.path.join('.')))
 */
export const seedSchema = z
  .object({
    companies: z.array(seedCompanySchema),
    users: z.array(seedUserSchema),
    fakerSeed: z
      .number()
      .int()
      .optional()
      .describe('Seeds faker, which fills the names a seed leaves out (default 7).'),
    folders: z
      .array(seedFolderSchema)
      .optional()
      .describe('Folders below company roots; missing parents are created too.'),
    assets: z
      .array(seedAssetSchema)
      .optional()
      .describe('Assets, their folders created as needed.'),
  })
  .strict()
  .superRefine((seed, context) => {
    const companies = new Set<string>()
    seed.companies.forEach((company, index) => {
      const handle = company.handle ?? `c|${100 + index + 1}`
      for (const key of new Set([company.name, handle])) {
        if (companies.has(key)) {
          context.addIssue({
            code: 'custom',
            path: ['companies', index],
            message: `company "${key}" is defined twice`,
          })
        }
        companies.add(key)
      }
    })
    const emails = new Set<string>()
    seed.users.forEach((user, index) => {
      const email = user.email.trim().toLowerCase()
      if (emails.has(email)) {
        context.addIssue({
          code: 'custom',
          path: ['users', index, 'email'],
          message: `"${user.email}" is already used by another user`,
        })
      }
      emails.add(email)
      user.companies.forEach((key, position) => {
        if (!companies.has(key)) {
          context.addIssue({
            code: 'custom',
            path: ['users', index, 'companies', position],
            message: `names unknown company "${key}"`,
          })
        }
      })
    })
  })

/**
 * The data a mock starts from, given to `createIpsMock({ seed })` or `--seed-file`.
 * @example
 * const seed: SeedData = {
 *   companies: [{ handle: 'c|1', name: 'Acme' }],
 *   users: [{ email: 'ops@acme.test', password: 'secret', role: 'IpsUser', companies: ['c|1'] }],
 * }
 * const mock = createIpsMock({ seed })
 */
export type SeedData = z.input<typeof seedSchema>
/**
 * A company in a seed.
 * @example
 * const company: SeedCompany = { handle: 'c|1', name: 'Acme', rootPath: 'acme/' }
 */
export type SeedCompany = z.input<typeof seedCompanySchema>
/**
 * A user in a seed.
 * @example
 * const user: SeedUser = { email: 'ops@acme.test', password: 'secret', role: 'IpsUser', companies: ['c|1'] }
 */
export type SeedUser = z.input<typeof seedUserSchema>
