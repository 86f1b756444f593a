import { expect, it } from 'vitest'
import { operations as assetOperations } from '../src/operations/asset-operations.js'
import { operationHandlers } from '../src/operations/index.js'
import { getType } from '../src/schema/table.js'
import { createIpsMock } from '../src/index.js'
import { eachRuntimeOf } from './support/matrix.js'
import { BASE_NS, envelope, logins, NS_2014, post } from './support/requests.js'
import { read } from './support/soap.js'
import { expectValidSoap } from './support/xsd.js'

eachRuntimeOf(createIpsMock(), () => {
  const operations = Object.keys(operationHandlers)
  const paramType = (operation: string) =>
    getType(`${operation[0]?.toUpperCase()}${operation.slice(1)}Param`)
  const takesCompany = operations.filter((operation) =>
    paramType(operation).elements.some((element) => element.name === 'companyHandle'),
  )

  // The served set, exactly, named here from the reference rather than read from the operation
  // table: an operation added or lost shows as a difference.
  it('implements exactly the operations of the life-cycle, lookup and asset references', () => {
    const reference = [
      // §5 submitJob; §9 job life-cycle: lists, control and logs
      'submitJob',
      'getActiveJobs',
      'getScheduledJobs',
      'stopJob',
      'pauseJob',
      'resumeJob',
      'deleteJob',
      'executeJob',
      'getJobLogs',
      'getJobLogDetails',
      'getAssetJobLogs',
      // §11 lookups and publish contexts
      'getCompanyInfo',
      'getUserInfo',
      'checkLogin',
      'getCompanyMembership',
      'getAllCompanies',
      'getPublishContexts',
      'getActivePublishContexts',
      // assets.md: asset and folder operations
      'checkAssetNames',
      'createFolder',
      'deleteAsset',
      'deleteAssets',
      'deleteFolder',
      'emptyAssetsFromTrash',
      'getAssetCounts',
      'getAssets',
      'getAssetsByName',
      'getFolderTree',
      'getFolders',
      'moveAsset',
      'moveAssets',
      'renameAsset',
      'restoreAssetsFromTrash',
      'searchAssets',
      'setAssetPublishState',
      'setAssetsPublishState',
    ]
    expect([...operations].sort()).toEqual([...reference].sort())
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
        if (!element.type.startsWith('xsd:')) return `<${element.name}/>`
        const value =
          element.name === 'companyHandle'
            ? 'c|102'
            : element.enum
              ? element.enum[0]
              : element.type === 'xsd:boolean'
                ? 'true'
                : element.type === 'xsd:int'
                  ? '1'
                  : 'x'
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

  /** The elements an operation requires, with values the demo seed accepts. */
  function requiredFields(operation: string, company: string): string {
    return paramType(operation)
      .elements.filter((element) => element.min > 0)
      .map((element) => {
        if (!element.type.startsWith('xsd:')) return `<${element.name}/>`
        const value =
          element.name === 'companyHandle'
            ? company
            : element.enum
              ? element.enum[0]
              : element.type === 'xsd:boolean'
                ? 'true'
                : element.type === 'xsd:int'
                  ? '1'
                  : 'x'
        return `<${element.name}>${value}</${element.name}>`
      })
      .join('')
  }

  it.each(operations)('%s: answers in the unversioned namespace too', async (operation) => {
    const fields = requiredFields(operation, 'c|101')
    const answer = await read(
      await post(
        envelope(`<${operation}Param xmlns="${BASE_NS}">${fields}</${operation}Param>`, {
          auth: logins.admin,
        }),
      ),
    )
    // The reference XSDs define the job and lookup operations; asset answers are checked in
    // test/assets.test.ts.
    if (answer.fault || !(operation in assetOperations)) expectValidSoap(answer.xml)
    // Served, not refused as XML it cannot read: a return in that same namespace, or a fault about
    // the values (an unknown job handle, a missing job element), never 30003.
    if (answer.fault) {
      expect(answer.fault.code, answer.fault.reason).not.toBe(30003)
      expect(answer.fault.reason).not.toMatch(/namespace/i)
    } else {
      const returned = new RegExp(`<(\\w+:)?${operation}Return xmlns(:\\w+)?="([^"]+)"`).exec(
        answer.xml,
      )
      expect(returned?.[3]).toBe(BASE_NS)
    }
  })

  it('serves most operations in the unversioned namespace with a return', async () => {
    const returned = []
    for (const operation of operations) {
      const fields = requiredFields(operation, 'c|101')
      const answer = await read(
        await post(
          envelope(`<${operation}Param xmlns="${BASE_NS}">${fields}</${operation}Param>`, {
            auth: logins.admin,
          }),
        ),
      )
      if (!answer.fault) returned.push(operation)
    }
    expect(returned).toEqual(
      expect.arrayContaining([
        'getActiveJobs',
        'getScheduledJobs',
        'getJobLogs',
        'getUserInfo',
        'checkLogin',
      ]),
    )
  })

  it.each(operations)(
    '%s: refuses an unknown element in the unversioned namespace for what it is',
    async (operation) => {
      const answer = await read(
        await post(
          envelope(`<${operation}Param xmlns="${BASE_NS}"><bogus/></${operation}Param>`, {
            auth: logins.admin,
          }),
        ),
      )
      expect(answer.fault?.code).toBe(30003)
      expect(answer.fault?.reason).toMatch(new RegExp(`^${operation}Param/bogus: unknown element`))
    },
  )
})
