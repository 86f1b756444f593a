/**
 * The admin API described as OpenAPI 3.1, served at `/__admin/openapi.json`: generated from the
 * endpoint table and the zod schemas in `schemas.ts`, so the document cannot drift from the
 * checks the handler makes.
 */
import { z } from 'zod'
import { type EndpointSpec, endpoints } from './endpoints.js'
import { components, errorAnswer, seedSchema } from './schemas.js'

type JsonSchema = Record<string, unknown>

const ref = (id: string) => `#/components/schemas/${id}`

/** Bodies and answers as JSON Schema; the named ones become `$ref`s to components. */
function schemaOf(schema: z.ZodType): JsonSchema {
  const id = components.get(schema)?.id
  if (id !== undefined) return { $ref: ref(id) }
  const { $schema: _, ...json } = z.toJSONSchema(schema, {
    io: 'input',
    metadata: components,
    uri: ref,
    unrepresentable: 'any',
  } as z.core.ToJSONSchemaParams) as JsonSchema
  return json
}

function componentSchemas(): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(components, { io: 'input', uri: ref, unrepresentable: 'any' })
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _, $id: __, ...json }]) => [id, json]),
  )
}

const problems = {
  400: 'The request is not valid (a body or query that does not fit its schema, bad JSON, a state-changing call without Content-Type: application/json); the error says why.',
  401: 'A token is set and the request lacks it.',
  403: 'The Host header names no address of this server, or the server listens beyond loopback and no token is set.',
  413: 'The body is larger than the server takes.',
}

function operationOf(key: string, spec: EndpointSpec) {
  const [method, path] = key.split(' ') as [string, string]
  const parameters: JsonSchema[] = []
  for (const [name, description] of Object.entries(spec.params ?? {})) {
    parameters.push({ name, in: 'path', required: true, description, schema: { type: 'string' } })
  }
  for (const [name, field] of Object.entries(spec.query?.shape ?? {})) {
    const { description, ...schema } = schemaOf((field as z.ZodOptional).unwrap() as z.ZodType)
    parameters.push({ name, in: 'query', ...(description ? { description } : {}), schema })
  }
  const responses: Record<string, JsonSchema> = {}
  for (const [status, answer] of Object.entries(spec.responses)) {
    responses[status] = {
      description: answer.description,
      content: {
        'application/json': {
          schema: answer.schema ? schemaOf(answer.schema) : { type: 'object' },
        },
      },
    }
  }
  for (const [status, description] of Object.entries(problems)) {
    if (status === '413' && spec.body === undefined) continue
    responses[status] ??= {
      description,
      content: { 'application/json': { schema: schemaOf(errorAnswer) } },
    }
  }
  return {
    method: method.toLowerCase(),
    path,
    operation: {
      summary: spec.summary,
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(spec.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: schemaOf(spec.body) } },
            },
          }
        : {}),
      responses,
    },
  }
}

/** The dashboard is a page, not an endpoint of the table: it holds no state and asks for the token. */
const dashboardPage = {
  summary:
    'The dashboard: one HTML page that works through the endpoints of this document. It loads without the token (and then asks for it), under the same Host and Origin rules.',
  security: [{}],
  responses: {
    200: { description: 'The page.', content: { 'text/html': { schema: { type: 'string' } } } },
    403: {
      description: problems[403],
      content: { 'application/json': { schema: schemaOf(errorAnswer) } },
    },
  },
}

function build() {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const [key, spec] of Object.entries(endpoints as Record<string, EndpointSpec>)) {
    const { method, path, operation } = operationOf(key, spec)
    ;(paths[path] ??= {})[method] = operation
  }
  paths['/'] = { get: dashboardPage }
  return {
    openapi: '3.1.0',
    info: {
      title: 'ips-mock admin API',
      version: '1',
      description:
        'Controls a running ips-mock server: reset it, replace its seed, set up Pact provider states, read the call journal, inject faults and latency, move its clock, read its outbox and jobs. Listens on loopback only unless the server was started with --admin-token; with a token every call needs `Authorization: Bearer <token>`. Requests must name this server in Host (its bound address, localhost, or a name given with --admin-host); calls that change state need `Content-Type: application/json` or the token, so a web page cannot make them.',
    },
    servers: [{ url: '/__admin' }],
    security: [{}, { bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: componentSchemas(),
    },
    paths,
  }
}

/** The OpenAPI document, built once. */
export const openApiDocument = build()

/** The seed's JSON Schema (2020-12), as published in the package as `ips-mock/seed.schema.json`. */
export const seedJsonSchema = {
  title: 'ips-mock seed',
  ...z.toJSONSchema(seedSchema, { io: 'input' }),
}
