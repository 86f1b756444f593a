import { describe, expect, it } from 'vitest'
import { createIpsMock, type IpsMock } from '../src/index.js'
import {
  type Command,
  type Phase,
  phaseOf,
  phases,
  refusal,
  transitions,
} from '../src/engine/transitions.js'
import { DEMO_CO, envelope, operationParam, sendTo, submitJobRequest } from './support/requests.js'
import { read } from './support/soap.js'

const operations: Record<Command, string> = {
  stop: 'stopJob',
  pause: 'pauseJob',
  resume: 'resumeJob',
  delete: 'deleteJob',
  execute: 'executeJob',
}

async function call(mock: IpsMock, operation: string, fields: Record<string, unknown>) {
  return read(
    await sendTo(mock, envelope(operationParam(operation, { companyHandle: DEMO_CO, ...fields }))),
  )
}

async function submit(mock: IpsMock, fields: Record<string, unknown> = {}): Promise<string> {
  const answer = await read(
    await sendTo(
      mock,
      submitJobRequest('optimizeImagesJob', 'minimal', { jobName: 'job', ...fields }),
    ),
  )
  expect(answer.fault, answer.fault?.reason).toBeUndefined()
  return (answer.body.submitJobReturn as { jobHandle: string }).jobHandle
}

/** A fresh mock with one job brought into `phase` through the SOAP operations. */
async function jobIn(phase: Phase): Promise<{ mock: IpsMock; handle: string }> {
  const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z' })
  const hourly = { execSchedule: '0 0 * * * ?' }
  let handle: string
  if (phase === 'Scheduled/Normal') handle = await submit(mock, hourly)
  else if (phase === 'Scheduled/Paused') {
    handle = await submit(mock, hourly)
    await call(mock, 'pauseJob', { jobHandle: handle })
  } else if (phase === 'Scheduled/Complete') {
    // A schedule whose only year is past has no fire time left.
    handle = await submit(mock, { execSchedule: '0 0 0 1 1 ? 2029' })
  } else {
    handle = await submit(mock)
    if (phase !== 'New') mock.clock.advance('1s')
    if (phase === 'Stopping') await call(mock, 'stopJob', { jobHandle: handle })
    if (phase === 'WaitingClient') await call(mock, 'pauseJob', { jobHandle: handle })
    if (phase === 'Done') await mock.runUntilIdle()
  }
  await mock.settle()
  const job = mock.store.job(handle)
  expect(job && phaseOf(job), `set-up of ${phase}`).toBe(phase)
  return { mock, handle }
}

describe.each(Object.keys(transitions) as Command[])('%s', (command) => {
  it.each(phases)(`in %s: acts as the transition table says`, async (phase) => {
    const { mock, handle } = await jobIn(phase)
    const answer = await call(mock, operations[command], { jobHandle: handle })
    const reason = refusal(command, phase)
    if (reason !== undefined) {
      const state = phase.startsWith('Scheduled/') ? `Scheduled, trigger ${phase.slice(10)}` : phase
      expect(answer.fault).toMatchObject({
        code: 30001,
        reason: `Job '${handle}' cannot be ${transitions[command].verb} (state ${state}): ${reason}`,
      })
      const job = mock.store.job(handle)
      expect(job && phaseOf(job), 'a refusal changes nothing').toBe(phase)
      return
    }
    expect(answer.fault, answer.fault?.reason).toBeUndefined()
    await mock.settle()
    const job = mock.store.job(handle)
    const next = job ? phaseOf(job) : 'deleted'
    expect(transitions[command].allowed[phase]).toContain(next)
  })
})

it('names every phase in each command, allowed or refused', () => {
  for (const transition of Object.values(transitions)) {
    for (const phase of Object.keys(transition.allowed)) expect(phases).toContain(phase)
    for (const phase of Object.keys(transition.refused ?? {})) {
      expect(phases).toContain(phase)
      expect(transition.allowed[phase as Phase]).toBeUndefined()
    }
  }
})
