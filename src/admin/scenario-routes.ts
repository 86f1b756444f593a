import type { IpsMock } from '../core/create-ips-mock.js'
import type { IpsMockSnapshot } from '../core/snapshot.js'
import { AdminError, type AdminRoute, json, readJson } from './http.js'
import { readScenario, snapshotBodySchema, describeIssues } from './scenario-schemas.js'

/** Snapshots the admin API keeps for one mock, by id. */
interface SavedSnapshots {
  taken: number
  byId: Map<string, { info: SnapshotInfo; snapshot: IpsMockSnapshot }>
}

interface SnapshotInfo {
  id: string
  label?: string
  createdAt: string
  mockTime: string
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

/**
 * Scenarios, snapshots and one journal entry with its XML, over the admin API. Snapshots live
 * as long as the server: a reset keeps them, so a client can reset and then restore one.
 */
export const scenarioRoutes: Readonly<Record<string, AdminRoute>> = {
  'GET /scenarios': ({ mock }) => json(200, mock.scenarios.rules()),

  'POST /scenarios': async ({ mock, request }) => {
    const read = readScenario(await readJson(request))
    if ('issues' in read) throw new AdminError(400, `Invalid scenario: ${read.issues}.`)
    return json(201, mock.scenarios.addRule(read.scenario).rule)
  },

  'DELETE /scenarios': ({ mock }) => {
    mock.scenarios.clear()
    return json(200, { cleared: true })
  },

  'DELETE /scenarios/{id}': ({ mock, params }) => {
    const id = params.id ?? ''
    if (!mock.scenarios.remove(id)) throw new AdminError(404, `No scenario "${id}".`)
    return json(200, { removed: id })
  },

  'GET /snapshots': ({ mock }) =>
    json(
      200,
      [...snapshotsOf(mock).byId.values()].map(({ info }) => info),
    ),

  'POST /snapshots': async ({ mock, request }) => {
    const parsed = snapshotBodySchema.safeParse(await readJson(request))
    if (!parsed.success) {
      throw new AdminError(400, `Invalid snapshot request: ${describeIssues(parsed.error)}.`)
    }
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
      ...(parsed.data.label !== undefined ? { label: parsed.data.label } : {}),
      createdAt: new Date().toISOString(),
      mockTime: mock.clock.now().toISOString(),
    }
    snapshots.byId.set(info.id, { info, snapshot })
    return json(201, info)
  },

  'POST /snapshots/{id}/restore': async ({ mock, params }) => {
    const { info, snapshot } = snapshotNamed(mock, params.id ?? '')
    await mock.restore(snapshot)
    return json(200, { restored: info.id, now: mock.clock.now().toISOString() })
  },

  'DELETE /snapshots/{id}': ({ mock, params }) => {
    const { info } = snapshotNamed(mock, params.id ?? '')
    snapshotsOf(mock).byId.delete(info.id)
    return json(200, { removed: info.id })
  },

  'GET /journal/{id}': ({ mock, params }) => {
    const id = Number(params.id)
    const entry = Number.isInteger(id) ? mock.journal.last((each) => each.id === id) : undefined
    if (!entry) throw new AdminError(404, `No journal entry ${params.id}.`)
    const xml = entry.xml()
    return json(200, { ...entry.toJSON(), requestXml: xml.request, responseXml: xml.response })
  },
}
