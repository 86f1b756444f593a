import fc from 'fast-check'
import { expect, it } from 'vitest'
import { redactXml } from '../src/journal/redact-xml.js'
import { createIpsMock } from '../src/index.js'
import { sendTo, submitJobRequest } from './support/requests.js'

it.each([
  ['<a><password>s3cret</password></a>', '<a><password>[redacted]</password></a>'],
  ['<h><ns1:password>s3cret</ns1:password></h>', '<h><ns1:password>[redacted]</ns1:password></h>'],
  ['<AuthPassword x="1">s3cret</AuthPassword>', '<AuthPassword x="1">[redacted]</AuthPassword>'],
  ['<password><![CDATA[</password>s3cret]]></password>', '<password>[redacted]</password>'],
  ['<password>a<!-- </password> -->s3cret</password>', '<password>[redacted]</password>'],
  ['<password>cut off s3cret', '<password>[redacted]'],
  ['<password/><user>u</user>', '<password/><user>u</user>'],
  ['<passwordExpires>2030</passwordExpires>', '<passwordExpires>2030</passwordExpires>'],
])('redacts %s', (text, redacted) => {
  expect(redactXml(text)).toBe(redacted)
})

it('never lets any part of a password through, whatever it holds', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 4 }), (secret) => {
      const escaped = secret.replaceAll('&', '&amp;').replaceAll('<', '&lt;')
      const text = `<authHeader><user>u</user><password>${escaped}</password></authHeader>`
      expect(redactXml(text)).toBe(
        '<authHeader><user>u</user><password>[redacted]</password></authHeader>',
      )
    }),
  )
})

it('takes one pass over a body full of open brackets', () => {
  const text = `${'<'.repeat(200_000)}<password>x</password>`
  expect(redactXml(text).endsWith('<password>[redacted]</password>')).toBe(true)
})

it("gives a journal entry's XML without its password", async () => {
  const mock = createIpsMock({ startTime: '2030-01-01T00:00:00Z' })
  await sendTo(mock, submitJobRequest('optimizeImagesJob', 'minimal', { jobName: 'x' }))
  const xml = mock.journal.last()?.xml()
  expect(xml?.request).toContain('<password>[redacted]</password>')
  expect(xml?.request).not.toContain('demo-user-pass')
  expect(xml?.response).toContain('submitJobReturn')
})
