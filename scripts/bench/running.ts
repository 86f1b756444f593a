/**
 * The per-operation table on the default server with jobs running (the built CLI, system clock),
 * in turns with a bare node:http baseline and a node-soap `soap.listen` server on the mock's WSDL
 * with a trivial submitJob handler. A probe process feeds the mock 20 submits/s throughout, so
 * that every row, the read rows included, runs beside jobs starting, running and finishing.
 */
import { activeJobsBody, companyJobsBody, jobLogsBody, submitBody } from './bodies.js'
import { inTurns, type LoadResult, ms, ratio, type SectionResult } from './load.js'
import { launch, serveCli, startProbe, stop } from './targets.js'

const FEED_PER_SECOND = 20

async function submitOnce(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/scene7/services/IpsApiService`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body: submitBody(),
  })
  return /<ns1:jobHandle>([^<]+)</.exec(await response.text())?.[1] as string
}

export async function running(): Promise<LoadResult[]> {
  const baseline = await launch('baseline')
  const soap = await launch('node-soap')
  const mock = await serveCli()
  const feed = startProbe(mock.port, FEED_PER_SECOND)
  const handle = await submitOnce(mock.port)
  const rows = await inTurns([
    {
      name: 'baseline: bare node:http, fixed 400-byte SOAP response',
      target: baseline,
      body: submitBody,
    },
    { name: 'ips-mock submitJob (distinct names)', target: mock, body: () => submitBody() },
    {
      name: 'node-soap soap.listen, trivial submitJob handler',
      target: soap,
      body: () => submitBody(),
    },
    {
      name: 'ips-mock fault path (bad password, 10001)',
      target: mock,
      body: () => submitBody('wrong'),
    },
    {
      name: 'ips-mock getActiveJobs by jobHandle',
      target: mock,
      body: () => activeJobsBody(handle),
    },
    { name: 'ips-mock getActiveJobs by company', target: mock, body: () => companyJobsBody() },
    {
      name: 'ips-mock getJobLogs (default order, numRows 100)',
      target: mock,
      body: () => jobLogsBody(100),
    },
  ])
  feed.stop()
  for (const target of [baseline, soap, mock]) await stop(target)
  return rows
}

const find = (rows: LoadResult[], prefix: string) => {
  const row = rows.find((candidate) => candidate.name.startsWith(prefix))
  if (!row) throw new Error(`no row "${prefix}"`)
  return row
}

export async function runningSection(): Promise<SectionResult> {
  const rows = await running()
  const base = find(rows, 'baseline')
  const submit = find(rows, 'ips-mock submitJob')
  const soap = find(rows, 'node-soap')
  const toBase = submit.requests / base.requests
  const toSoap = submit.requests / soap.requests
  const lines = [
    '## Per operation, the default server with jobs running',
    '',
    `The built CLI's \`serve\` with its defaults (system clock), fed ${FEED_PER_SECOND} submits/s by a separate process throughout so that jobs start, run and finish under every row; beside it, taking turns with it, a bare node:http server and a node-soap \`soap.listen\` server on the mock's own WSDL (2014-04-03) whose submitJob handler returns a handle. Only the ratios within this table mean anything: the machine's speed varies by the hour.`,
    '',
    '| target | req/s | p50 | p99 | ratio to baseline | non-2xx | errors | target CPU per request |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (row) =>
        `| ${row.name} | ${row.requests.toFixed(0)} | ${ms(row.p50)} | ${ms(row.p99)} | ${ratio(row.requests, base.requests)} | ${row.non2xx} | ${row.errors} | ${row.cpuMicros.toFixed(0)} µs |`,
    ),
    '',
    'The fault path answers HTTP 500 by design, hence its non-2xx count.',
  ]
  return {
    lines,
    targets: [
      {
        target: 'submitJob, default server, ≥ 0.4× the bare node:http baseline',
        measured: `${toBase.toFixed(2)}×`,
        met: toBase >= 0.4,
      },
      {
        target: 'submitJob, default server, ≥ 2× node-soap soap.listen',
        measured: `${toSoap.toFixed(2)}×`,
        met: toSoap >= 2,
      },
    ],
  }
}
