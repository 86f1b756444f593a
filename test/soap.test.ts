import { createIpsMock } from '../src/index.js'
import { expect, it } from 'vitest'
import { useMswMock } from './support/msw.js'
import {
  BASE_NS,
  DEMO_CO,
  envelope,
  logins,
  NS_2014,
  post,
  SERVICE_URL,
  SOAP11,
  SOAP12,
  submitJobRequest,
  sendTo,
} from './support/requests.js'
import { read } from './support/soap.js'
import { expectValidSoap } from './support/xsd.js'
import { unservedOperation } from './support/unserved.js'

const mock = useMswMock()

const param = (ns: string, prefix = '') => {
  const p = prefix ? `${prefix}:` : ''
  const declaration = prefix ? `xmlns:${prefix}="${ns}"` : `xmlns="${ns}"`
  return `<${p}submitJobParam ${declaration}><${p}companyHandle>${DEMO_CO}</${p}companyHandle><${p}jobName>j</${p}jobName><${p}serverDirectoryPublishJob><${p}emailSetting>All</${p}emailSetting></${p}serverDirectoryPublishJob></${p}submitJobParam>`
}

const auth = `<authHeader xmlns="${BASE_NS}"><user>${logins.user.user}</user><password>${logins.user.password}</password></authHeader>`

it('answers SOAP 1.1 with SOAP 1.1, in the documented shape', async () => {
  const response = await post(submitJobRequest('optimizeImagesJob'))
  const answer = await read(response)
  expect(answer.status).toBe(200)
  expect(answer.contentType).toBe('text/xml;charset=UTF-8')
  expect(answer.xml).toMatch(
    new RegExp(
      `^<\\?xml version="1.0" encoding="UTF-8"\\?><soapenv:Envelope xmlns:soapenv="${SOAP11}"><soapenv:Header/><soapenv:Body><ns1:submitJobReturn xmlns:ns1="${NS_2014}">`,
    ),
  )
  expectValidSoap(answer.xml)
})

it('answers SOAP 1.2 with SOAP 1.2 and a default-namespace return element', async () => {
  const response = await post(
    submitJobRequest('optimizeImagesJob', 'minimal', {}, { soap: '1.2' }),
    {
      'content-type': 'application/soap+xml; charset=utf-8; action="submitJob"',
    },
  )
  const answer = await read(response)
  expect(answer.status).toBe(200)
  expect(answer.contentType).toBe('application/soap+xml;charset=UTF-8')
  expect(answer.xml).toContain(`<soapenv:Envelope xmlns:soapenv="${SOAP12}">`)
  expect(answer.xml).toContain(
    `<submitJobReturn xmlns="${NS_2014}"><jobHandle>j|101|optimizeImagesJob job|</jobHandle></submitJobReturn>`,
  )
  expectValidSoap(answer.xml)
})

it('answers SOAP 1.2 faults with Code/Reason/Detail', async () => {
  const answer = await read(
    await post(submitJobRequest('optimizeImagesJob', 'minimal', {}, { soap: '1.2', auth: null }), {
      'content-type': 'application/soap+xml',
    }),
  )
  expectValidSoap(answer.xml)
  expect(answer.fault).toMatchObject({
    code: 10000,
    faultcode: 'soapenv:Sender',
    faultstring: 'AuthenticationException',
  })
})

it.each([
  [
    'any envelope prefix',
    `<S:Envelope xmlns:S="${SOAP11}"><S:Header>${auth}</S:Header><S:Body>${param(NS_2014)}</S:Body></S:Envelope>`,
  ],
  [
    'a prefixed body element',
    `<e:Envelope xmlns:e="${SOAP11}"><e:Header>${auth}</e:Header><e:Body>${param(NS_2014, 'ips')}</e:Body></e:Envelope>`,
  ],
  [
    'a default xmlns on the envelope (node-soap style)',
    `<Envelope xmlns="${SOAP11}"><Header>${auth}</Header><Body>${param(NS_2014)}</Body></Envelope>`,
  ],
  [
    'namespaces declared on the envelope',
    `<soap:Envelope xmlns:soap="${SOAP11}" xmlns:tns="${NS_2014}"><soap:Header>${auth}</soap:Header><soap:Body><tns:submitJobParam><tns:companyHandle>${DEMO_CO}</tns:companyHandle><tns:jobName>j</tns:jobName><tns:optimizeImagesJob><tns:emailSetting>All</tns:emailSetting></tns:optimizeImagesJob></tns:submitJobParam></soap:Body></soap:Envelope>`,
  ],
  [
    'comments, CDATA and entities',
    `<?xml version="1.0" encoding="utf-8"?><!-- hi --><soapenv:Envelope xmlns:soapenv="${SOAP11}"><soapenv:Header>${auth}</soapenv:Header><soapenv:Body><submitJobParam xmlns="${NS_2014}"><companyHandle><![CDATA[c|101]]></companyHandle><jobName>&#106;</jobName><optimizeImagesJob><emailSetting>All</emailSetting></optimizeImagesJob></submitJobParam></soapenv:Body></soapenv:Envelope>`,
  ],
])('accepts %s', async (_name, body) => {
  const answer = await read(await post(body))
  expect(answer.fault).toBeUndefined()
  expect(mock.store.job('j|101|j|')?.originalName).toBe('j')
})

