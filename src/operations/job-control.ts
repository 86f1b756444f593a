import type { JobEngine } from '../engine/engine.js'
import type { Job } from '../store/models.js'
import type { Operation, OperationContext } from './context.js'
import { jobOf } from './views.js'

/** A job action: find the request's job in its company, act on it, return the empty `*Return`. */
function jobAction(
  act: (engine: JobEngine, job: Job, context: OperationContext) => void,
): Operation {
  return (context) => {
    act(context.engine, jobOf(context, context.params.jobHandle as string), context)
    return {}
  }
}

/** `stopJob`: a running job goes Stopping, then Done, its log recording the stop. */
export const stopJob = jobAction((engine, job, { user }) => engine.stop(job, user.email))

/** `pauseJob`: pauses a scheduled job's trigger, or suspends a run. */
export const pauseJob = jobAction((engine, job) => engine.pause(job))

/** `resumeJob`: resumes what pauseJob paused. */
export const resumeJob = jobAction((engine, job) => engine.resume(job))

/** `deleteJob`: removes a scheduled job or one not yet started; a running job must be stopped first. */
export const deleteJob = jobAction((engine, job) => engine.delete(job))

/** `executeJob`: runs a scheduled job now. */
export const executeJob = jobAction((engine, job) => engine.execute(job))
