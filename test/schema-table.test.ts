import { describe, expect, it } from 'vitest'
import { createIpsMock } from '../src/index.js'
import { buildTypes, getType, type ReferenceType } from '../src/schema/table.js'
import { DEMO_CO, envelope, operationParam, sendTo, submitJobRequest } from './support/requests.js'
import { caught } from './support/caught.js'
import { read } from './support/soap.js'

describe('the schema table', () => {
  it('refuses a type whose element names a type the table lacks', () => {
    const sources: Record<string, ReferenceType> = {
      Job: {
        kind: 'complexType',
        sequence: [
          { name: 'jobName', type: 'xsd:string', minOccurs: 1, maxOccurs: 1 },
          { name: 'options', type: 'Options', minOccurs: 0, maxOccurs: 1 },
        ],
      },
    }
    expect(caught(() => buildTypes(sources))).toMatchObject({
      name: 'IpsMockError',
      code: 'INTERNAL',
      action: 'build the schema table',
      reason: '"Job/options" has the unknown type "Options"',
    })
  })

  it('links an element to its complex type and leaves simple types unlinked', () => {
    const built = buildTypes({
      Job: {
        kind: 'complexType',
        sequence: [
          { name: 'jobName', type: 'xsd:string', minOccurs: 1, maxOccurs: 1 },
          { name: 'options', type: 'Options', minOccurs: 0, maxOccurs: 'unbounded' },
        ],
      },
      Options: { kind: 'complexType', sequence: [] },
    })
    const [jobName, options] = built.get('Job')?.elements ?? []
    expect(jobName).toStrictEqual({ name: 'jobName', type: 'xsd:string', min: 1, max: 1 })
    expect(options?.complex).toBe(built.get('Options'))
    expect(options?.max).toBe(Number.POSITIVE_INFINITY)
  })

  it('fails loudly on a type it does not have', () => {
    expect(caught(() => getType('SubmitJobsParam'))).toMatchObject({
      name: 'IpsMockError',
      code: 'INTERNAL',
      action: 'find IPS type',
      subject: 'SubmitJobsParam',
      reason: 'the schema table has no such type',
    })
  })
})

describe('ActiveJob/type', () => {
  it('names each job kind: the reference’s mapping (§8), the README’s guesses for the rest', async () => {
    // Reference §8 `jobTypeMapping` for the first seven; the README's Fidelity table records the
    // other six as guesses in the same style.
    const expected: Record<string, string> = {
      imageServingPublishJob: 'ImageServingPublish',
      imageRenderingPublishJob: 'ImageRenderingPublish',
      videoPublishJob: 'VideoPublish',
      serverDirectoryPublishJob: 'ServerDirectoryPublish',
      uploadDirectoryJob: 'UploadFromServerDirectory',
      uploadUrlsJob: 'UrlUpload',
      optimizeImagesJob: 'ImageOptimization',
      metadataPublishJob: 'MetadataPublish',
      ripPdfsJob: 'RipPdfs',
      reprocessAssetsJob: 'ReprocessAssets',
      createVideoSitemapJob: 'CreateVideoSitemap',
      exportJob: 'Export',
      automatedSetGenerationJob: 'AutomatedSetGeneration',
    }
    const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z' })
    const handles = new Map<string, string>()
    for (const job of Object.keys(expected)) {
      const submitted = await read(await sendTo(mock, submitJobRequest(job)))
      expect(submitted.fault?.reason, job).toBeUndefined()
      handles.set((submitted.body.submitJobReturn as { jobHandle: string }).jobHandle, job)
    }
    const listed = await read(
      await sendTo(mock, envelope(operationParam('getActiveJobs', { companyHandle: DEMO_CO }))),
    )
    const jobs = (listed.body.getActiveJobsReturn as { jobArray: { items: unknown[] } }).jobArray
      .items as { jobHandle: string; type: string }[]
    const types = Object.fromEntries(jobs.map((job) => [handles.get(job.jobHandle), job.type]))
    expect(types).toStrictEqual(expected)
  })
})
