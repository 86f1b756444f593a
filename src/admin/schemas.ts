/**
 * Every admin API body, query and answer as a zod schema. The endpoint table (`endpoints.ts`)
 * names them per endpoint; the admin handler validates each request with them before a route
 * runs, and the OpenAPI document (`openapi.ts`) is generated from them.
 */
import { z } from 'zod'
import { MAX_DELAY_MS, outcomeKeys } from '../injection/rule.js'
import { jobLogSchema, jobSchema, roles } from '../store/models.js'
import { seedCompanySchema, seedSchema, seedUserSchema } from '../store/seed-schema.js'

export { seedSchema }

/** The schemas that get a name in the OpenAPI document's `components.schemas`. */
export const components = z.registry<{ id: string }>()
const named = <T extends z.ZodType>(id: string, schema: T): T => {
  components.add(schema, { id })
  return schema
}

named('Seed', seedSchema)
named('SeedCompany', seedCompanySchema)
named('SeedUser', seedUserSchema)

/** An ISO 8601 instant as the admin API writes it. */
export const dateTime = z.iso.datetime({ offset: true })
const count = z.number().int().min(0)

/** Every admin error: what went wrong, and for a body that does not fit, where. */
export const errorAnswer = named(
  'Error',
  z
    .object({
      error: z.string(),
      issues: z
        .array(z.object({ path: z.string(), message: z.string() }).strict())
        .optional()
        .describe(
          'For a body or query that does not fit its schema: each JSON path and what it needs.',
        ),
    })
    .strict(),
)

// ---- fault rules ----

const wholeNumber = z.number().int()
export const faultRuleSchema = named(
  'FaultRule',
  z
    .object({
      operation: z
        .union([z.string(), z.array(z.string()).min(1)])
        .optional()
        .describe('The IPS operation(s) the rule applies to (default: every operation).'),
      nth: wholeNumber.min(1).optional().describe('Only the n-th matching call (1 = the first).'),
      from: wholeNumber.min(1).optional().describe('Every matching call from the n-th on.'),
      times: wholeNumber.min(1).optional().describe('Acts at most this many times.'),
      probability: z.number().min(0).max(1).optional(),
      delay: z
        .union([
          wholeNumber.min(0).max(MAX_DELAY_MS),
          z.tuple([wholeNumber.min(0).max(MAX_DELAY_MS), wholeNumber.min(0).max(MAX_DELAY_MS)]),
        ])
        .optional()
        .describe('Milliseconds to wait first, or [min, max] for a seeded random wait.'),
      fault: z
        .union([wholeNumber, z.string()])
        .optional()
        .describe('An IPS fault code (30000) or its catalog name.'),
      reason: z.string().optional(),
      status: wholeNumber.min(400).max(599).optional(),
      reset: z.literal(true).optional(),
      garbage: z.literal(true).optional(),
      hang: z.literal(true).optional(),
    })
    .strict()
    .describe(
      `When a rule acts (operation, nth, from, times, probability) and what it does (delay, then at most one of ${outcomeKeys.join(', ')}). The X-Ips-Mock-Fault request header takes the same rule.`,
    ),
)

export const injectedFaultAnswer = named(
  'InjectedFault',
  z.object({ id: z.string(), rule: faultRuleSchema, calls: count, fired: count }).strict(),
)

// ---- clock ----

export const clockAnswer = named(
  'Clock',
  z.object({ now: dateTime, controlled: z.boolean() }).strict(),
)

export const clockBody = named(
  'ClockChange',
  z
    .object({
      set: z.union([z.string(), z.number()]).optional().describe('A date: ISO 8601 or epoch ms.'),
      advance: z
        .union([z.string(), z.number().min(0)])
        .optional()
        .describe('A duration: milliseconds or e.g. "30s", "2h", "1d".'),
      system: z.literal(true).optional().describe('Follow the system clock again.'),
    })
    .strict()
    .refine(
      (body) => Object.values(body).filter((value) => value !== undefined).length === 1,
      'send exactly one of "set" (a date), "advance" (e.g. "30s") or "system": true',
    ),
)

