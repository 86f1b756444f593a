// The mock against what the IPS reference documents, copied verbatim into fixtures/reference/:
// expectations that the mock did not produce. See fixtures/reference/README.md.
import { readFileSync } from 'node:fs'
import { XmlDocument, XmlElement, type XmlTreeNode } from 'libxml2-wasm'
import { describe, expect, it } from 'vitest'
import { createIpsMock, faults } from '../src/index.js'
import { findElement, markdownRows, referenceFile } from './support/independent.js'
import { BASE_NS, envelope, NS_2014, sendTo, SOAP11 } from './support/requests.js'
import { read } from './support/soap.js'
import { expectValidSoap } from './support/xsd.js'

const examples = referenceFile('examples.md')

/** The inline code span right after `before` on the line of examples.md containing `marker`. */
function codeSpan(marker: string, before: string): string {
  const line = examples.split('\n').find((text) => text.includes(marker)) ?? ''
  const at = line.indexOf(`${before}\``)
  const span = at < 0 ? undefined : /^`([^`]+)`/.exec(line.slice(at + before.length))?.[1]
  if (span === undefined)
    throw new Error(`no code span after "${before}" on the line with "${marker}"`)
  return span
}

interface Skeleton {
  element: string
  text?: string
  children: Skeleton[]
}

/** An element tree as {namespace}name plus non-blank leaf text: what a SOAP reader sees. */
function skeleton(element: XmlElement): Skeleton {
  const children: Skeleton[] = []
  for (let node: XmlTreeNode | null = element.firstChild; node; node = node.next) {
    if (node instanceof XmlElement) children.push(skeleton(node))
  }
  const text = element.content.trim()
  return {
    element: `{${element.namespaceUri}}${element.name}`,
    ...(children.length === 0 && text !== '' ? { text } : {}),
    children,
  }
}

function skeletonOf(xml: string): Skeleton {
  const doc = XmlDocument.fromString(xml)
  try {
    return skeleton(doc.root)
  } finally {
    doc.dispose()
  }
}

const roleConstants = [
  ...(referenceFile('roles.md').split('\n')[1] ?? '').matchAll(/`(\w+)`/g),
].map((match) => match[1] as string)

/** Reference §3.3: operation → the roles that may call it. */
function allowedRoles(): Map<string, Set<string>> {
  const table = new Map<string, Set<string>>()
  for (const [operations = '', roles = ''] of markdownRows(referenceFile('roles.md'))) {
    const cell = roles.replace(/\(.*?\)/g, '').trim()
    const allowed = cell.startsWith('all nine non-WebServiceUser roles')
      ? roleConstants.filter((role) => role !== 'WebServiceUser')
      : cell === 'IpsAdmin only'
        ? ['IpsAdmin']
        : cell.split(',').map((role) => role.trim())
    for (const [, operation] of operations.matchAll(/`(\w+)`/g)) {
      table.set(operation as string, new Set(allowed))
    }
  }
  return table
}

describe('§4.2 fault codes', () => {
  const rows = markdownRows(referenceFile('fault-codes.md'))

  it('lists the 17 documented codes', () => {
    expect(rows).toHaveLength(17)
  })

  it.each(Object.entries(faults))('%s has its documented code, element and constant', (_, def) => {
    const row = rows.find(([code]) => Number(code) === def.code)
    expect(row, `code ${def.code} is not in the reference`).toBeDefined()
    expect({ code: def.code, element: def.element, constant: def.constant }).toEqual({
      code: Number(row?.[0]),
      element: row?.[1],
      constant: row?.[2],
    })
  })
})

describe('§4.1 the documented fault', () => {
  const http = referenceFile('fault-20003-addCompany.http')
  const [head = '', documented = ''] = http.split(/\n\n/)

  it('is what the mock answers a role that may not call an operation', async () => {
    const mock = createIpsMock()
    const response = await sendTo(
      mock,
      envelope(
        `<submitJobParam xmlns="${NS_2014}"><companyHandle>c|101</companyHandle><jobName>x</jobName><optimizeImagesJob><emailSetting>All</emailSetting></optimizeImagesJob></submitJobParam>`,
        { auth: { user: 'portal@demo-co.test', password: 'demo-portal-pass' } },
      ),
    )
    const xml = await response.text()
    expectValidSoap(xml)
    expect(`HTTP/1.1 ${response.status}`).toBe(head.split('\n')[0]?.replace(/ Internal.*/, ''))
    expect(`Content-Type: ${response.headers.get('content-type')}`).toBe(head.split('\n')[1])
    // The same tree, element for element, with the operation's name in the reason.
    const want = skeletonOf(documented.replace("operation 'addCompany'", "operation 'submitJob'"))
    expect(skeletonOf(xml)).toEqual(want)
    // faultcode is a QName whose prefix names the SOAP 1.1 namespace in the response.
    expect(xml).toMatch(new RegExp(`xmlns:soapenv="${SOAP11}"`))
    expect(xml).toContain('<faultcode>soapenv:Client</faultcode>')
  })
})

describe('§3.2 authentication outcomes', () => {
  const submit = (auth: { user: string; password: string } | null) =>
    sendTo(
      createIpsMock(),
      envelope(
        `<submitJobParam xmlns="${NS_2014}"><companyHandle>c|101</companyHandle><jobName>x</jobName><optimizeImagesJob><emailSetting>All</emailSetting></optimizeImagesJob></submitJobParam>`,
        { auth },
      ),
    ).then(read)

  it('answers no credentials with HTTP 500, never 401, and an authentication fault', async () => {
    const answer = await submit(null)
    expect(examples).toContain('| no credentials at all | HTTP **500** (never 401)')
    expect(answer.status).toBe(500)
    expect(answer.fault).toMatchObject({ element: 'authenticationFault', code: 10000 })
    expect(answer.fault?.reason).toMatch(/could not be authenticated/)
  })

  it('answers a wrong password with the documented reason', async () => {
    const answer = await submit({ user: 'user@demo-co.test', password: 'wrong' })
    const reason = codeSpan('| wrong password |', 'reason text ')
    expect(reason).toBe('Invalid username/password')
    expect(answer.fault).toMatchObject({ element: 'authenticationFault', code: 10001, reason })
  })

  it('answers an unknown user with 10002', async () => {
    const answer = await submit({ user: 'ghost@demo-co.test', password: 'x' })
    expect(codeSpan('| unknown user |', '| ')).toBe('authenticationFault')
    expect(answer.fault).toMatchObject({ element: 'authenticationFault', code: 10002 })
  })
})

describe('§3.3 authorized user types per operation', () => {
  const table = allowedRoles()
  const seed = {
    companies: [{ name: 'Roles Co', handle: 'c|101' }],
    users: roleConstants.map((role) => ({
      email: `${role.toLowerCase()}@roles.test`,
      password: 'role-pass',
      role,
      companies: ['Roles Co'],
    })),
  }
  const mock = createIpsMock({ seed: seed as never })
  /** Every operation the mock serves that the table names, with a valid request body. */
  const bodies: Record<string, string> = {
    submitJob:
      '<companyHandle>c|101</companyHandle><jobName>r</jobName><optimizeImagesJob><emailSetting>All</emailSetting></optimizeImagesJob>',
    getActiveJobs: '<companyHandle>c|101</companyHandle>',
    getScheduledJobs: '<companyHandle>c|101</companyHandle>',
    stopJob: '<companyHandle>c|101</companyHandle><jobHandle>j|101|r|</jobHandle>',
    pauseJob: '<companyHandle>c|101</companyHandle><jobHandle>j|101|r|</jobHandle>',
    resumeJob: '<companyHandle>c|101</companyHandle><jobHandle>j|101|r|</jobHandle>',
    deleteJob: '<companyHandle>c|101</companyHandle><jobHandle>j|101|r|</jobHandle>',
    executeJob: '<companyHandle>c|101</companyHandle><jobHandle>j|101|r|</jobHandle>',
    getJobLogs: '<companyHandle>c|101</companyHandle>',
    getAssetJobLogs: '<companyHandle>c|101</companyHandle><assetHandle>a|1</assetHandle>',
    getJobLogDetails: '<companyHandle>c|101</companyHandle><jobHandle>j|101|r|</jobHandle>',
    getCompanyInfo: '<companyHandle>c|101</companyHandle>',
    getUserInfo: '',
    checkLogin: '<email>ipsuser@roles.test</email><password>role-pass</password>',
    getCompanyMembership: '',
    getAllCompanies: '<includeExpired>true</includeExpired>',
  }
  const cases = Object.keys(bodies).flatMap((operation) =>
    roleConstants.map((role) => [operation, role] as const),
  )

  it('reads ten roles and every operation above from the reference table', () => {
    expect(roleConstants).toHaveLength(10)
    for (const operation of Object.keys(bodies)) expect(table.has(operation), operation).toBe(true)
    expect(table.get('submitJob')?.has('IpsCompanyAdmin')).toBe(false)
    expect(table.get('getJobLogDetails')?.has('TrialSiteAdmin')).toBe(false)
  })

  it.each(cases)(
    '%s by %s: refused with 20003 exactly when the table leaves the role out',
    async (operation, role) => {
      const auth = { user: `${role.toLowerCase()}@roles.test`, password: 'role-pass' }
      const body = `<${operation}Param xmlns="${NS_2014}">${bodies[operation]}</${operation}Param>`
      const answer = await read(await sendTo(mock, envelope(body, { auth })))
      if (table.get(operation)?.has(role)) {
        expect(answer.fault?.code, answer.fault?.reason).not.toBe(20003)
      } else {
        expect(answer.fault).toMatchObject({
          code: 20003,
          element: 'authorizationFault',
          faultcode: 'soapenv:Client',
          faultstring: 'AuthorizationException',
          reason: `User does not have permission to access operation '${operation}'`,
        })
      }
    },
  )
})

describe('§5 the documented submitJob example', () => {
  it('is the answer fixtures/documented/ pins (test/documented.test.ts runs it)', () => {
    const documented = codeSpan('<submitJobReturn xmlns=', '')
    expect(documented).toBe(
      '<submitJobReturn xmlns="http://www.scene7.com/IpsApi/xsd"><jobHandle>47|My Test Job|</jobHandle></submitJobReturn>',
    )
    const pinned = readFileSync(
      new URL('../fixtures/documented/submitJob.response.xml', import.meta.url),
      'utf8',
    )
    expect(pinned.trim()).toBe(documented)
    const request = readFileSync(
      new URL('../fixtures/documented/submitJob.request.xml', import.meta.url),
      'utf8',
    )
    expect(findElement(request, 'submitJobParam')?.namespace).toBe(BASE_NS)
    expect(findElement(request, 'companyHandle')?.text).toBe(
      codeSpan('request `submitJobParam`', '`companyHandle` '),
    )
    expect(findElement(request, 'jobName')?.text).toBe(
      codeSpan('request `submitJobParam`', '`jobName` '),
    )
  })
})

describe('§5 the submitJob request in a current namespace', () => {
  it('is accepted as printed, answered in its namespace with the job name in the handle', async () => {
    const request = referenceFile('submitJob-2014-04-03.request.xml')
    const mock = createIpsMock({
      seed: {
        companies: [{ name: 'Example', handle: 'c|2101' }],
        users: [
          {
            email: 'user@example.com',
            password: 'secret',
            role: 'IpsUser',
            companies: ['Example'],
          },
        ],
      },
    })
    const response = await sendTo(mock, request, { 'content-type': 'text/xml; charset=UTF-8' })
    const xml = await response.text()
    expectValidSoap(xml)
    // §1.1: 200, text/xml;charset=UTF-8, prefix soapenv, an empty Header, the return as ns1.
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/xml;charset=UTF-8')
    expect(xml).toMatch(
      /<soapenv:Envelope [^>]*><soapenv:Header\s*\/><soapenv:Body><ns1:submitJobReturn /,
    )
    const returned = findElement(xml, 'submitJobReturn')
    expect(returned?.namespace).toBe(findElement(request, 'submitJobParam')?.namespace)
    expect(findElement(xml, 'jobHandle')?.text).toBe('j|2101|My Test Job|')
  })
})

describe('§9 getActiveJobs', () => {
  it('answers a company without jobs with the documented empty result', async () => {
    const documented = codeSpan('The documented empty result is', 'The documented empty result is ')
    const answer = await sendTo(
      createIpsMock(),
      envelope(
        `<getActiveJobsParam xmlns="${NS_2014}"><companyHandle>c|101</companyHandle></getActiveJobsParam>`,
      ),
    )
    const xml = await answer.text()
    expectValidSoap(xml)
    const body = /<ns1:getActiveJobsReturn[\s\S]*<\/ns1:getActiveJobsReturn>/.exec(xml)?.[0] ?? ''
    const inNamespace = documented.replace(
      '<getActiveJobsReturn>',
      `<getActiveJobsReturn xmlns="${NS_2014}">`,
    )
    expect(skeletonOf(body)).toEqual(skeletonOf(inNamespace))
  })
})

describe('§11 lookups', () => {
  const seed = {
    companies: [
      { name: 'Planetary', handle: '137', expires: '2101-01-31T23:00:00.030Z' },
      { name: 'Sample Company', handle: 'c|2' },
    ],
    users: [
      {
        email: 'p@planetary.test',
        password: 'planet-pass',
        role: 'IpsUser' as const,
        companies: ['Planetary', 'Sample Company'],
      },
    ],
  }
  const auth = { user: 'p@planetary.test', password: 'planet-pass' }
  const ask = (body: string, namespace = BASE_NS) =>
    sendTo(createIpsMock({ seed }), envelope(body.replace('NS', namespace), { auth })).then(read)

  it('answers getCompanyInfo for Planetary as documented', async () => {
    const answer = await ask(
      '<getCompanyInfoParam xmlns="NS"><companyName>Planetary</companyName></getCompanyInfoParam>',
    )
    const info = (answer.body.getCompanyInfoReturn as { companyInfo: Record<string, string> })
      .companyInfo
    expect(info).toMatchObject({
      companyHandle: codeSpan('documented reply for company', 'handle '),
      name: codeSpan('documented reply for company', 'documented reply for company '),
      rootPath: codeSpan('documented reply for company', '`rootPath` '),
    })
    // The same instant, to the millisecond (the mock writes UTC as +00:00, the sample as Z).
    expect(Date.parse(info.expires ?? '')).toBe(
      Date.parse(codeSpan('documented reply for company', '`expires` ')),
    )
  })

  it('derives rootPath as the company name without spaces plus /', async () => {
    const answer = await ask(
      '<getCompanyInfoParam xmlns="NS"><companyName>Sample Company</companyName></getCompanyInfoParam>',
    )
    const info = (answer.body.getCompanyInfoReturn as { companyInfo: Record<string, string> })
      .companyInfo
    expect(info.rootPath).toBe(codeSpan('documented reply for company', '('))
  })

  it.each([
    ['planet-pass', 0],
    ['wrong-pass', 1],
  ] as const)(
    'answers checkLogin with password %s by the documented status',
    async (password, index) => {
      const answer = await ask(
        `<checkLoginParam xmlns="NS"><email>p@planetary.test</email><password>${password}</password></checkLoginParam>`,
        NS_2014,
      )
      const status = (answer.body.checkLoginReturn as { status: string }).status
      expect(status).toBe(codeSpan('`checkLogin` answers', index === 0 ? 'answers ' : 'or '))
    },
  )
})
