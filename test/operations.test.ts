import { expect, it } from 'vitest'
import { operationHandlers } from '../src/operations/index.js'
import { getType } from '../src/schema/table.js'
import { useMswMock } from './support/msw.js'
import { BASE_NS, envelope, logins, NS_2014, post } from './support/requests.js'
import { read } from './support/soap.js'
import { expectValidSoap } from './support/xsd.js'

useMswMock()

const operations = Object.keys(operationHandlers)
const paramType = (operation: string) =>
  getType(`${operation[0]?.toUpperCase()}${operation.slice(1)}Param`)
const takesCompany = operations.filter((operation) =>
  paramType(operation).elements.some((element) => element.name === 'companyHandle'),
)

it('implements every operation the life-cycle and lookup issues name', () => {
  expect(operations.sort()).toEqual(
    [
      'checkLogin',
      'deleteJob',
      'executeJob',
      'getActiveJobs',
      'getAllCompanies',
      'getAssetJobLogs',
      'getCompanyInfo',
      'getCompanyMembership',
      'getJobLogDetails',
      'getJobLogs',
      'getScheduledJobs',
      'getUserInfo',
      'pauseJob',
      'resumeJob',
      'stopJob',
      'submitJob',
    ].sort(),
  )
})

it.each(operations)('%s: no credentials → 10000', async (operation) => {
  const answer = await read(
    await post(envelope(`<${operation}Param xmlns="${NS_2014}"/>`, { auth: null })),
  )
  expectValidSoap(answer.xml)
  expect(answer.fault?.code).toBe(10000)
})

it.each(operations)('%s: an unknown element → 30003 naming the path', async (operation) => {
  const body = envelope(
    `<${operation}Param xmlns="${NS_2014}"><bogus>1</bogus></${operation}Param>`,
    {
      auth: logins.admin,
    },
  )
  const answer = await read(await post(body))
  expectValidSoap(answer.xml)
  expect(answer.fault?.code).toBe(30003)
  expect(answer.fault?.reason).toMatch(new RegExp(`^${operation}Param/bogus: unknown element`))
})

it.each(takesCompany)("%s: another company's handle → 20006", async (operation) => {
  const required = paramType(operation).elements.filter((element) => element.min > 0)
  const fields = required
    .map((element) => {
      const value =
        element.name === 'companyHandle' ? 'c|102' : element.type === 'xsd:boolean' ? 'true' : 'x'
      return `<${element.name}>${value}</${element.name}>`
    })
    .join('')
  const withCompany = fields.includes('<companyHandle>')
    ? fields
    : `<companyHandle>c|102</companyHandle>${fields}`
  const answer = await read(
    await post(
      envelope(`<${operation}Param xmlns="${NS_2014}">${withCompany}</${operation}Param>`),
    ),
  )
  expectValidSoap(answer.xml)
  expect(answer.fault).toMatchObject({ code: 20006, element: 'authorizationFault' })
})

it.each(operations)('%s: answers in the unversioned namespace too', async (operation) => {
  const answer = await read(
    await post(
      envelope(`<${operation}Param xmlns="${BASE_NS}"><bogus/></${operation}Param>`, {
        auth: logins.admin,
      }),
    ),
  )
  expect(answer.fault?.code).toBe(30003)
})
