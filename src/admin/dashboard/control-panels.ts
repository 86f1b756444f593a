/**
 * The dashboard's browser side, part 3: the panels that change behaviour (fault rules,
 * scenarios, snapshots) and the clock bar. Each function runs in the browser from its source
 * text: nothing but types from outside it.
 */
import type { Kit, Panel } from './kit.js'

interface FaultRow {
  id: string
  rule: Record<string, unknown>
  calls: number
  fired: number
}

/** Fault rules: list, add, remove. */
export function faultsPanel(kit: Kit): Panel {
  const { h, api, table, fill, field } = kit
  const list = h('div', { class: 'list', id: 'fault-list' })
  const form = h(
    'form',
    { id: 'fault-form', class: 'inline' },
    field('operation', 'operation', 'operation (e.g. submitJob)'),
    field('fault', 'fault', 'fault code (e.g. 30000)'),
    field('reason', 'reason', 'reason'),
    field('status', 'status', 'HTTP status'),
    field('nth', 'nth', 'nth call'),
    field('times', 'times', 'times'),
    field('delay', 'delay', 'delay ms'),
    h('button', { type: 'submit' }, 'Add fault rule'),
  ) as HTMLFormElement
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const values = kit.formValues(form)
    const rule: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(values)) {
      const isNumber = /^\d+$/.test(value) && key !== 'operation' && key !== 'reason'
      rule[key] = isNumber ? Number(value) : value
    }
    api('POST', '/faults', rule).then(
      (added) => {
        kit.say(`Added fault rule ${(added as FaultRow).id}.`)
        form.reset()
        kit.refreshNow()
      },
      (error: Error) => kit.say(error.message, true),
    )
  })
  const remove = (id: string) =>
    api('DELETE', `/faults/${encodeURIComponent(id)}`).then(
      () => kit.refreshNow(),
      (error: Error) => kit.say(error.message, true),
    )
  return {
    id: 'faults',
    title: 'Faults',
    root: h('section', { id: 'faults' }, form, list),
    async refresh() {
      const rules = (await api('GET', '/faults')) as FaultRow[]
      fill(
        list,
        table<FaultRow>(
          [
            ['id', (row) => row.id],
            ['rule', (row) => h('code', null, JSON.stringify(row.rule))],
            ['calls', (row) => row.calls],
            ['fired', (row) => row.fired],
            ['', (row) => h('button', { onclick: () => remove(row.id) }, 'Remove')],
          ],
          rules,
        ),
      )
    },
  }
}

interface ScenarioRow {
  id: string
  scenario: Record<string, unknown>
  remaining: number | null
  seen: number
}

/** Scenario rules: list, add (fail, warn, err on files, fatal, hold), remove. */
export function scenariosPanel(kit: Kit): Panel {
  const { h, api, table, fill, field } = kit
  const list = h('div', { class: 'list', id: 'scenario-list' })
  const outcome = h(
    'select',
    { name: 'outcome', 'aria-label': 'outcome' },
    ...['errors', 'warnings', 'fatal', 'hold', 'duration'].map((value) =>
      h('option', { value }, value),
    ),
  )
  const form = h(
    'form',
    { id: 'scenario-form', class: 'inline' },
    field('job type', 'jobType', 'job type (UrlUpload, uploadUrlsJob)'),
    field('job name', 'jobNamePattern', 'job name pattern (^nightly)'),
    field('nth', 'nth', 'nth run'),
    field('times', 'times', 'times'),
    outcome,
    field('files', 'files', 'files (a.jpg, b.jpg) or a count'),
    field('message', 'message', 'message / duration'),
    h('button', { type: 'submit' }, 'Add scenario'),
  ) as HTMLFormElement
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const values = kit.formValues(form)
    const scenario: Record<string, unknown> = {}
    const match: Record<string, string> = {}
    if (values.jobType) match.jobType = values.jobType
    if (values.jobNamePattern) match.jobNamePattern = values.jobNamePattern
    if (Object.keys(match).length > 0) scenario.match = match
    if (values.nth) scenario.nth = Number(values.nth)
    if (values.times) scenario.times = Number(values.times)
    const kind = values.outcome ?? 'errors'
    if (kind === 'errors' || kind === 'warnings') {
      const files = values.files ?? '1'
      scenario[kind] = /^\d+$/.test(files)
        ? Number(files)
        : files.split(',').map((file) => {
            const problem: Record<string, string> = { file: file.trim() }
            if (values.message) problem.message = values.message
            return problem
          })
    } else if (kind === 'fatal') scenario.fatal = values.message ?? true
    else if (kind === 'hold') scenario.hold = true
    else scenario.duration = values.message ?? '1m'
    api('POST', '/scenarios', scenario).then(
      (added) => {
        kit.say(`Added scenario ${(added as ScenarioRow).id}.`)
        form.reset()
        kit.refreshNow()
      },
      (error: Error) => kit.say(error.message, true),
    )
  })
  const remove = (id: string) =>
    api('DELETE', `/scenarios/${encodeURIComponent(id)}`).then(
      () => kit.refreshNow(),
      (error: Error) => kit.say(error.message, true),
    )
  return {
    id: 'scenarios',
    title: 'Scenarios',
    root: h('section', { id: 'scenarios' }, form, list),
    async refresh() {
      const rules = (await api('GET', '/scenarios')) as ScenarioRow[]
      fill(
        list,
        table<ScenarioRow>(
          [
            ['id', (row) => row.id],
            ['rule', (row) => h('code', null, JSON.stringify(row.scenario))],
            ['remaining', (row) => (row.remaining === null ? '∞' : row.remaining)],
            ['seen', (row) => row.seen],
            ['', (row) => h('button', { onclick: () => remove(row.id) }, 'Remove')],
          ],
          rules,
        ),
      )
    },
  }
}

