// How a JSON input that does not fit its schema is described (seed files, admin bodies): a path
// and what was expected, never the value itself.
import { z } from 'zod'
import { expect, it } from 'vitest'
import { describeIssues, issueText, jsonPath } from '../src/utils/internal/issues.js'

const schema = z.strictObject({
  name: z.string(),
  count: z.int().optional(),
  kind: z.enum(['a', 'b']).optional(),
  when: z.union([z.string(), z.number()]).optional(),
  tags: z.array(z.strictObject({ label: z.string().min(2) })).optional(),
  nested: z.strictObject({ inner: z.object({ flag: z.boolean() }) }).optional(),
})

function issues(input: unknown, root = 'body') {
  const result = schema.safeParse(input)
  if (result.success) throw new Error('expected the input to be refused')
  return describeIssues(schema, result.error.issues, input, root)
}

it('names a missing field as required and a wrong one by its kind, never its value', () => {
  expect(issues({})).toEqual([{ path: 'name', message: 'required' }])
  const secret = 'hunter2-secret'
  const described = issues({ name: [secret], count: 1.5, nested: { inner: { flag: null } } })
  expect(described).toEqual([
    { path: 'name', message: 'expected a string, got an array' },
    { path: 'count', message: 'expected a whole number, got a number' },
    { path: 'nested.inner.flag', message: 'expected a boolean, got null' },
  ])
  expect(JSON.stringify(described)).not.toContain('hunter2')
  expect(issues({ name: 'x', tags: {} })).toEqual([
    { path: 'tags', message: 'expected an array, got an object' },
  ])
  expect(issues({ name: 3 })).toEqual([
    { path: 'name', message: 'expected a string, got a whole number' },
  ])
  expect(issues('x', 'seed')).toEqual([
    { path: 'seed', message: 'expected an object, got a string' },
  ])
})

it('names unknown fields, with the closest known one where there is one, at any depth', () => {
  expect(issues({ name: 'x', nmae: 1, zzzzzz: 2 })).toEqual([
    {
      path: 'body',
      message: 'unknown field "nmae" (did you mean "name"?); unknown field "zzzzzz"',
    },
  ])
  expect(issues({ name: 'x', tags: [{ label: 'ok' }, { labl: 'x', label: 'ok' }] })).toEqual([
    { path: 'tags[1]', message: 'unknown field "labl" (did you mean "label"?)' },
  ])
  expect(issues({ name: 'x', nested: { inner: { flag: true }, inne: 1 } })).toEqual([
    { path: 'nested', message: 'unknown field "inne" (did you mean "inner"?)' },
  ])
})

it('lists the allowed constants, refuses a value no form accepts, and passes other messages on', () => {
  expect(issues({ name: 'x', kind: 'c' })).toEqual([
    { path: 'kind', message: 'expected one of "a", "b"' },
  ])
  expect(issues({ name: 'x', when: true })).toEqual([
    { path: 'when', message: 'does not match any of the accepted forms' },
  ])
  const [tooShort] = issues({ name: 'x', tags: [{ label: 'y' }] })
  expect(tooShort?.path).toBe('tags[0].label')
  expect(tooShort?.message).toMatch(/2/)
})

it('writes paths as JSON paths, quoting names that are not identifiers', () => {
  expect(jsonPath([], 'seed')).toBe('seed')
  expect(jsonPath(['users', 1, 'password'], 'seed')).toBe('users[1].password')
  expect(jsonPath([0, 'a-b', 'c'], 'seed')).toBe('[0]["a-b"].c')
  expect(
    issueText([
      { path: 'a', message: 'required' },
      { path: 'b[0]', message: 'expected a string, got null' },
    ]),
  ).toBe('a: required; b[0]: expected a string, got null')
})
