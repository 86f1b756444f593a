/**
 * The dashboard's browser side, part 2: the panels that show state (jobs, journal, outbox).
 * Each function runs in the browser from its source text: nothing but types from outside it.
 */
import type { Kit, Panel } from './kit.js'

interface JobRow {
  handle: string
  name: string
  type: string
  state: string
  companyHandle: string
  submittedAt?: string
  endDate?: string
  progress?: { done: number; total: number; percent: number }
}

interface LogDetail {
  dateCreated: string
  logType: string
  assetName?: string
  message: string
}

interface JobLog {
  jobHandle: string
  logType: string
  startDate: string
  endDate: string
  fileSuccessCount: number
  fileWarningCount: number
  fileErrorCount: number
  totalFileCount: number
  fatalError: boolean
  details: LogDetail[]
}

/** Jobs per company with state and progress; a job's fields, logs and detail lines. */
export function jobsPanel(kit: Kit): Panel {
  const { h, api, table, fill, time } = kit
  const company = h('select', { name: 'company', 'aria-label': 'Company' }) as HTMLSelectElement
  const list = h('div', { class: 'list', id: 'job-list' })
  const detail = h('div', { class: 'detail', id: 'job-detail' })
  let selected: string | undefined
  let companiesLoaded = false
  company.addEventListener('change', () => kit.refreshNow())

  const progress = (job: JobRow) => {
    if (job.state === 'Done')
      return h('span', { class: 'bar done' }, h('i', { style: 'width:100%' }))
    if (!job.progress) return ''
    const { done, total, percent } = job.progress
    return h(
      'span',
      { class: 'bar', title: `${done} of ${total}` },
      h('i', { style: `width:${percent}%` }),
      h('b', null, `${percent}%`),
    )
  }

  const showDetail = async (handle: string) => {
    const job = (await api('GET', `/jobs/${encodeURIComponent(handle)}`)) as JobRow & {
      logs: JobLog[]
    }
    const release = h(
      'button',
      {
        onclick: () =>
          api('POST', `/jobs/${encodeURIComponent(handle)}/release`).then(
            () => kit.say(`Released ${handle}.`),
            (error: Error) => kit.say(error.message, true),
          ),
      },
      'Release held run',
    )
    const fields = Object.entries(job).filter(([key]) => key !== 'logs' && key !== 'params')
    fill(
      detail,
      h('h3', null, job.handle),
      job.state === 'Running' ? release : null,
      h(
        'dl',
        null,
        ...fields.flatMap(([key, value]) => [
          h('dt', null, key),
          h('dd', null, typeof value === 'object' ? JSON.stringify(value) : String(value)),
        ]),
      ),
      h('h4', null, `Job logs (${job.logs.length})`),
      ...job.logs.map((log) =>
        h(
          'div',
          { class: 'log' },
          h(
            'p',
            null,
            `${log.jobHandle} · ${log.logType} · ${time(log.startDate)} → ${time(log.endDate)} · `,
            `${log.fileSuccessCount} ok, ${log.fileWarningCount} warnings, ${log.fileErrorCount} errors of ${log.totalFileCount}`,
            log.fatalError ? h('strong', { class: 'bad' }, ' · fatal') : null,
          ),
          table<LogDetail>(
            [
              ['time', (line) => time(line.dateCreated)],
              ['logType', (line) => line.logType],
              ['file', (line) => line.assetName ?? ''],
              ['message', (line) => line.message],
            ],
            log.details,
          ),
        ),
      ),
    )
  }

  const root = h(
    'section',
    { id: 'jobs' },
    h('div', { class: 'toolbar' }, h('label', null, 'Company ', company)),
    h('div', { class: 'split' }, list, detail),
  )
  return {
    id: 'jobs',
    title: 'Jobs',
    root,
    async refresh() {
      if (!companiesLoaded) {
        const seed = (await api('GET', '/seed')) as {
          companies: { handle: string; name: string }[]
        }
        fill(
          company,
          h('option', { value: '' }, 'All companies'),
          ...seed.companies.map((each) =>
            h('option', { value: each.handle }, `${each.name} (${each.handle})`),
          ),
        )
        companiesLoaded = true
      }
      const query = company.value ? `?companyHandle=${encodeURIComponent(company.value)}` : ''
      const jobs = ((await api('GET', `/jobs${query}`)) as JobRow[]).slice(-500).reverse()
      const pick = (job: JobRow) => {
        selected = job.handle
        kit.refreshNow()
      }
      fill(
        list,
        table<JobRow>(
          [
            ['handle', (job) => job.handle],
            ['type', (job) => job.type],
            ['state', (job) => h('span', { class: `state ${job.state}` }, job.state)],
            ['progress', progress],
            ['submitted', (job) => time(job.submittedAt)],
            ['ended', (job) => time(job.endDate)],
          ],
          jobs,
          pick,
          (job) => job.handle === selected,
        ),
      )
      // A job gone since it was picked (a reset, another company) leaves the detail pane.
      if (selected && !jobs.some((job) => job.handle === selected)) selected = undefined
      if (selected) await showDetail(selected)
      else fill(detail, h('p', { class: 'hint' }, 'Select a job to see its logs.'))
    },
  }
}

