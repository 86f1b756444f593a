/**
 * Asset rows, on the default server (jobs on the system clock): searchAssets in a folder of 10k
 * assets under load, and one UploadFile POST of 100 files until its job has ended and the
 * files are assets. Targets were set from a profile of these calls (BENCHMARKS.md).
 */
import { demoSeed } from '../../src/index.js'
import { startServer } from '../../src/server.js'
import { load, ms, type SectionResult } from './load.js'

const NS = 'http://www.scene7.com/IpsApi/xsd/2014-04-03'
const FOLDER_ASSETS = 10_000
const UPLOAD_FILES = 100
const UPLOAD_ROUNDS = 5

/** searchAssets of one page of the 10k-asset folder, sorted by name. */
const searchBody = (perPage: number) =>
  `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header><authHeader xmlns="http://www.scene7.com/IpsApi/xsd"><user>user@demo-co.test</user><password>demo-user-pass</password></authHeader></soapenv:Header><soapenv:Body><searchAssetsParam xmlns="${NS}"><companyHandle>c|101</companyHandle><folder>demo-co/catalog/</folder><includeSubfolders>false</includeSubfolders><recordsPerPage>${perPage}</recordsPerPage><resultsPage>3</resultsPage><sortBy>Name</sortBy></searchAssetsParam></soapenv:Body></soapenv:Envelope>`

function uploadForm(round: number): FormData {
  const form = new FormData()
  form.append(
    'auth',
    `<authHeader xmlns="${NS}"><user>user@demo-co.test</user><password>demo-user-pass</password></authHeader>`,
  )
  form.append(
    'uploadParams',
    `<uploadPostParam xmlns="${NS}"><companyHandle>c|101</companyHandle><jobName>bench upload ${round}</jobName><destFolder>upload-${round}</destFolder><endJob>true</endJob><uploadParams><overwrite>true</overwrite><readyForPublish>false</readyForPublish><createMask>false</createMask><emailSetting>None</emailSetting></uploadParams></uploadPostParam>`,
  )
  const bytes = new Uint8Array(10 * 1024).fill(7)
  for (let index = 0; index < UPLOAD_FILES; index++) {
    form.append(`file${index}`, new Blob([bytes]), `photo-${index}.jpg`)
  }
  return form
}

/** Mean latency of `count` calls one after another (after 5 unmeasured), in ms. */
async function sequential(url: string, body: string, count: number): Promise<number> {
  const call = async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body,
    })
    await response.text()
  }
  for (let index = 0; index < 5; index++) await call()
  const started = performance.now()
  for (let index = 0; index < count; index++) await call()
  return (performance.now() - started) / count
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN

export async function assetsSection(): Promise<SectionResult> {
  const assets = Array.from({ length: FOLDER_ASSETS }, (_, index) => ({
    company: 'demo-co',
    path: `catalog/item-${String(index).padStart(5, '0')}.jpg`,
  }))
  const server = await startServer({ port: 0, logLevel: 'silent', seed: { ...demoSeed, assets } })
  try {
    await server.mock.ready
    const single = await sequential(server.serviceUrl, searchBody(100), 50)
    const page100 = await load(server.port, () => searchBody(100), 10)
    const page1000 = await load(server.port, () => searchBody(1000), 10)
    const posts: number[] = []
    const ends: number[] = []
    for (let round = 0; round < UPLOAD_ROUNDS; round++) {
      const form = uploadForm(round)
      const started = performance.now()
      const response = await fetch(`${server.url}/UploadFile`, { method: 'POST', body: form })
      const text = await response.text()
      posts.push(performance.now() - started)
      const handle = /<jobHandle>([^<]*)</.exec(text)?.[1] ?? ''
      while (server.mock.store.logsOf(handle).length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
      ends.push(performance.now() - started)
    }
    const rows = [
      ['searchAssets, 100 of 10k (page 3, by name)', page100],
      ['searchAssets, 1000 of 10k (page 3, by name)', page1000],
    ] as const
    const post = median(posts)
    const end = median(ends)
    return {
      lines: [
        '## Assets',
        '',
        `The default server on the system clock, seeded with ${FOLDER_ASSETS.toLocaleString('en')} assets in one folder; ${String(50)} connections, 10 s per row.`,
        '',
        `One searchAssets of 100 (page 3, by name) at a time: ${ms(single)} per call (mean of 50). The server runs in the bench's own process, beside autocannon.`,
        '',
        '| row | req/s | p50 | p99 | non-2xx |',
        '|---|---|---|---|---|',
        ...rows.map(
          ([name, result]) =>
            `| ${name} | ${Math.round(result.requests.average)} | ${result.latency.p50} ms | ${result.latency.p99} ms | ${result.non2xx} |`,
        ),
        '',
        `UploadFile, one POST of ${UPLOAD_FILES} files of 10 KB with endJob, median of ${UPLOAD_ROUNDS}: answered in ${ms(post)}; job ended and its files were assets ${ms(end)} after the POST (2 s of which are the job's modelled processing time, \`jobDurations.base\`).`,
        '',
      ],
      targets: [
        {
          target:
            'searchAssets in a folder of 10k assets (100 per page, by name), one call: ≤ 50 ms',
          measured: ms(single),
          met: single <= 50,
        },
        {
          target:
            'searchAssets in a folder of 10k assets (100 per page) at 50 connections: ≥ 50 req/s',
          measured: `${Math.round(page100.requests.average)} req/s`,
          met: page100.requests.average >= 50 && page100.non2xx === 0,
        },
        {
          target: `UploadFile POST of ${UPLOAD_FILES} files (10 KB each) answered ≤ 500 ms`,
          measured: ms(post),
          met: post <= 500,
        },
        {
          target: `Its job ended, ${UPLOAD_FILES} assets stored, ≤ 2 s + 500 ms after the POST`,
          measured: ms(end),
          met: end <= 2500,
        },
      ],
    }
  } finally {
    await server.close()
  }
}
