/** The endpoint rows of scenarios, snapshots and one journal entry with its XML. */
import { z } from 'zod'
import type { EndpointSpec } from './endpoints.js'
import { errorAnswer } from './schemas.js'
import {
  journalEntryWithXml,
  scenarioRuleAnswer,
  scenarioSchema,
  snapshotAnswer,
  snapshotBody,
} from './scenario-schemas.js'

const removed = z.object({ removed: z.string() }).strict()

export const scenarioEndpoints = {
  'GET /journal/{id}': {
    summary:
      'One call with its request and response as XML text (`requestXml`, `responseXml`), as the journal kept them, passwords redacted.',
    params: { id: 'The entry id: 1, 2, …' },
    responses: {
      200: { description: 'The entry.', schema: journalEntryWithXml },
      404: { description: 'No such entry.', schema: errorAnswer },
    },
  },
  'GET /scenarios': {
    summary: 'The scenario rules in force, in the order they apply.',
    responses: { 200: { description: 'Rules.', schema: z.array(scenarioRuleAnswer) } },
  },
  'POST /scenarios': {
    summary:
      'Adds a scenario rule: the next, the n-th or every matching run fails, warns, errs on given files, takes a given time or holds until released.',
    body: scenarioSchema,
    bodyName: 'scenario',
    responses: { 201: { description: 'The rule, with its id.', schema: scenarioRuleAnswer } },
  },
  'DELETE /scenarios': {
    summary: 'Removes every scenario rule.',
    responses: {
      200: { description: 'Cleared.', schema: z.object({ cleared: z.literal(true) }).strict() },
    },
  },
  'DELETE /scenarios/{id}': {
    summary: 'Removes one scenario rule.',
    params: { id: 'The rule id, e.g. `s1`.' },
    responses: {
      200: { description: 'Removed.', schema: removed },
      404: { description: 'No such rule.', schema: errorAnswer },
    },
  },
  'GET /snapshots': {
    summary: 'The snapshots kept (a reset keeps them).',
    responses: { 200: { description: 'Snapshots.', schema: z.array(snapshotAnswer) } },
  },
  'POST /snapshots': {
    summary:
      'Saves the whole state: store, runs, clock, scenarios, outbox, journal and fault rules.',
    body: snapshotBody.optional(),
    responses: {
      201: { description: 'The snapshot.', schema: snapshotAnswer },
      409: {
        description: 'As many snapshots as the server keeps exist already.',
        schema: errorAnswer,
      },
    },
  },
  'POST /snapshots/{id}/restore': {
    summary: 'Goes back to a snapshot: the server then answers exactly as it did after it.',
    params: { id: 'A snapshot id, e.g. `snap-1`.' },
    responses: {
      200: {
        description: 'Restored.',
        schema: z.object({ restored: z.string(), now: z.string() }).strict(),
      },
      404: { description: 'No such snapshot.', schema: errorAnswer },
    },
  },
  'DELETE /snapshots/{id}': {
    summary: 'Forgets a snapshot.',
    params: { id: 'A snapshot id, e.g. `snap-1`.' },
    responses: {
      200: { description: 'Removed.', schema: removed },
      404: { description: 'No such snapshot.', schema: errorAnswer },
    },
  },
} as const satisfies Record<string, EndpointSpec>