interface JournalRow {
  id: number
  time: string
  operation?: string
  user?: string
  status?: number
  durationMs: number
  fault?: { code: number; reason: string }
  injected?: unknown
  requestXml?: string
  responseXml?: string
}

/** The journal: operation, status, fault code and reason, duration; one call's XML. */
export function journalPanel(kit: Kit): Panel {
  const { h, api, table, fill, time } = kit
  const list = h('div', { class: 'list', id: 'journal-list' })
  const detail = h('div', { class: 'detail', id: 'journal-detail' })
  let selected: number | undefined
  const clear = h(
    'button',
    {
      onclick: () =>
        api('DELETE', '/journal').then(
          () => kit.refreshNow(),
          (error: Error) => kit.say(error.message, true),
        ),
    },
    'Clear journal',
  )
  return {
    id: 'journal',
    title: 'Journal',
    root: h(
      'section',
      { id: 'journal' },
      h('div', { class: 'toolbar' }, clear),
      h('div', { class: 'split' }, list, detail),
    ),
    async refresh() {
      const entries = ((await api('GET', '/journal?limit=200')) as JournalRow[]).reverse()
      fill(
        list,
        table<JournalRow>(
          [
            ['#', (entry) => entry.id],
            ['time', (entry) => time(entry.time)],
            ['operation', (entry) => entry.operation ?? '—'],
            ['status', (entry) => entry.status ?? '—'],
            [
              'fault',
              (entry) => (entry.fault ? h('span', { class: 'bad' }, entry.fault.code) : ''),
            ],
            ['reason', (entry) => entry.fault?.reason ?? ''],
            ['ms', (entry) => entry.durationMs.toFixed(1)],
            ['injected', (entry) => (entry.injected ? 'yes' : '')],
          ],
          entries,
          (entry) => {
            selected = entry.id
            kit.refreshNow()
          },
          (entry) => entry.id === selected,
        ),
      )
      if (selected !== undefined && !entries.some((entry) => entry.id === selected)) {
        selected = undefined
      }
      if (selected === undefined) {
        fill(detail, h('p', { class: 'hint' }, 'Select a call to see its request and response.'))
        return
      }
      const entry = (await api('GET', `/journal/${selected}`)) as JournalRow
      fill(
        detail,
        h('h3', null, `#${entry.id} ${entry.operation ?? ''} ${entry.user ?? ''}`),
        h('h4', null, 'Request'),
        h('pre', { class: 'xml', id: 'request-xml' }, entry.requestXml ?? '(no request body kept)'),
        h('h4', null, 'Response'),
        h('pre', { class: 'xml', id: 'response-xml' }, entry.responseXml ?? '(no answer)'),
      )
    },
  }
}

interface EmailRow {
  to: string
  subject: string
  text: string
  jobHandle: string
  sentAt: string
}

/** E-mails IPS would have sent. */
export function outboxPanel(kit: Kit): Panel {
  const { h, api, table, fill, time } = kit
  const list = h('div', { class: 'list' })
  return {
    id: 'outbox',
    title: 'Outbox',
    root: h('section', { id: 'outbox' }, list),
    async refresh() {
      const mails = ((await api('GET', '/outbox')) as EmailRow[]).slice(-200).reverse()
      fill(
        list,
        table<EmailRow>(
          [
            ['sent', (mail) => time(mail.sentAt)],
            ['to', (mail) => mail.to],
            ['job', (mail) => mail.jobHandle],
            ['subject', (mail) => mail.subject],
            ['text', (mail) => h('pre', null, mail.text)],
          ],
          mails,
        ),
      )
    },
  }
}
