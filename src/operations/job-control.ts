import type { Operation } from './context.js'
import { jobOf } from './views.js'

/** `stopJob`: a running job goes Stopping, then Done, its log recording the stop. */
export const stopJob: Operation = async (context) => {
  await context.engine.stop(jobOf(context, context.params.jobHandle as string), context.user.email)
  return {}
}

/** `pauseJob`: pauses a scheduled job's trigger, or suspends a run. */
export const pauseJob: Operation = async (context) => {
  await context.engine.pause(jobOf(context, context.params.jobHandle as string))
  return {}
}

/** `resumeJob`: resumes what pauseJob paused. */
export const resumeJob: Operation = async (context) => {
  await context.engine.resume(jobOf(context, context.params.jobHandle as string))
  return {}
}

/** `deleteJob`: removes a scheduled job or one not yet started; a running job must be stopped first. */
export const deleteJob: Operation = async (context) => {
  await context.engine.delete(jobOf(context, context.params.jobHandle as string))
  return {}
}

/** `executeJob`: runs a scheduled job now. */
export const executeJob: Operation = async (context) => {
  await context.engine.execute(jobOf(context, context.params.jobHandle as string))
  return {}
}
