/**
 * `]]>` may not stand in character data (XML 1.0 §2.4, production CharData): a request holding it
 * is not well-formed, so it gets fault 30003 naming the place, and no job is made.
 */
import { expect, it } from 'vitest'
import { eachRuntime } from './support/matrix.js'
import { submitJobRequest } from './support/requests.js'
import { read } from './support/soap.js'
import { expectValidSoap } from './support/xsd.js'

const problem = 'a CDATA end marker outside a CDATA section'

/** A submitJob request whose jobName element holds `content` as written. */
function withJobName(content: string): string {
  return submitJobRequest('optimizeImagesJob', 'minimal', { jobName: 'NAME' }).replace(
    '<jobName>NAME</jobName>',
    `<jobName>${content}</jobName>`,
  )
}

eachRuntime({}, (runtime) => {
  it.each([
    ['at the start of a text', ']]>x'],
    ['inside a text', 'a ]]> b'],
    ['right after a CDATA section', '<![CDATA[a]]>]]>'],
  ])('refuses ]]> %s with 30003 at its line and column', async (_name, content) => {
    const body = withJobName(content)
    const jobs = runtime().mock.store.jobs.count()
    const answer = await read(await runtime().post(body))
    expect(answer.status).toBe(500)
    expect(answer.fault?.code).toBe(30003)
    const column = body.lastIndexOf(']]>') + 1
    expect(answer.fault?.reason).toBe(`Malformed XML: ${problem} at line 1, column ${column}`)
    expectValidSoap(answer.xml)
    expect(runtime().mock.store.jobs.count()).toBe(jobs)
  })

  it('serves ]]> written as ]]&gt; or split over two CDATA sections', async () => {
    for (const [content, name] of [
      ['a]]&gt;b', 'a]]>b'],
      ['<![CDATA[c]]]]><![CDATA[>d]]>', 'c]]>d'],
    ] as const) {
      const answer = await read(await runtime().post(withJobName(content)))
      expect(answer.status).toBe(200)
      const handle = (answer.body.submitJobReturn as { jobHandle: string }).jobHandle
      expect(runtime().mock.store.job(handle)?.name).toBe(name)
    }
  })
})
