import type { EngineState } from '../engine/engine.js'
import type { ScenariosState } from '../engine/scenarios.js'
import type { InjectorState } from '../injection/injector.js'
import type { JournalState } from '../journal/journal.js'
import type { StoreState } from '../store/store.js'
import { IpsMockError } from '../errors/ips-mock-error.js'

declare const snapshotBrand: unique symbol

/**
 * A mock's whole state at one moment, from `mock.snapshot()`: store, job engine, clock,
 * scenarios, outbox, journal and injected faults. Opaque and immutable; `mock.restore(snapshot)`
 * goes back to it as often as wanted.
 * @example
 * const before: IpsMockSnapshot = await mock.snapshot()
 * mock.clock.advance('1h')
 * await mock.restore(before)
 */
export interface IpsMockSnapshot {
  readonly [snapshotBrand]: true
}

/** What a snapshot holds. */
export interface MockState {
  store: StoreState
  engine: EngineState
  clock: number | undefined
  scenarios: ScenariosState
  journal: JournalState
  faults: InjectorState
}

const states = new WeakMap<IpsMockSnapshot, { owner: object; state: Readonly<MockState> }>()

/** Wraps a mock's state into an opaque snapshot only that mock can restore. */
export function seal(owner: object, state: MockState): IpsMockSnapshot {
  const snapshot = Object.freeze(
    Object.create(null, { [Symbol.toStringTag]: { value: 'IpsMockSnapshot' } }),
  ) as IpsMockSnapshot
  states.set(snapshot, { owner, state: Object.freeze(state) })
  return snapshot
}

/**
 * The state inside a snapshot.
 * @throws Error when it is not a snapshot, or one of another mock.
 */
export function unseal(owner: object, snapshot: IpsMockSnapshot): Readonly<MockState> {
  const sealed = states.get(snapshot)
  if (!sealed) {
    throw new IpsMockError({
      code: 'INVALID_SNAPSHOT',
      action: 'restore the snapshot',
      reason: 'it is not one',
      remedy: 'Pass what mock.snapshot() resolved to.',
    })
  }
  if (sealed.owner !== owner) {
    throw new IpsMockError({
      code: 'INVALID_SNAPSHOT',
      action: 'restore the snapshot',
      reason: 'it was taken from another mock',
      remedy: 'Restore it into the mock it came from.',
    })
  }
  return sealed.state
}
