import type { IpsMock } from '../mock/create-ips-mock.js'
import type { IpsMockSnapshot } from '../mock/snapshot.js'
import type { Scenario } from '../engine/scenarios.js'
import { AdminError, type AdminCall, type Answer } from './routes.js'
import type { scenarioEndpoints } from './scenario-endpoints.js'

type ScenarioKey = keyof typeof scenarioEndpoints

interface SnapshotInfo {
  id: string
  label?: string
  createdAt: string
  mockTime: string
}

/** Snapshots the admin API keeps for one mock, by id. */
interface SavedSnapshots {
  taken: number
  byId: Map<string, { info: SnapshotInfo; snapshot: IpsMockSnapshot }>
}

/** The most snapshots the admin API keeps at once; each holds a copy of the whole state. */
export const MAX_ADMIN_SNAPSHOTS = 100

const saved = new WeakMap<IpsMock, SavedSnapshots>()

function snapshotsOf(mock: IpsMock): SavedSnapshots {
  let snapshots = saved.get(mock)
  if (!snapshots) {
    snapshots = { taken: 0, byId: new Map() }
    saved.set(mock, snapshots)
  }
  return snapshots
}

function snapshotNamed(mock: IpsMock, id: string) {
  const found = snapshotsOf(mock).byId.get(id)
  if (!found) throw new AdminError(404, `No snapshot "${id}". GET /__admin/snapshots lists them.`)
  return found
}

const ok = (value: unknown, status = 200): Answer => ({ status, value })

/**
 * Scenarios, snapshots and one journal entry with its XML. Snapshots live as long as the
 * server: a reset keeps them, so a client can reset and then restore one.
 */
export const scenarioRoutes: {
  [K in ScenarioKey]: (call: AdminCall<K>) => Promise<Answer> | Answer
} = {
  'GET /journal/{id}': ({ mock, params }) => {
    const id = Number(params.id)
    const entry = Number.isInteger(id) ? mock.journal.last((each) => each.id === id) : undefined
    if (!entry) throw new AdminError(404, `No journal entry "${params.id}".`)
    const xml = entry.xml()
    const value: Record<string, unknown> = entry.toJSON()
    if (xml.request !== undefined) value.requestXml = xml.request
    if (xml.response !== undefined) value.responseXml = xml.response
    return ok(value)
  },

  'GET /scenarios': ({ mock }) => ok(mock.scenarios.rules()),

  'POST /scenarios': ({ mock, body }) => ok(mock.scenarios.addRule(body as Scenario).rule, 201),

  'DELETE /scenarios': ({ mock }) => {
    mock.scenarios.clear()
    return ok({ cleared: true })
  },

  'DELETE /scenarios/{id}': ({ mock, params }) => {
    const id = params.id ?? ''
    if (!mock.scenarios.remove(id)) throw new AdminError(404, `No scenario "${id}".`)
    return ok({ removed: id })
  },

  'GET /snapshots': ({ mock }) => ok([...snapshotsOf(mock).byId.values()].map(({ info }) => info)),

  'POST /snapshots': async ({ mock, body }) => {
    const snapshots = snapshotsOf(mock)
    if (snapshots.byId.size >= MAX_ADMIN_SNAPSHOTS) {
      throw new AdminError(
        409,
        `The server keeps at most ${MAX_ADMIN_SNAPSHOTS} snapshots: DELETE /__admin/snapshots/{id} one first.`,
      )
    }
    const snapshot = await mock.snapshot()
    snapshots.taken += 1
    const info: SnapshotInfo = {
      id: `snap-${snapshots.taken}`,
      createdAt: new Date().toISOString(),
      mockTime: mock.clock.now().toISOString(),
    }
    if (body?.label !== undefined) info.label = body.label
    snapshots.byId.set(info.id, { info, snapshot })
    return ok(info, 201)
  },

  'POST /snapshots/{id}/restore': async ({ mock, params }) => {
    const { info, snapshot } = snapshotNamed(mock, params.id ?? '')
    await mock.restore(snapshot)
    return ok({ restored: info.id, now: mock.clock.now().toISOString() })
  },

  'DELETE /snapshots/{id}': ({ mock, params }) => {
    const { info } = snapshotNamed(mock, params.id ?? '')
    snapshotsOf(mock).byId.delete(info.id)
    return ok({ removed: info.id })
  },
}
