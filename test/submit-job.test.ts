import { expect, it } from 'vitest'
import { createIpsMock } from '../src/index.js'
import { eachRuntimeOf } from './support/matrix.js'
import {
  DEMO_CO,
  envelope,
  jobElements,
  NS_2014,
  post,
  submitJobParam,
  submitJobRequest,
} from './support/requests.js'
import { flatten, leafValues } from './support/independent.js'
import { read } from './support/soap.js'
import { expectValidSoap } from './support/xsd.js'

const mock = createIpsMock()

eachRuntimeOf(mock, () => {
  it.each(jobElements)('accepts and stores a minimal %s', async (jobElement) => {
    const answer = await read(await post(submitJobRequest(jobElement)))
    expect(answer.fault).toBeUndefined()
    expect(answer.status).toBe(200)
    expectValidSoap(answer.xml)
    const handle = (answer.body.submitJobReturn as { jobHandle: string }).jobHandle
    expect(handle).toBe(`j|101|${jobElement} job|`)
    const job = mock.store.job(handle)
    expect(job).toMatchObject({
      companyHandle: DEMO_CO,
      name: `${jobElement} job`,
      originalName: `${jobElement} job`,
      jobElement,
      state: 'New',
      submitUserEmail: 'user@demo-co.test',
      notifyUserHandle: 'u|1002|user@demo-co.test',
      namespace: NS_2014,
    })
  })

  it.each(jobElements)('accepts every field of %s and keeps them all', async (jobElement) => {
    const answer = await read(await post(submitJobRequest(jobElement, 'full')))
    expect(answer.fault).toBeUndefined()
    expectValidSoap(answer.xml)
    const job = mock.store.job((answer.body.submitJobReturn as { jobHandle: string }).jobHandle)
    expect(job?.state).toBe('Scheduled')
    expect(job?.execTime).toBe('2030-01-01T09:30:00+01:00')
    expect(job?.locale).toBe('en-US')
    expect(job?.description).toBe(`Every field of ${jobElement}`)
    // Every value the request sent, read back by libxml2, is stored under the job element.
    const request = submitJobRequest(jobElement, 'full')
    const sent = leafValues(request, jobElement)
    expect(Object.keys(sent).length).toBeGreaterThan(0)
    expect(flatten(job?.params)).toEqual(sent)
  })

  it('keeps typed values of the job element', async () => {
    const body = envelope(
      submitJobParam({
        companyHandle: DEMO_CO,
        jobName: 'typed',
        uploadUrlsJob: {
          urlArray: {
            items: [
              { sourceUrl: 'https://x.test/a.jpg', destPath: 'a.jpg' },
              { sourceUrl: 'https://x.test/b.jpg', destPath: 'b.jpg' },
            ],
          },
          overwrite: 'true',
          readyForPublish: '0',
          createMask: 'false',
          manualCropOptions: { left: '1', right: '-2', top: '3', bottom: '4' },
          emailSetting: 'None',
          unsharpMaskOptions: { amount: '1.5E0', threshold: '6' },
        },
      }),
    )
    const answer = await read(await post(body))
    const job = mock.store.job((answer.body.submitJobReturn as { jobHandle: string }).jobHandle)
    expect(job?.params).toEqual({
      urlArray: {
        items: [
          { sourceUrl: 'https://x.test/a.jpg', destPath: 'a.jpg' },
          { sourceUrl: 'https://x.test/b.jpg', destPath: 'b.jpg' },
        ],
      },
      overwrite: true,
      readyForPublish: false,
      createMask: false,
      manualCropOptions: { left: 1, right: -2, top: 3, bottom: 4 },
      emailSetting: 'None',
      unsharpMaskOptions: { amount: 1.5, threshold: 6 },
    })
  })

  it('makes job names unique per company and keeps the submitted name', async () => {
    const handles: string[] = []
    for (let i = 0; i < 3; i++) {
      const answer = await read(
        await post(submitJobRequest('optimizeImagesJob', 'minimal', { jobName: 'Nightly' })),
      )
      handles.push((answer.body.submitJobReturn as { jobHandle: string }).jobHandle)
    }
    expect(handles).toEqual(['j|101|Nightly|', 'j|101|Nightly_1|', 'j|101|Nightly_2|'])
    expect(handles.map((handle) => mock.store.job(handle)?.originalName)).toEqual([
      'Nightly',
      'Nightly',
      'Nightly',
    ])
    // Another company may use the same name.
    const other = await read(
      await post(
        submitJobRequest(
          'optimizeImagesJob',
          'minimal',
          { jobName: 'Nightly', companyHandle: 'c|102' },
          {
            auth: { user: 'user@other-co.test', password: 'other-user-pass' },
          },
        ),
      ),
    )
    expect((other.body.submitJobReturn as { jobHandle: string }).jobHandle).toBe('j|102|Nightly|')
  })

  it('sends job e-mail to userHandle when given, else to the submitter', async () => {
    const answer = await read(
      await post(
        submitJobRequest('optimizeImagesJob', 'minimal', {
          userHandle: 'u|1003|portal@demo-co.test',
        }),
      ),
    )
    const job = mock.store.job((answer.body.submitJobReturn as { jobHandle: string }).jobHandle)
    expect(job?.notifyUserHandle).toBe('u|1003|portal@demo-co.test')
    expect(job?.submitUserHandle).toBe('u|1002|user@demo-co.test')
  })

  it('schedules a job with execSchedule instead of running it', async () => {
    const answer = await read(
      await post(
        submitJobRequest('uploadDirectoryJob', 'minimal', { execSchedule: '0 0 3 * * ?' }),
      ),
    )
    const job = mock.store.job((answer.body.submitJobReturn as { jobHandle: string }).jobHandle)
    expect(job).toMatchObject({ state: 'Scheduled', execSchedule: '0 0 3 * * ?' })
  })

  it('lets IpsAdmin submit in a company it is not a member of', async () => {
    const answer = await read(
      await post(
        submitJobRequest(
          'optimizeImagesJob',
          'minimal',
          { companyHandle: 'c|102' },
          {
            auth: { user: 'admin@demo-co.test', password: 'demo-admin-pass' },
          },
        ),
      ),
    )
    expect(answer.fault).toBeUndefined()
    expect(mock.store.job('j|102|optimizeImagesJob job|')?.submitUserEmail).toBe(
      'admin@demo-co.test',
    )
  })

  it('answers the documented example in the unversioned namespace', async () => {
    const body = envelope(
      '<submitJobParam xmlns="http://www.scene7.com/IpsApi/xsd"><companyHandle>c|101</companyHandle><jobName>My Test Job</jobName><imageServingPublishJob><publishType>Full</publishType><emailSetting>Error</emailSetting></imageServingPublishJob></submitJobParam>',
    )
    const answer = await read(await post(body))
    expectValidSoap(answer.xml)
    expect(answer.xml).toContain(
      '<ns1:submitJobReturn xmlns:ns1="http://www.scene7.com/IpsApi/xsd"><ns1:jobHandle>j|101|My Test Job|</ns1:jobHandle></ns1:submitJobReturn>',
    )
  })

  it('stores nothing when a submit is refused', async () => {
    const before = mock.store.jobs.count()
    const answer = await read(
      await post(
        submitJobRequest('optimizeImagesJob', 'minimal', {
          execTime: '2030-01-01T00:00:00Z',
          execSchedule: '0 0 * * * ?',
        }),
      ),
    )
    expect(answer.fault?.code).toBe(30001)
    expect(mock.store.jobs.count()).toBe(before)
    // The refused name stays free.
    const ok = await read(await post(submitJobRequest('optimizeImagesJob')))
    expect((ok.body.submitJobReturn as { jobHandle: string }).jobHandle).toBe(
      'j|101|optimizeImagesJob job|',
    )
  })
})
