/**
 * The admin endpoints: for each, its summary, the schemas of its body, query and answers. The
 * handler checks every request against its row before the route runs; the OpenAPI document is
 * generated from this table. To add an endpoint: its schemas in `schemas.ts`, a row here, its
 * route in the routes table (which receives the parsed body and query).
 */
import { z } from 'zod'
import {
  clockAnswer,
  clockBody,
  dateTime,
  done,
  emailAnswer,
  errorAnswer,
  faultRuleSchema,
  injectedFaultAnswer,
  jobAnswer,
  jobWithLogsAnswer,
  journalEntryAnswer,
  journalQuery,
  providerStateBody,
  seedLoaded,
  seedSchema,
  seedSummary,
} from './schemas.js'
import { assetEndpoints } from './asset-endpoints.js'
import { scenarioEndpoints } from './scenario-endpoints.js'

/** One admin endpoint as the handler checks it and the OpenAPI document describes it. */
export interface EndpointSpec {
  summary: string
  /** The JSON body, when the endpoint takes one. */
  body?: z.ZodType
  /** What errors call the body's root (default `body`): `seed: expected an object, got null`. */
  bodyName?: string
  /** The query parameters. */
  query?: z.ZodObject
  /** Descriptions of the `{param}`s in the path. */
  params?: Record<string, string>
  /** Answers by status; every endpoint also answers the admin errors with `errorAnswer`. */
  responses: Record<number, { description: string; schema?: z.ZodType }>
}

const handle = { handle: 'A job handle, URL-encoded (`j%7C101%7Cname%7C`).' }

export const endpoints = {
  'GET /openapi.json': {
    summary: 'This document.',
    responses: { 200: { description: 'OpenAPI 3.1' } },
  },
  'GET /seed.schema.json': {
    summary: 'The JSON Schema of a seed (`--seed-file`, `PUT /seed`).',
    responses: { 200: { description: 'JSON Schema 2020-12' } },
  },
  'POST /reset': {
    summary:
      'Back to the seed: state, runs, e-mails, scenarios, journal and injected faults discarded.',
    responses: { 200: { description: 'Reset.', schema: done('reset') } },
  },
  'GET /seed': {
    summary: 'The companies and users in the store (no passwords).',
    responses: { 200: { description: 'Companies and users.', schema: seedSummary } },
  },
  'PUT /seed': {
    summary:
      'Replaces the seed: the mock resets to it now and on every later reset. A seed that does not fit the schema changes nothing.',
    body: seedSchema,
    bodyName: 'seed',
    responses: {
      200: { description: 'Counts of companies and users loaded.', schema: seedLoaded },
    },
  },
  'POST /provider-states': {
    summary: "A Pact verifier's state change: sets the mock up in a named provider state.",
    body: providerStateBody,
    responses: {
      200: {
        description: 'The values the state created, e.g. {"jobHandle": "j|101|running job|"}.',
        schema: z.record(z.string(), z.string()),
      },
    },
  },
  'GET /journal': {
    summary: 'Calls received, oldest first (passwords redacted).',
    query: journalQuery,
    responses: { 200: { description: 'Journal entries.', schema: z.array(journalEntryAnswer) } },
  },
  'DELETE /journal': {
    summary: 'Forgets every entry.',
    responses: { 200: { description: 'Cleared.', schema: done('cleared') } },
  },
  'GET /faults': {
    summary: 'The fault rules in force.',
    responses: { 200: { description: 'Rules.', schema: z.array(injectedFaultAnswer) } },
  },
  'POST /faults': {
    summary: 'Adds a fault or latency rule.',
    body: faultRuleSchema,
    responses: { 201: { description: 'The rule, with its id.', schema: injectedFaultAnswer } },
  },
  'DELETE /faults': {
    summary: 'Removes every rule.',
    responses: { 200: { description: 'Cleared.', schema: done('cleared') } },
  },
  'DELETE /faults/{id}': {
    summary: 'Removes one rule.',
    params: { id: 'The rule id, e.g. `f1`.' },
    responses: {
      200: { description: 'Removed.', schema: z.object({ removed: z.string() }).strict() },
      404: { description: 'No such rule.', schema: errorAnswer },
    },
  },
  'GET /clock': {
    summary: "The mock's time.",
    responses: { 200: { description: 'Now.', schema: clockAnswer } },
  },
  'POST /clock': {
    summary: 'Sets the clock, moves it forward, or lets it follow the system clock again.',
    body: clockBody,
    responses: { 200: { description: 'Now.', schema: clockAnswer } },
  },
  'GET /outbox': {
    summary: 'E-mails IPS would have sent, oldest first.',
    responses: { 200: { description: 'E-mails.', schema: z.array(emailAnswer) } },
  },
  'GET /jobs': {
    summary: 'Jobs in the store; a run that has not ended carries its `progress`.',
    query: z.object({ companyHandle: z.string().optional() }).strict(),
    responses: { 200: { description: 'Jobs.', schema: z.array(jobAnswer) } },
  },
  'POST /jobs/run-until-idle': {
    summary: 'Moves the clock from event to event until every triggered run has ended.',
    responses: {
      200: { description: 'The time it stopped at.', schema: z.object({ now: dateTime }).strict() },
    },
  },
  'GET /jobs/{handle}': {
    summary: 'One job and its job logs.',
    params: handle,
    responses: {
      200: { description: 'The job.', schema: jobWithLogsAnswer },
      404: { description: 'No such job.', schema: errorAnswer },
    },
  },
  'POST /jobs/{handle}/release': {
    summary: 'Lets a run held by a scenario (hold: true) finish.',
    params: handle,
    responses: {
      200: { description: 'Released.', schema: z.object({ released: z.string() }).strict() },
      404: { description: 'No such job.', schema: errorAnswer },
      409: { description: 'The job is not held by a scenario.', schema: errorAnswer },
    },
  },
  ...scenarioEndpoints,
  ...assetEndpoints,
} as const satisfies Record<string, EndpointSpec>

export type EndpointKey = keyof typeof endpoints

/** The parsed body an endpoint's route receives. */
export type BodyOf<K extends EndpointKey> = (typeof endpoints)[K] extends { body: z.ZodType }
  ? z.output<(typeof endpoints)[K]['body']>
  : undefined

/** The parsed query an endpoint's route receives. */
export type QueryOf<K extends EndpointKey> = (typeof endpoints)[K] extends { query: z.ZodObject }
  ? z.output<(typeof endpoints)[K]['query']>
  : Record<string, never>
