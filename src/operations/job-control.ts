import type { JobEngine } from '../engine/engine.js'
import type { Job } from '../store/models.js'
import { defineOperations, type Operation, type OperationContext } from './context.js'
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

/** The job actions (reference §9). */
export const operations = defineOperations({
  stopJob: {
    summary:
      'a run (New, Running or paused) goes `Stopping`, then `Done`; its log ends with a `FileCancel` line',
    run: stopJob,
  },
  pauseJob: {
    summary:
      "a scheduled job's trigger goes `Paused` (no runs while paused); a run is suspended (shown as `WaitingClient`, progress frozen)",
    run: pauseJob,
  },
  resumeJob: {
    summary:
      'what `pauseJob` paused: the trigger goes `Normal`; a suspended run resumes where it was',
    run: resumeJob,
  },
  deleteJob: {
    summary:
      'removes a scheduled job or a run that has not started; a running job must be stopped first',
    run: deleteJob,
  },
  executeJob: { summary: 'runs a scheduled job now', run: executeJob },
})
