import { expect, it } from 'vitest'
import { demoSeed } from '../src/index.js'
import { call, items, ok } from './support/calls.js'
import { createIpsMock } from '../src/index.js'
import { eachRuntimeOf } from './support/matrix.js'
import {
  DEMO_CO,
  envelope,
  logins,
  NS_2022,
  operationParam,
  OTHER_CO,
  post,
} from './support/requests.js'
import { read } from './support/soap.js'
import { expectValidSoap } from './support/xsd.js'

eachRuntimeOf(
  createIpsMock({
    startTime: '2030-01-01T00:00:00Z',
    seed: {
      companies: [
        { name: 'demo-co', handle: 'c|101', imsOrgId: 'ORG1@AdobeOrg' },
        { name: 'other-co', handle: 'c|102' },
        { name: 'Old Company', handle: 'c|103', expires: '2020-01-01T00:00:00.000Z' },
      ],
      users: demoSeed.users.map((user) =>
        user.email === 'user@demo-co.test'
          ? { ...user, firstName: 'Ada', lastName: 'Lovelace' }
          : user,
      ),
    },
  }),
  () => {
    it('checkLogin: ValidLogin for a right password, InvalidLogin otherwise', async () => {
      const check = async (fields: Record<string, string>) =>
        (await ok('checkLogin', fields)).status
      expect(await check({ email: 'portal@demo-co.test', password: 'demo-portal-pass' })).toBe(
        'ValidLogin',
      )
      expect(
        await check({
          companyHandle: DEMO_CO,
          email: 'portal@demo-co.test',
          password: 'demo-portal-pass',
        }),
      ).toBe('ValidLogin')
      expect(await check({ email: 'portal@demo-co.test', password: 'nope' })).toBe('InvalidLogin')
      expect(await check({ email: 'ghost@demo-co.test', password: 'x' })).toBe('InvalidLogin')
      const foreign = await ok(
        'checkLogin',
        { companyHandle: OTHER_CO, email: 'admin@demo-co.test', password: 'demo-admin-pass' },
        logins.admin,
      )
      expect(foreign.status).toBe('ValidLogin')
      const notMember = await ok(
        'checkLogin',
        { companyHandle: OTHER_CO, email: 'portal@demo-co.test', password: 'demo-portal-pass' },
        logins.admin,
      )
      expect(notMember.status).toBe('InvalidLogin')
    })

    it('getCompanyInfo: by handle, name or IMS org, only for members', async () => {
      const expected = {
        companyHandle: 'c|101',
        name: 'demo-co',
        rootPath: 'demo-co/',
        imsOrgId: 'ORG1@AdobeOrg',
      }
      expect((await ok('getCompanyInfo', { companyHandle: DEMO_CO })).companyInfo).toEqual(expected)
      expect((await ok('getCompanyInfo', { companyName: 'demo-co' })).companyInfo).toEqual(expected)
      expect((await ok('getCompanyInfo', { imsOrgId: 'ORG1@AdobeOrg' })).companyInfo).toEqual(
        expected,
      )
      expect((await call('getCompanyInfo', { companyName: 'other-co' })).fault).toMatchObject({
        code: 20006,
        reason: "User 'user@demo-co.test' is not a member of company 'c|102'",
      })
      expect((await call('getCompanyInfo', { companyName: 'nobody' })).fault).toMatchObject({
        code: 20000,
      })
      expect((await call('getCompanyInfo', {})).fault).toMatchObject({
        code: 30002,
        reason: 'getCompanyInfoParam: companyHandle or companyName is required',
      })
      expect(
        (await call('getCompanyInfo', { companyHandle: DEMO_CO }, logins.portal)).fault,
      ).toBeUndefined()
    })

    it('getUserInfo: the caller by default, others who share a company', async () => {
      const caller = {
        userHandle: 'u|1002|user@demo-co.test',
        firstName: 'Ada',
        lastName: 'Lovelace',
        email: 'user@demo-co.test',
        isValid: 'true',
        isIpsAdmin: 'false',
      }
      // User/defaultRole and User/role are absent in 2017-10-29-beta and older (reference §11).
      expect((await ok('getUserInfo')).userInfo).toEqual(caller)
      const newest = await read(await post(envelope(operationParam('getUserInfo', {}, NS_2022))))
      expectValidSoap(newest.xml)
      expect((newest.body.getUserInfoReturn as Record<string, unknown>).userInfo).toEqual({
        ...caller,
        defaultRole: 'IpsUser',
        role: 'IpsUser',
      })
      expect((await ok('getUserInfo', { email: 'admin@demo-co.test' })).userInfo.isIpsAdmin).toBe(
        'true',
      )
      expect(
        (await call('getUserInfo', { userHandle: 'u|1004|user@other-co.test' })).fault,
      ).toMatchObject({
        code: 20007,
        reason: "User 'u|1004|user@other-co.test' shares no company with 'user@demo-co.test'",
      })
      expect((await call('getUserInfo', { userHandle: 'u|1|x' })).fault).toMatchObject({
        code: 20002,
      })
      expect(
        (await ok('getUserInfo', { userHandle: 'u|1004|user@other-co.test' }, logins.admin))
          .userInfo.email,
      ).toBe('user@other-co.test')
    })

    it('getCompanyMembership: companies with role and state', async () => {
      const [membership] = items((await ok('getCompanyMembership')).membershipArray)
      expect(membership).toEqual({
        company: {
          companyHandle: 'c|101',
          name: 'demo-co',
          rootPath: 'demo-co/',
          imsOrgId: 'ORG1@AdobeOrg',
        },
        role: 'IpsUser',
        isActive: 'true',
      })
    })

    it('getAllCompanies: IpsAdmin only, expired companies on request', async () => {
      const names = async (includeExpired: boolean) =>
        items((await ok('getAllCompanies', { includeExpired }, logins.admin)).companyArray).map(
          (c) => c.name,
        )
      expect(await names(false)).toEqual(['demo-co', 'other-co'])
      expect(await names(true)).toEqual(['demo-co', 'other-co', 'Old Company'])
      expect((await call('getAllCompanies', { includeExpired: true })).fault?.code).toBe(20003)
      const [old] = items(
        (await ok('getAllCompanies', { includeExpired: true }, logins.admin)).companyArray,
      ).slice(2)
      expect(old).toMatchObject({
        rootPath: 'OldCompany/',
        expires: '2020-01-01T00:00:00.000+00:00',
      })
    })
  },
)
