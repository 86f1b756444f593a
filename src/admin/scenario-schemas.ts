/**
 * The admin API's scenario, snapshot and journal-entry schemas (the endpoints in
 * `scenario-endpoints.ts`), registered as named components of the OpenAPI document.
 */
import { z } from 'zod'
import { toMilliseconds } from '../engine/duration.js'
import { components, dateTime, journalEntryAnswer } from './schemas.js'

const named = <T extends z.ZodType>(id: string, schema: T): T => {
  components.add(schema, { id })
  return schema
}

const positive = z.number().int().min(1)

const fileProblem = z
  .object({
    file: z.string().min(1).optional().describe('The file the log names; default: the next file.'),
    message: z.string().optional().describe('The log message; default: a generic one.'),
  })
  .strict()

const problems = z
  .union([z.number().int().min(0).max(10_000), z.array(fileProblem).max(10_000)])
  .describe('A number of files, or the files and their messages.')

const pattern = z.string().refine(
  (source) => {
    try {
      new RegExp(source)
      return true
    } catch {
      return false
    }
  },
  { message: 'must be a valid regular expression' },
)

const duration = z.union([z.number(), z.string()]).refine(
  (value) => {
    try {
      toMilliseconds(value)
      return true
    } catch {
      return false
    }
  },
  { message: "must be milliseconds or a duration such as '500ms', '30s', '5m'" },
)

export const scenarioMatchSchema = z
  .object({
    jobName: z.string().optional().describe('The submitted job name, exactly.'),
    jobNamePattern: pattern.optional().describe('A regular expression the job name matches.'),
    jobType: z
      .string()
      .optional()
      .describe('The job element (`uploadUrlsJob`) or the ActiveJob type (`UrlUpload`).'),
    companyHandle: z.string().optional(),
  })
  .strict()

/** A scenario rule as JSON: the rule `mock.scenarios.add()` takes, `jobNamePattern` for a RegExp. */
export const scenarioSchema = named(
  'Scenario',
  z
    .object({
      match: scenarioMatchSchema.optional().describe('Runs it applies to (default: every run).'),
      nth: positive.optional().describe('Only the n-th matching run (earlier ones pass it by).'),
      times: positive.optional().describe('Runs it applies to before it is used up.'),
      errors: problems.optional().describe('Files that fail, with an error line each.'),
      warnings: problems.optional().describe('Files that succeed with a warning.'),
      fatal: z
        .union([z.boolean(), z.string()])
        .optional()
        .describe('The run fails with a FatalError line (true, or the message).'),
      duration: duration.optional().describe('How long the run takes once running.'),
      hold: z
        .boolean()
        .optional()
        .describe('The run stays Running until POST /__admin/jobs/{handle}/release.'),
    })
    .strict()
    .describe('A scenario rule: which runs it applies to, and what they do instead of succeeding.'),
)

export const scenarioRuleAnswer = named(
  'ScenarioRule',
  z
    .object({
      id: z.string().describe('`s1`, `s2`, …'),
      scenario: scenarioSchema,
      remaining: z.number().int().nullable().describe('Runs it still applies to; null: unlimited.'),
      seen: z.number().int().describe('Matching runs it has seen.'),
    })
    .strict(),
)

export const snapshotBody = z
  .object({ label: z.string().max(200).optional().describe('A name to find it by.') })
  .strict()

export const snapshotAnswer = named(
  'Snapshot',
  z
    .object({
      id: z.string().describe('`snap-1`, `snap-2`, …'),
      label: z.string().optional(),
      createdAt: dateTime.describe('When it was taken, system time.'),
      mockTime: dateTime.describe("The mock clock's time when it was taken."),
    })
    .strict(),
)

export const journalEntryWithXml = journalEntryAnswer
  .extend({
    requestXml: z
      .string()
      .optional()
      .describe('The request as the journal kept it, passwords `[redacted]`.'),
    responseXml: z.string().optional().describe('The response as the journal kept it.'),
  })
  .strict()
