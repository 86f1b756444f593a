/** Pieces the benchmarks share: calling a mock's core directly, stored jobs, the heap. */
import { exchanges } from '../../src/mock/create-ips-mock.js'
import type { RawResponse } from '../../src/core/raw.js'
import type { IpsMock } from '../../src/index.js'
import { type Job, JobParams } from '../../src/store/models.js'

/** Calls a mock's core with a SOAP body, as the server would, without HTTP. */
export function coreCaller(mock: IpsMock): (body: string) => Promise<RawResponse> {
  const exchange = exchanges.get(mock)
  if (!exchange) throw new Error('the mock has no core')
  const headers = { get: (name: string) => (name === 'content-type' ? 'text/xml' : null) }
  return (body) => {
    const bytes = new TextEncoder().encode(body)
    return exchange({
      method: 'POST',
      url: 'http://127.0.0.1/scene7/services/IpsApiService',
      headers,
      bytes: async () => bytes,
    })
  }
}

/** A finished UploadUrlsJob of the demo company, as a long-running mock holds many of. */
export function finishedJob(index: number, name = `preloaded job ${index}`): Job {
  return {
    handle: `j|101|${name}|`,
    companyHandle: 'c|101',
    name,
    originalName: name,
    jobElement: 'uploadUrlsJob',
    type: 'UrlUpload',
    state: 'Done',
    runCount: 0,
    submitUserHandle: 'u|1002|user@demo-co.test',
    submitUserEmail: 'user@demo-co.test',
    notifyUserHandle: 'u|1002|user@demo-co.test',
    namespace: 'http://www.scene7.com/IpsApi/xsd/2014-04-03',
    submittedAt: '2030-01-01T00:00:00.000Z',
    triggerTime: '2030-01-01T00:00:00.000Z',
    startDate: '2030-01-01T00:00:01.000Z',
    endDate: '2030-01-01T00:00:04.000Z',
    params: new JobParams({
      urlArray: {
        items: [
          { sourceUrl: `https://images.example.test/${index}.jpg`, destPath: `in/${index}.jpg` },
        ],
      },
      overwrite: true,
      readyForPublish: true,
      createMask: false,
      emailSetting: 'None',
    }),
  }
}

/** The heap in use after a full collection (needs `--expose-gc`). */
export function heapAfterCollection(): number {
  global.gc?.()
  global.gc?.()
  return process.memoryUsage().heapUsed
}
