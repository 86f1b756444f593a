/** The OpenAPI paths of the scenario, snapshot and journal-entry endpoints, from their zod schemas. */
import { z } from 'zod'
import {
  scenarioRuleSchema,
  scenarioSchema,
  snapshotBodySchema,
  snapshotInfoSchema,
} from './scenario-schemas.js'

/** A JSON Schema object, as OpenAPI 3.1 embeds it. */
type JsonSchema = Record<string, unknown>

const schema = (type: z.ZodType): JsonSchema => {
  const { $schema: _, ...rest } = z.toJSONSchema(type, { io: 'input', unrepresentable: 'any' })
  return rest
}

export const scenarioComponents: Record<
  'Scenario' | 'ScenarioRule' | 'Snapshot' | 'SnapshotRequest',
  JsonSchema
> = {
  Scenario: schema(scenarioSchema),
  ScenarioRule: schema(scenarioRuleSchema),
  Snapshot: schema(snapshotInfoSchema),
  SnapshotRequest: schema(snapshotBodySchema),
}

const ref = (name: keyof typeof scenarioComponents) => ({
  $ref: `#/components/schemas/${name}`,
})
const body = (description: string, value: object) => ({
  description,
  content: { 'application/json': { schema: value } },
})
const error = { $ref: '#/components/schemas/Error' }
const refused = {
  400: body('The request is not valid; the error says why.', error),
  401: body('A token is set and the request lacks it.', error),
  403: body('The server listens beyond loopback and no token is set.', error),
}
const notFound = { 404: body('No such item.', error) }
const idParameter = (description: string) => ({
  name: 'id',
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
})

export const scenarioPaths = {
  '/': {
    get: {
      summary:
        'The dashboard: an HTML page over this API (jobs, journal, outbox, clock, faults, scenarios, snapshots, reset). It loads without the token and asks for it.',
      responses: {
        200: { description: 'The page.', content: { 'text/html': { schema: { type: 'string' } } } },
        403: body('The server listens beyond loopback and no token is set.', error),
      },
    },
  },
  '/scenarios': {
    get: {
      summary: 'The scenario rules in force, in the order they apply.',
      responses: { 200: body('Rules.', { type: 'array', items: ref('ScenarioRule') }), ...refused },
    },
    post: {
      summary:
        'Adds a scenario rule: the next, the n-th or every matching run fails, warns, errs on given files, takes a given time or holds until released.',
      requestBody: { required: true, content: { 'application/json': { schema: ref('Scenario') } } },
      responses: { 201: body('The rule, with its id.', ref('ScenarioRule')), ...refused },
    },
    delete: {
      summary: 'Removes every scenario rule.',
      responses: { 200: body('Cleared.', { type: 'object' }), ...refused },
    },
  },
  '/scenarios/{id}': {
    delete: {
      summary: 'Removes one scenario rule.',
      parameters: [idParameter('A rule id, e.g. `s1`.')],
      responses: { 200: body('Removed.', { type: 'object' }), ...notFound, ...refused },
    },
  },
  '/snapshots': {
    get: {
      summary: 'The snapshots kept (a reset keeps them).',
      responses: { 200: body('Snapshots.', { type: 'array', items: ref('Snapshot') }), ...refused },
    },
    post: {
      summary:
        'Saves the whole state: store, runs, clock, scenarios, outbox, journal and fault rules.',
      requestBody: {
        required: false,
        content: { 'application/json': { schema: ref('SnapshotRequest') } },
      },
      responses: {
        201: body('The snapshot.', ref('Snapshot')),
        409: body('As many snapshots as the server keeps exist already.', error),
        ...refused,
      },
    },
  },
  '/snapshots/{id}': {
    delete: {
      summary: 'Forgets a snapshot.',
      parameters: [idParameter('A snapshot id, e.g. `snap-1`.')],
      responses: { 200: body('Removed.', { type: 'object' }), ...notFound, ...refused },
    },
  },
  '/snapshots/{id}/restore': {
    post: {
      summary: 'Goes back to a snapshot: the server then answers exactly as it did after it.',
      parameters: [idParameter('A snapshot id, e.g. `snap-1`.')],
      responses: { 200: body('Restored.', { type: 'object' }), ...notFound, ...refused },
    },
  },
  '/journal/{id}': {
    get: {
      summary:
        'One journal entry with the request and response as XML text (`requestXml`, `responseXml`), passwords redacted.',
      parameters: [idParameter('The entry id, 1, 2, …')],
      responses: { 200: body('The entry.', { type: 'object' }), ...notFound, ...refused },
    },
  },
}
