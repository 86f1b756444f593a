import { fault } from '../faults/catalog.js'
import type { Job } from '../store/models.js'

/** Where a job is, as the job commands see it: its state, and a scheduled job's trigger state. */
export type Phase =
  | 'Scheduled/Normal'
  | 'Scheduled/Paused'
  | 'Scheduled/Complete'
  | 'New'
  | 'Running'
  | 'Stopping'
  | 'WaitingClient'
  | 'Done'

export const phases: readonly Phase[] = [
  'Scheduled/Normal',
  'Scheduled/Paused',
  'Scheduled/Complete',
  'New',
  'Running',
  'Stopping',
  'WaitingClient',
  'Done',
]

/** What a command leaves behind: the job's next phases, or `deleted`. */
export type Next = Phase | 'deleted'

export type Command = 'stop' | 'pause' | 'resume' | 'delete' | 'execute'

interface Transition {
  /** The command's past participle, for the fault reason. */
  verb: string
  /** Phases the command acts on, each with the phases it may lead to. */
  allowed: Partial<Record<Phase, readonly Next[]>>
  /** Reasons for particular refusals; `otherwise` for the rest. */
  refused?: Partial<Record<Phase, string>>
  otherwise: string
}

/**
 * The job commands (reference §9), one table: which phases each acts on and where it leads.
 * Every refusal is fault 30001 with a reason generated from it. An executed scheduled job stays
 * Scheduled (its run is a new job) unless it is an execTime job, which becomes its own run.
 */
export const transitions: Readonly<Record<Command, Transition>> = {
  stop: {
    verb: 'stopped',
    allowed: { New: ['Stopping'], Running: ['Stopping'], WaitingClient: ['Stopping'] },
    otherwise: 'only a job that is running can be stopped',
  },
  pause: {
    verb: 'paused',
    allowed: {
      'Scheduled/Normal': ['Scheduled/Paused'],
      New: ['WaitingClient'],
      Running: ['WaitingClient'],
    },
    refused: {
      'Scheduled/Paused': 'it is already paused',
      'Scheduled/Complete': 'its schedule has no more fire times',
    },
    otherwise: 'only a scheduled or running job can be paused',
  },
  resume: {
    verb: 'resumed',
    allowed: {
      'Scheduled/Paused': ['Scheduled/Normal', 'Scheduled/Complete'],
      WaitingClient: ['Running', 'New'],
    },
    otherwise: 'it is not paused',
  },
  delete: {
    verb: 'deleted',
    allowed: {
      'Scheduled/Normal': ['deleted'],
      'Scheduled/Paused': ['deleted'],
      'Scheduled/Complete': ['deleted'],
      New: ['deleted'],
    },
    refused: { Done: 'it has already ended' },
    otherwise: 'it is running; stop it first',
  },
  execute: {
    verb: 'executed',
    allowed: {
      'Scheduled/Normal': ['Scheduled/Normal', 'New'],
      'Scheduled/Paused': ['Scheduled/Paused', 'New'],
      'Scheduled/Complete': ['Scheduled/Complete', 'New'],
    },
    otherwise: 'only a scheduled job can be executed',
  },
}

/** A job's phase. */
export function phaseOf(job: Pick<Job, 'state' | 'triggerState'>): Phase {
  return job.state === 'Scheduled' ? `Scheduled/${job.triggerState ?? 'Normal'}` : job.state
}

/** The state as a refusal names it: `Running`, or `Scheduled, trigger Paused`. */
function stateText(phase: Phase): string {
  return phase.startsWith('Scheduled/') ? `Scheduled, trigger ${phase.slice(10)}` : phase
}

/** The reason `command` is refused in `phase`, or undefined when it is allowed there. */
export function refusal(command: Command, phase: Phase): string | undefined {
  const transition = transitions[command]
  if (transition.allowed[phase]) return undefined
  return transition.refused?.[phase] ?? transition.otherwise
}

/**
 * Checks that `command` may act on the job and returns the phases it may lead to.
 * @throws IpsFault 30001 naming the job, its state and why the command cannot act on it.
 */
export function checkCommand(command: Command, job: Job): readonly Next[] {
  const phase = phaseOf(job)
  const reason = refusal(command, phase)
  if (reason !== undefined) {
    throw fault(
      'invalidParameter',
      `Job '${job.handle}' cannot be ${transitions[command].verb} (state ${stateText(phase)}): ${reason}`,
    )
  }
  return transitions[command].allowed[phase] as readonly Next[]
}
