import { fault } from '../faults/catalog.js'
import type { Job } from '../store/models.js'
import { type EngineCore, fire, pauseRun } from './runs.js'
import { checkCommand } from './transitions.js'

/**
 * The job commands (reference §9). Each checks the transition table first (30001 with its
 * reason when refused), then moves the job and queues what follows. Synchronous and O(1).
 */
export function stop(core: EngineCore, job: Job, user: string, now: number): void {
  checkCommand('stop', job)
  const plan = pauseRun(core, job.handle, now)
  if (plan) plan.stoppedBy = user
  core.store.setState(job, 'Stopping')
  core.timeline.push(job.handle, 'stopped', now + core.options.durations.stopDelay)
}

/** A scheduled job's trigger is paused; a run is suspended (shown as WaitingClient). */
export function pause(core: EngineCore, job: Job, now: number): void {
  checkCommand('pause', job)
  if (job.state === 'Scheduled') {
    core.timeline.invalidate(job.handle)
    job.triggerState = 'Paused'
    return
  }
  pauseRun(core, job.handle, now)
  core.store.setState(job, 'WaitingClient')
}

/** The reverse of pause: a trigger fires again from now, a run goes on where it was. */
export function resume(core: EngineCore, job: Job, now: number): void {
  checkCommand('resume', job)
  const { timeline } = core
  if (job.state === 'Scheduled') {
    const recurring = job.execSchedule !== undefined
    const next = recurring
      ? core.schedules.parse(job.execSchedule as string).next(new Date(now))
      : new Date(Math.max(Date.parse(job.nextFireTime ?? ''), now))
    job.triggerState = next ? 'Normal' : 'Complete'
    if (next) {
      job.nextFireTime = next.toISOString()
      timeline.push(job.handle, 'fire', next.getTime(), recurring)
    }
    return
  }
  const plan = core.plans.get(job.handle)
  if (!plan) throw fault('invalidParameter', `Job '${job.handle}' has no run to resume`)
  if (job.startDate === undefined) {
    core.store.setState(job, 'New')
    timeline.push(job.handle, 'start', now + core.options.durations.startDelay)
    return
  }
  core.store.setState(job, 'Running')
  plan.runningSince = now
  if (!plan.hold) timeline.push(job.handle, 'finish', now + plan.durationMs - plan.elapsedMs)
}

/** Removes a scheduled job, or a run that has not started. */
export function remove(core: EngineCore, job: Job): void {
  checkCommand('delete', job)
  core.timeline.invalidate(job.handle)
  core.timeline.forget(job.handle)
  core.plans.delete(job.handle)
  core.store.removeJob(job.handle)
}

/** Runs a scheduled job now, whatever its schedule or trigger state. */
export function execute(core: EngineCore, job: Job, now: number): void {
  checkCommand('execute', job)
  fire(core, job.handle, now, now, true)
}
