// The job commands' table written out cell by cell (reference §9: stop a running job, pause an
// active or scheduled one, resume a paused one, delete a current or scheduled job, execute a
// scheduled one now), so that a change to src/engine/transitions.ts must change this too.
// test/transitions.test.ts drives every cell through the SOAP operations.
import { expect, it } from 'vitest'
import {
  type Command,
  type Next,
  type Phase,
  phases,
  transitions,
} from '../src/engine/transitions.js'

const refused = 'refused'
type Cell = readonly Next[] | typeof refused

const expected: Record<Command, Record<Phase, Cell>> = {
  stop: {
    'Scheduled/Normal': refused,
    'Scheduled/Paused': refused,
    'Scheduled/Complete': refused,
    New: ['Stopping'],
    Running: ['Stopping'],
    Stopping: refused,
    WaitingClient: ['Stopping'],
    Done: refused,
  },
  pause: {
    'Scheduled/Normal': ['Scheduled/Paused'],
    'Scheduled/Paused': refused,
    'Scheduled/Complete': refused,
    New: ['WaitingClient'],
    Running: ['WaitingClient'],
    Stopping: refused,
    WaitingClient: refused,
    Done: refused,
  },
  resume: {
    'Scheduled/Normal': refused,
    'Scheduled/Paused': ['Scheduled/Normal', 'Scheduled/Complete'],
    'Scheduled/Complete': refused,
    New: refused,
    Running: refused,
    Stopping: refused,
    WaitingClient: ['Running', 'New'],
    Done: refused,
  },
  delete: {
    'Scheduled/Normal': ['deleted'],
    'Scheduled/Paused': ['deleted'],
    'Scheduled/Complete': ['deleted'],
    New: ['deleted'],
    Running: refused,
    Stopping: refused,
    WaitingClient: refused,
    Done: refused,
  },
  execute: {
    'Scheduled/Normal': ['Scheduled/Normal', 'New'],
    'Scheduled/Paused': ['Scheduled/Paused', 'New'],
    'Scheduled/Complete': ['Scheduled/Complete', 'New'],
    New: refused,
    Running: refused,
    Stopping: refused,
    WaitingClient: refused,
    Done: refused,
  },
}

it.each(Object.keys(expected) as Command[])(
  '%s: every phase allowed or refused as written out',
  (command) => {
    const table = transitions[command]
    const actual = Object.fromEntries(
      phases.map((phase) => [phase, table.allowed[phase] ?? refused] as const),
    )
    expect(actual).toEqual(expected[command])
  },
)