it.each([
  ['the unversioned namespace', BASE_NS],
  ['a documented version', 'http://www.scene7.com/IpsApi/xsd/2008-01-15'],
  ['a beta version', 'http://www.scene7.com/IpsApi/xsd/2013-08-29-beta'],
  ['the newest schema', 'http://www.scene7.com/IpsApi/xsd/2022-11-01-beta'],
])('echoes %s in the return element', async (_name, ns) => {
  const answer = await read(await post(envelope(param(ns))))
  expect(answer.xml).toContain(`<ns1:submitJobReturn xmlns:ns1="${ns}">`)
  expectValidSoap(answer.xml)
})

it.each([
  ['unquoted', { soapaction: 'submitJob' }],
  ['quoted', { soapaction: '"submitJob"' }],
  ['empty', { soapaction: '""' }],
  ['a URI', { soapaction: 'urn:submitJob' }],
  ['absent', {}],
])('tolerates a SOAPAction that is %s', async (_name, headers) => {
  const answer = await read(await post(submitJobRequest('optimizeImagesJob'), headers))
  expect(answer.fault).toBeUndefined()
})

it('refuses a SOAPAction that contradicts the body', async () => {
  const answer = await read(
    await post(submitJobRequest('optimizeImagesJob'), { soapaction: 'stopJob' }),
  )
  expect(answer.fault).toMatchObject({
    code: 30003,
    faultcode: 'soapenv:Client',
    reason:
      "SOAPAction 'stopJob' does not match the Body element 'submitJobParam' (operation submitJob)",
  })
})

it('refuses a SOAP 1.2 action parameter that contradicts the body', async () => {
  const answer = await read(
    await post(submitJobRequest('optimizeImagesJob', 'minimal', {}, { soap: '1.2' }), {
      'content-type': 'application/soap+xml;action=getActiveJobs',
    }),
  )
  expect(answer.fault?.reason).toBe(
    "SOAPAction 'getActiveJobs' does not match the Body element 'submitJobParam' (operation submitJob)",
  )
})

it.each([200, 503])('sends faults with faultHttpStatusCode %i when asked', async (status) => {
  const body = submitJobRequest(
    'optimizeImagesJob',
    'minimal',
    {},
    {
      auth: { user: logins.user.user, password: 'wrong', faultHttpStatusCode: status },
    },
  )
  const answer = await read(await post(body))
  expect(answer.status).toBe(status)
  expect(answer.fault?.code).toBe(10001)
})

it('refuses a faultHttpStatusCode that is not an HTTP status', async () => {
  const body = submitJobRequest(
    'optimizeImagesJob',
    'minimal',
    {},
    {
      auth: { user: logins.user.user, password: logins.user.password, faultHttpStatusCode: 42 },
    },
  )
  const answer = await read(await post(body))
  expect(answer.status).toBe(500)
  expect(answer.fault).toMatchObject({
    code: 30003,
    reason: "authHeader/faultHttpStatusCode: '42' is not an HTTP status between 200 and 599",
  })
})