// ---- seed, reset, provider states ----

export const seedSummary = named(
  'SeedSummary',
  z
    .object({
      companies: z.array(z.object({ handle: z.string(), name: z.string() }).strict()),
      users: z.array(
        z.object({ handle: z.string(), email: z.string(), role: z.enum(roles) }).strict(),
      ),
    })
    .strict()
    .describe('The companies and users in the store; passwords are never shown.'),
)

export const seedLoaded = z.object({ companies: count, users: count }).strict()

export const providerStateBody = named(
  'ProviderStateChange',
  z
    .object({
      state: z.string(),
      params: z.record(z.string(), z.unknown()).optional(),
      action: z.enum(['setup', 'teardown']).optional(),
    })
    .strict(),
)

// ---- journal ----

const flag = z.enum(['true', 'false']).transform((value) => value === 'true')
const digits = z
  .string()
  .regex(/^\d{1,15}$/, 'expected a whole number')
  .transform(Number)

export const journalQuery = z
  .object({
    operation: z.string().optional(),
    user: z.string().optional(),
    faultCode: digits.optional(),
    status: digits.optional(),
    injected: flag.optional(),
    unserved: flag.optional(),
    limit: digits.optional().describe('Only the newest n entries.'),
  })
  .strict()

const bodyFacts = z
  .object({
    bytes: count.describe('The body size as received, in UTF-8 bytes.'),
    truncated: z.boolean().describe('True when the journal kept only a prefix of the body.'),
  })
  .strict()

export const journalEntryAnswer = named(
  'JournalEntry',
  z
    .object({
      id: z.number().int().min(1),
      time: dateTime,
      durationMs: z.number().min(0),
      soapVersion: z.enum(['1.1', '1.2', 'plain']),
      operation: z.string().optional(),
      element: z.string().optional(),
      namespace: z.string().optional(),
      user: z.string().optional(),
      status: z.number().int().optional(),
      params: z.record(z.string(), z.unknown()).optional(),
      authHeader: z.record(z.string(), z.unknown()).optional(),
      response: z.record(z.string(), z.unknown()).optional(),
      requestBody: bodyFacts.optional(),
      responseBody: bodyFacts.optional(),
      fault: z
        .object({
          code: z.number().int(),
          element: z.enum(['authenticationFault', 'authorizationFault', 'ipsApiFault']),
          reason: z.string(),
        })
        .strict()
        .optional(),
      unserved: z
        .object({ kind: z.string(), explanation: z.string(), suggestion: z.string().optional() })
        .strict()
        .optional(),
      injected: z
        .object({
          by: z.array(z.string()),
          delayMs: z.number().optional(),
          fault: z.object({ code: z.number().int(), reason: z.string() }).strict().optional(),
          status: z.number().int().optional(),
          action: z.enum(['reset', 'garbage', 'hang']).optional(),
        })
        .strict()
        .optional(),
    })
    .strict()
    .describe('One call the mock received; passwords are `[redacted]`.'),
)

// ---- jobs and outbox ----

export const jobAnswer = named(
  'Job',
  jobSchema.extend({ params: z.record(z.string(), z.unknown()) }).strict(),
)
export const jobLogAnswer = named('JobLog', jobLogSchema.strict())
export const jobWithLogsAnswer = jobAnswer.extend({ logs: z.array(jobLogAnswer) }).strict()

export const emailAnswer = named(
  'Email',
  z
    .object({
      to: z.string(),
      subject: z.string(),
      text: z.string(),
      jobHandle: z.string(),
      jobName: z.string(),
      kind: z.enum(['started', 'completed']),
      locale: z.string(),
      sentAt: dateTime,
    })
    .strict(),
)

/** `{ [key]: true }`, the answer of calls that only act. */
export const done = (key: string) => z.object({ [key]: z.literal(true) }).strict()
