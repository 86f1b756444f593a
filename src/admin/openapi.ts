/** The admin API described as OpenAPI 3.1, served at `/__admin/openapi.json`. */
import { roles } from '../store/models.js'
import { scenarioComponents, scenarioPaths } from './scenario-openapi.js'

const jsonBody = (schema: object, description?: string) => ({
  required: true,
  ...(description ? { description } : {}),
  content: { 'application/json': { schema } },
})

const ok = (description: string, schema: object = { type: 'object' }) => ({
  200: { description, content: { 'application/json': { schema } } },
})

const error = { $ref: '#/components/schemas/Error' }
const problems = {
  400: {
    description: 'The request is not valid; the error says why.',
    content: { 'application/json': { schema: error } },
  },
  401: {
    description: 'A token is set and the request lacks it.',
    content: { 'application/json': { schema: error } },
  },
  403: {
    description: 'The server listens beyond loopback and no token is set.',
    content: { 'application/json': { schema: error } },
  },
}

const handleParameter = {
  name: 'handle',
  in: 'path',
  required: true,
  description: 'A job handle, URL-encoded (`j%7C101%7Cname%7C`).',
  schema: { type: 'string' },
}

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'ips-mock admin API',
    version: '1',
    description:
      'Controls a running ips-mock server: reset it, replace its seed, set up Pact provider states, read the call journal, inject faults and latency, move its clock, read its outbox and jobs. Listens on loopback only unless the server was started with --admin-token; with a token every call needs `Authorization: Bearer <token>`.',
  },
  servers: [{ url: '/__admin' }],
  security: [{}, { bearer: [] }],
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: { error: { type: 'string' } },
      },
      Seed: {
        type: 'object',
        required: ['companies', 'users'],
        properties: {
          fakerSeed: { type: 'integer' },
          companies: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name'],
              properties: {
                name: { type: 'string' },
                handle: { type: 'string' },
                expires: { type: 'string', format: 'date-time' },
              },
            },
          },
          users: {
            type: 'array',
            items: {
              type: 'object',
              required: ['email', 'password', 'role', 'companies'],
              properties: {
                email: { type: 'string' },
                password: { type: 'string' },
                role: { enum: roles },
                companies: { type: 'array', items: { type: 'string' } },
              },
            },
          },
        },
      },
      FaultRule: {
        type: 'object',
        description:
          'When a rule acts (operation, nth, from, times, probability) and what it does (delay, then at most one of fault, status, reset, garbage, hang). The X-Ips-Mock-Fault request header takes the same rule.',
        properties: {
          operation: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
          nth: { type: 'integer', minimum: 1 },
          from: { type: 'integer', minimum: 1 },
          times: { type: 'integer', minimum: 1 },
          probability: { type: 'number', minimum: 0, maximum: 1 },
          delay: {
            oneOf: [
              { type: 'integer', minimum: 0 },
              { type: 'array', items: { type: 'integer', minimum: 0 }, minItems: 2, maxItems: 2 },
            ],
          },
          fault: { oneOf: [{ type: 'integer' }, { type: 'string' }] },
          reason: { type: 'string' },
          status: { type: 'integer', minimum: 400, maximum: 599 },
          reset: { const: true },
          garbage: { const: true },
          hang: { const: true },
        },
      },
      InjectedFault: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          rule: { $ref: '#/components/schemas/FaultRule' },
          calls: { type: 'integer' },
          fired: { type: 'integer' },
        },
      },
      Clock: {
        type: 'object',
        properties: {
          now: { type: 'string', format: 'date-time' },
          controlled: { type: 'boolean' },
        },
      },
      ...scenarioComponents,
    },
  },
  paths: {
    '/openapi.json': { get: { summary: 'This document.', responses: ok('OpenAPI 3.1') } },
    '/reset': {
      post: {
        summary:
          'Back to the seed: state, runs, e-mails, scenarios, journal and injected faults discarded.',
        responses: { ...ok('Reset.'), ...problems },
      },
    },
    '/seed': {
      get: {
        summary: 'The companies and users in the store (no passwords).',
        responses: { ...ok('Companies and users.'), ...problems },
      },
      put: {
        summary: 'Replaces the seed: the mock resets to it now and on every later reset.',
        requestBody: jsonBody({ $ref: '#/components/schemas/Seed' }),
        responses: { ...ok('Counts of companies and users loaded.'), ...problems },
      },
    },
    '/provider-states': {
      post: {
        summary: "A Pact verifier's state change: sets the mock up in a named provider state.",
        requestBody: jsonBody({
          type: 'object',
          required: ['state'],
          properties: {
            state: { type: 'string' },
            params: { type: 'object' },
            action: { enum: ['setup', 'teardown'] },
          },
        }),
        responses: {
          ...ok('The values the state created, e.g. {"jobHandle": "j|101|running job|"}.'),
          ...problems,
        },
      },
    },
    '/journal': {
      get: {
        summary: 'Calls received, oldest first (passwords redacted).',
        parameters: [
          ...['operation', 'user'].map((name) => ({
            name,
            in: 'query',
            schema: { type: 'string' },
          })),
          ...['faultCode', 'status', 'limit'].map((name) => ({
            name,
            in: 'query',
            schema: { type: 'integer' },
          })),
          ...['injected', 'unserved'].map((name) => ({
            name,
            in: 'query',
            schema: { type: 'boolean' },
          })),
        ],
        responses: {
          ...ok('Journal entries.', { type: 'array', items: { type: 'object' } }),
          ...problems,
        },
      },
      delete: { summary: 'Forgets every entry.', responses: { ...ok('Cleared.'), ...problems } },
    },
    '/faults': {
      get: {
        summary: 'The fault rules in force.',
        responses: {
          ...ok('Rules.', { type: 'array', items: { $ref: '#/components/schemas/InjectedFault' } }),
          ...problems,
        },
      },
      post: {
        summary: 'Adds a fault or latency rule.',
        requestBody: jsonBody({ $ref: '#/components/schemas/FaultRule' }),
        responses: {
          201: {
            description: 'The rule, with its id.',
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/InjectedFault' } },
            },
          },
          ...problems,
        },
      },
      delete: { summary: 'Removes every rule.', responses: { ...ok('Cleared.'), ...problems } },
    },
    '/faults/{id}': {
      delete: {
        summary: 'Removes one rule.',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { ...ok('Removed.'), 404: { description: 'No such rule.' }, ...problems },
      },
    },
    '/clock': {
      get: {
        summary: "The mock's time.",
        responses: { ...ok('Now.', { $ref: '#/components/schemas/Clock' }), ...problems },
      },
      post: {
        summary: 'Sets the clock, moves it forward, or lets it follow the system clock again.',
        requestBody: jsonBody({
          type: 'object',
          description: 'Exactly one of set, advance, system.',
          properties: {
            set: { type: 'string', format: 'date-time' },
            advance: { oneOf: [{ type: 'string', examples: ['30s', '2h'] }, { type: 'integer' }] },
            system: { const: true },
          },
        }),
        responses: { ...ok('Now.', { $ref: '#/components/schemas/Clock' }), ...problems },
      },
    },
    '/outbox': {
      get: {
        summary: 'E-mails IPS would have sent, oldest first.',
        responses: { ...ok('E-mails.', { type: 'array', items: { type: 'object' } }), ...problems },
      },
    },
    '/jobs': {
      get: {
        summary: 'Jobs in the store.',
        parameters: [{ name: 'companyHandle', in: 'query', schema: { type: 'string' } }],
        responses: { ...ok('Jobs.', { type: 'array', items: { type: 'object' } }), ...problems },
      },
    },
    '/jobs/run-until-idle': {
      post: {
        summary: 'Moves the clock from event to event until every triggered run has ended.',
        responses: {
          ...ok('The time it stopped at.', { $ref: '#/components/schemas/Clock' }),
          ...problems,
        },
      },
    },
    '/jobs/{handle}': {
      get: {
        summary: 'One job and its job logs.',
        parameters: [handleParameter],
        responses: { ...ok('The job.'), 404: { description: 'No such job.' }, ...problems },
      },
    },
    '/jobs/{handle}/release': {
      post: {
        summary: 'Lets a run held by a scenario (hold: true) finish.',
        parameters: [handleParameter],
        responses: { ...ok('Released.'), 404: { description: 'No such job.' }, ...problems },
      },
    },
    ...scenarioPaths,
  },
} as const
