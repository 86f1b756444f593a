import { z } from 'zod'
import { toMilliseconds } from '../engine/duration.js'
import type { Scenario } from '../engine/scenarios.js'

/** The body of `POST /__admin/scenarios` and its parts, as zod schemas (the OpenAPI document reads them). */

const positive = z.number().int().min(1)

const fileProblem = z.strictObject({
  file: z.string().min(1).optional().describe('The file the log names; default: the next file.'),
  message: z.string().optional().describe('The log message; default: a generic one.'),
})

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

export const scenarioMatchSchema = z.strictObject({
  jobName: z.string().optional().describe('The submitted job name, exactly.'),
  jobNamePattern: pattern.optional().describe('A regular expression the job name matches.'),
  jobType: z
    .string()
    .optional()
    .describe('The job element (`uploadUrlsJob`) or the ActiveJob type (`UrlUpload`).'),
  companyHandle: z.string().optional(),
})

/** A scenario rule as JSON: the same rule `mock.scenarios.add()` takes, with `jobNamePattern` for a RegExp. */
export const scenarioSchema = z
  .strictObject({
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
  .describe('A scenario rule: which runs it applies to, and what they do instead of succeeding.')

/** A rule in force, as `GET /__admin/scenarios` lists it. */
export const scenarioRuleSchema = z.object({
  id: z.string().describe('`s1`, `s2`, …'),
  scenario: scenarioSchema,
  remaining: z.number().int().nullable().describe('Runs it still applies to; null: unlimited.'),
  seen: z.number().int().describe('Matching runs it has seen.'),
})

/** A saved state of the server, as `POST /__admin/snapshots` answers it. */
export const snapshotInfoSchema = z.object({
  id: z.string().describe('`snap-1`, `snap-2`, …'),
  label: z.string().optional(),
  createdAt: z.string().describe('When it was taken, system time.'),
  mockTime: z.string().describe("The mock clock's time when it was taken."),
})

export const snapshotBodySchema = z.strictObject({
  label: z.string().max(200).optional().describe('A name to find it by.'),
})

/** Reads a JSON scenario; `issues` lists what is wrong, by path. */
export function readScenario(value: unknown): { scenario: Scenario } | { issues: string } {
  const parsed = scenarioSchema.safeParse(value)
  if (!parsed.success) return { issues: describeIssues(parsed.error) }
  return { scenario: parsed.data as Scenario }
}

/** `match.jobType: expected string; times: too small` from a zod error. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`)
    .join('; ')
}