interface SnapshotRow {
  id: string
  label?: string
  createdAt: string
  mockTime: string
}

/** Snapshots: save, restore, forget. */
export function snapshotsPanel(kit: Kit): Panel {
  const { h, api, table, fill, field, time } = kit
  const list = h('div', { class: 'list', id: 'snapshot-list' })
  const label = field('label', 'label', 'label (optional)')
  const act = (method: string, path: string, done: string) =>
    api(method, path, {}).then(
      () => {
        kit.say(done)
        kit.refreshNow()
      },
      (error: Error) => kit.say(error.message, true),
    )
  const form = h(
    'form',
    { id: 'snapshot-form', class: 'inline' },
    label,
    h('button', { type: 'submit' }, 'Save snapshot'),
  ) as HTMLFormElement
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const body = label.value.trim() ? { label: label.value.trim() } : {}
    api('POST', '/snapshots', body).then(
      (taken) => {
        kit.say(`Saved ${(taken as SnapshotRow).id}.`)
        form.reset()
        kit.refreshNow()
      },
      (error: Error) => kit.say(error.message, true),
    )
  })
  return {
    id: 'snapshots',
    title: 'Snapshots',
    root: h('section', { id: 'snapshots' }, form, list),
    async refresh() {
      const snapshots = (await api('GET', '/snapshots')) as SnapshotRow[]
      fill(
        list,
        table<SnapshotRow>(
          [
            ['id', (row) => row.id],
            ['label', (row) => row.label ?? ''],
            ['mock time', (row) => time(row.mockTime)],
            ['taken', (row) => time(row.createdAt)],
            [
              '',
              (row) =>
                h(
                  'span',
                  null,
                  h(
                    'button',
                    {
                      onclick: () =>
                        act('POST', `/snapshots/${row.id}/restore`, `Restored ${row.id}.`),
                    },
                    'Restore',
                  ),
                  h(
                    'button',
                    { onclick: () => act('DELETE', `/snapshots/${row.id}`, `Forgot ${row.id}.`) },
                    'Forget',
                  ),
                ),
            ],
          ],
          snapshots,
        ),
      )
    },
  }
}

/** The clock bar: the mock's time; set, advance, back to system time; run until idle; reset. */
export function clockBar(kit: Kit): { root: HTMLElement; refresh(): Promise<void> } {
  const { h, api, fill, field } = kit
  const now = h('span', { id: 'clock-now' })
  const mode = h('span', { id: 'clock-mode', class: 'pill' })
  const setTo = field('set the clock to', 'set', '2030-01-01T00:00:00Z')
  const advanceBy = field('advance the clock by', 'advance', '30s')
  advanceBy.value = '30s'
  const act = (path: string, body: unknown, done: (value: unknown) => string) =>
    api('POST', path, body).then(
      (value) => {
        kit.say(done(value))
        kit.refreshNow()
      },
      (error: Error) => kit.say(error.message, true),
    )
  const clockSaid = (value: unknown) => `Clock at ${(value as { now: string }).now}.`
  const button = (id: string, text: string, onclick: () => void) =>
    h('button', { id, type: 'button', onclick }, text)
  const root = h(
    'div',
    { class: 'clock' },
    h('strong', null, 'Clock '),
    now,
    ' ',
    mode,
    setTo,
    button('clock-set', 'Set', () => act('/clock', { set: setTo.value.trim() }, clockSaid)),
    advanceBy,
    button('clock-advance', 'Advance', () =>
      act('/clock', { advance: advanceBy.value.trim() }, clockSaid),
    ),
    button('clock-system', 'System time', () => act('/clock', { system: true }, clockSaid)),
    button('run-until-idle', 'Run until idle', () =>
      act('/jobs/run-until-idle', {}, (value) => `Idle at ${(value as { now: string }).now}.`),
    ),
    button('reset', 'Reset', () => {
      if (confirm('Reset the mock to its seed? Jobs, journal, rules and e-mails are discarded.')) {
        void act('/reset', {}, () => 'Reset to the seed.')
      }
    }),
  )
  return {
    root,
    async refresh() {
      const clock = (await api('GET', '/clock')) as { now: string; controlled: boolean }
      fill(now, clock.now)
      fill(mode, clock.controlled ? 'controlled' : 'system time')
    },
  }
}