it.each([
  ['an empty body', '', 'Malformed XML: the body is empty'],
  ['text that is not XML', 'hello', /^Malformed XML: /],
  ['truncated XML', submitJobRequest('optimizeImagesJob').slice(0, 120), /^Malformed XML: /],
  [
    'an undeclared prefix',
    `<x:Envelope xmlns:soapenv="${SOAP11}"/>`,
    'Malformed XML: an undeclared namespace prefix at line 1, column 1',
  ],
  [
    'an unknown entity',
    `<a>&nbsp;</a>`,
    'Malformed XML: an undefined entity reference at line 1, column 4',
  ],
  [
    'a DOCTYPE',
    '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>',
    'Malformed XML: a DOCTYPE is not allowed in a SOAP message at line 1, column 1',
  ],
  [
    'XML that is not SOAP',
    '<submitJobParam/>',
    'Not a SOAP message: the root element is submitJobParam, expected a SOAP 1.1 or 1.2 Envelope',
  ],
  [
    'an envelope without Body',
    `<e:Envelope xmlns:e="${SOAP11}"><e:Header/></e:Envelope>`,
    'Envelope: expected an optional Header followed by a Body',
  ],
  [
    'two Body children',
    `<e:Envelope xmlns:e="${SOAP11}"><e:Body><a/><b/></e:Body></e:Envelope>`,
    'Body: expected exactly one operation element, found 2',
  ],
  [
    'a Body with text only',
    `<e:Envelope xmlns:e="${SOAP11}"><e:Body>hi</e:Body></e:Envelope>`,
    'Body: expected exactly one operation element, found 0 and text',
  ],
  [
    'a body element outside IPS',
    envelope('<submitJobParam xmlns="urn:x"/>'),
    'Body element {urn:x}submitJobParam is not in an IPS namespace; expected http://www.scene7.com/IpsApi/xsd or http://www.scene7.com/IpsApi/xsd/<YYYY-MM-DD>[-beta]',
  ],
  // IPS namespaces are matched whole: not one that only contains an IPS namespace.
  ...['urn:x:http://www.scene7.com/IpsApi/xsd/2014-04-03', `${NS_2014}/more`].map(
    (ns): [string, string, string | RegExp] => [
      `a namespace that only contains an IPS one (${ns})`,
      envelope(`<submitJobParam xmlns="${ns}"/>`),
      `Body element {${ns}}submitJobParam is not in an IPS namespace; expected http://www.scene7.com/IpsApi/xsd or http://www.scene7.com/IpsApi/xsd/<YYYY-MM-DD>[-beta]`,
    ],
  ),
  [
    'an unknown operation',
    envelope(`<submitJobsParam xmlns="${NS_2014}"/>`),
    "Unknown operation element 'submitJobsParam' (did you mean 'submitJobParam'?)",
  ],
  [
    'a non-UTF-8 encoding',
    `<?xml version="1.0" encoding="ISO-8859-1"?><a/>`,
    "Malformed XML: encoding 'ISO-8859-1' is not supported; send UTF-8",
  ],
])('answers %s with a SOAP fault', async (_name, body, reason) => {
  const answer = await read(await post(body))
  expect(answer.status).toBe(500)
  expect(answer.fault?.code).toBe(30003)
  expect(answer.fault?.element).toBe('ipsApiFault')
  if (typeof reason === 'string') expect(answer.fault?.reason).toBe(reason)
  else expect(answer.fault?.reason).toMatch(reason)
  expectValidSoap(answer.xml)
})

it('accepts an uploadUrlsJob without urlArray in the unversioned namespace, not from 2010-01-31 on', async () => {
  // Reference §2.4: urlArray became required in practice with IPS 4.5 (2010-01-31).
  const request = (ns: string) =>
    submitJobRequest('uploadUrlsJob', 'minimal', { jobName: 'no-urls' }, { ns }).replace(
      /<urlArray>[\s\S]*<\/urlArray>/,
      '',
    )
  expect(request(BASE_NS)).not.toContain('urlArray')
  expect((await read(await post(request(BASE_NS)))).fault).toBeUndefined()
  expect((await read(await post(request(NS_2014)))).fault).toMatchObject({
    code: 30002,
    reason: 'submitJobParam/uploadUrlsJob/urlArray: required element is missing',
  })
})

it('answers invalid UTF-8 with a SOAP fault', async () => {
  const bytes = new Uint8Array([
    ...new TextEncoder().encode('<a>'),
    0xff,
    0xfe,
    ...new TextEncoder().encode('</a>'),
  ])
  const response = await fetch(SERVICE_URL, {
    method: 'POST',
    body: bytes,
    headers: { 'content-type': 'text/xml' },
  })
  const answer = await read(response)
  expect(answer.fault).toMatchObject({
    code: 30003,
    reason: 'Malformed XML: the body is not valid UTF-8',
  })
})

it('answers a body over the size limit with a fault', async () => {
  const small = createIpsMock({ maxBodyBytes: 1000 })
  const response = await sendTo(small, submitJobRequest('uploadUrlsJob', 'full'))
  const answer = await read(response)
  expect(answer.fault).toMatchObject({
    code: 30003,
    reason: 'The request body exceeds the limit of 1000 bytes',
  })
})

it("answers an operation outside ips-mock's scope with 30000", async () => {
  const answer = await read(
    await post(
      envelope(
        `<${unservedOperation}Param xmlns="${NS_2014}"><companyHandle>${DEMO_CO}</companyHandle></${unservedOperation}Param>`,
      ),
    ),
  )
  expect(answer.fault).toMatchObject({
    code: 30000,
    faultcode: 'soapenv:Server',
    reason: `Operation '${unservedOperation}' is not supported by ips-mock`,
  })
})
