import { type IpsMock, storeOf } from '../mock/create-ips-mock.js'
import { getType } from '../schema/table.js'
import { faker } from '@faker-js/faker/locale/en'
import { demoSeed } from '../store/demo-seed.js'
import { addToLibrary } from '../store/library-seed.js'
import { resolveSeed } from '../store/seed.js'
import { type OutObject, writeElement } from '../schema/write.js'
import { parseXml, type XmlElement } from '../xml/parse.js'
import { IpsMockError } from '../errors/ips-mock-error.js'

/** Parameters a contract passes with a provider state (Pact `given(state, params)`). */
export type StateParams = Readonly<Record<string, unknown>>

/** Values a state hands back to the verifier, e.g. the handle of the job it created. */
export type StateValues = Record<string, string>

/** One provider state the mock can set itself up in; `setup` resolves with what it created. */
export interface ProviderState<Values extends StateValues = StateValues> {
  /** What the state means, for the README and error messages. */
  description: string
  /** The parameters it reads, with their defaults (filled in before `setup` runs). */
  params: Readonly<Record<string, string>>
  setup(mock: IpsMock, params: StateParams): Promise<Values>
}

/** Where every provider state puts the clock: a fixed instant, so dates in answers are stable. */
export const STATE_TIME = '2030-01-01T00:00:00.000Z'

const NS = 'http://www.scene7.com/IpsApi/xsd/2014-04-03'
const COMPANY = 'c|101'
const LOGIN = { user: 'user@demo-co.test', password: 'demo-user-pass' }
const LONELY = { user: 'lonely@demo-co.test', password: 'lonely-pass' }

/** The demo seed, freshly loaded, with the clock held at `STATE_TIME`. */
async function fresh(mock: IpsMock): Promise<void> {
  await mock.reset()
  mock.clock.set(STATE_TIME)
}

/** The first element named `name` in document order (any namespace), or undefined. */
function find(element: XmlElement, name: string): XmlElement | undefined {
  if (element.name === name) return element
  for (const child of element.children) {
    const found = find(child, name)
    if (found) return found
  }
  return undefined
}

/**
 * Calls an operation as the demo seed's IpsUser and returns the parsed answer, its character
 * data decoded: what a state hands back is the value itself, never its XML escape.
 */
async function callAsDemoUser(
  mock: IpsMock,
  operation: string,
  fields: OutObject,
): Promise<XmlElement> {
  const name = `${operation}Param`
  const param = writeElement(
    name,
    getType(`${name[0]?.toUpperCase()}${name.slice(1)}`),
    fields,
    NS,
    '',
  )
  const body = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header><authHeader xmlns="http://www.scene7.com/IpsApi/xsd"><user>${LOGIN.user}</user><password>${LOGIN.password}</password></authHeader></s:Header><s:Body>${param}</s:Body></s:Envelope>`
  const response = await mock.handle(
    new Request('http://ips-mock.local/scene7/services/IpsApiService', {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8' },
      body,
    }),
  )
  const answer = parseXml(await response.text())
  if (response.status !== 200) {
    const reason = find(answer, 'reason')?.text ?? `HTTP ${response.status}`
    throw new IpsMockError({
      code: 'PROVIDER_STATE_FAILED',
      action: 'set up the provider state',
      reason: `${operation} answered "${reason}"`,
    })
  }
  return answer
}

async function submit(mock: IpsMock, job: OutObject): Promise<string> {
  const answer = await callAsDemoUser(mock, 'submitJob', { companyHandle: COMPANY, ...job })
  const handle = find(answer, 'jobHandle')?.text
  if (!handle) {
    throw new IpsMockError({
      code: 'PROVIDER_STATE_FAILED',
      action: 'set up the provider state',
      reason: 'submitJob answered without a jobHandle',
    })
  }
  return handle
}

/** A parameter as text; `setUpProviderState` has filled in the state's defaults. */
const text = (params: StateParams, name: string): string => String(params[name])

/** From the demo seed, an OptimizeImagesJob submitted with the given timing. */
async function optimizeImages(mock: IpsMock, jobName: string, timing: OutObject) {
  await fresh(mock)
  return submit(mock, { jobName, ...timing, optimizeImagesJob: { emailSetting: 'None' } })
}

/** The hourly OptimizeImagesJob two states share. */
const scheduledHourly = (mock: IpsMock, params: StateParams) =>
  optimizeImages(mock, text(params, 'jobName'), { execSchedule: '0 0 * * * ?' })

const uploadUrls = {
  urlArray: {
    items: [
      { sourceUrl: 'https://images.example.test/one.jpg', destPath: 'contract/one.jpg' },
      { sourceUrl: 'https://images.example.test/two.jpg', destPath: 'contract/two.jpg' },
    ],
  },
  overwrite: true,
  readyForPublish: true,
  createMask: false,
  emailSetting: 'None',
}

/**
 * The provider states ips-mock understands, by name: each resets the mock to the demo seed,
 * holds the clock at `STATE_TIME` and builds what its name says through the mock's own SOAP
 * operations, as the demo seed's IpsUser in company `c|101`.
 */
export const providerStates = {
  'the demo seed is loaded': {
    description: 'The demo seed (companies c|101 and c|102, the four demo logins) and no jobs.',
    params: {},
    async setup(mock) {
      await fresh(mock)
      return {}
    },
  },
  'a user without a company membership exists': {
    description:
      'The demo seed plus lonely@demo-co.test (password lonely-pass, IpsUser) in no company.',
    params: {},
    async setup(mock) {
      await fresh(mock)
      const lonely = { email: LONELY.user, password: LONELY.password, role: 'IpsUser' as const }
      storeOf(mock).load(
        resolveSeed({ ...demoSeed, users: [...demoSeed.users, { ...lonely, companies: [] }] }),
      )
      return {}
    },
  },
  'a job is scheduled': {
    description: 'An OptimizeImagesJob waits for its execTime (2030-06-01T00:00:00Z).',
    params: { jobName: 'scheduled job' },
    async setup(mock, params) {
      const jobHandle = await optimizeImages(mock, text(params, 'jobName'), {
        execTime: '2030-06-01T00:00:00Z',
      })
      return { jobHandle }
    },
  },
  'a job is scheduled to repeat': {
    description: 'An OptimizeImagesJob with execSchedule "0 0 * * * ?" (hourly), not yet run.',
    params: { jobName: 'hourly job' },
    async setup(mock, params) {
      return { jobHandle: await scheduledHourly(mock, params) }
    },
  },
  'a repeating job is paused': {
    description: 'The hourly job of "a job is scheduled to repeat", paused by pauseJob.',
    params: { jobName: 'hourly job' },
    async setup(mock, params) {
      const jobHandle = await scheduledHourly(mock, params)
      await callAsDemoUser(mock, 'pauseJob', { companyHandle: COMPANY, jobHandle })
      return { jobHandle }
    },
  },
  'a job is running': {
    description: 'An UploadUrlsJob of two URLs, running, one file done.',
    params: { jobName: 'running job' },
    async setup(mock, params) {
      await fresh(mock)
      const jobHandle = await submit(mock, {
        jobName: text(params, 'jobName'),
        uploadUrlsJob: uploadUrls,
      })
      mock.clock.advance('2500ms')
      return { jobHandle }
    },
  },
  'a job has run': {
    description:
      'A ReprocessAssetsJob over assets a|101|1 and a|101|2 that ran to completion and left its job log.',
    params: { jobName: 'finished job' },
    async setup(mock, params) {
      await fresh(mock)
      faker.seed(7)
      const assets = [
        { company: COMPANY, path: 'besides.jpg', handle: 'a|101|1' },
        { company: COMPANY, path: 'stay_above_bar.jpg', handle: 'a|101|2' },
      ]
      addToLibrary(storeOf(mock), { assets }, faker)
      const jobHandle = await submit(mock, {
        jobName: text(params, 'jobName'),
        reprocessAssetsJob: {
          assetHandleArray: { items: ['a|101|1', 'a|101|2'] },
          createMask: false,
          emailSetting: 'None',
        },
      })
      await mock.runUntilIdle()
      return { jobHandle, assetHandle: 'a|101|1' }
    },
  },
  'assets are in a folder': {
    description:
      'Assets a|901 (chair.jpg) and a|902 (sofa.png) in folder demo-co/images/ of company c|101.',
    params: {},
    async setup(mock) {
      await fresh(mock)
      faker.seed(7)
      const assets = [
        { company: COMPANY, path: 'images/chair.jpg', handle: 'a|901', fileSize: 5000 },
        { company: COMPANY, path: 'images/sofa.png', handle: 'a|902', fileSize: 9000 },
      ]
      addToLibrary(storeOf(mock), { assets }, faker)
      return { assetHandle: 'a|901', otherAssetHandle: 'a|902', folder: 'demo-co/images/' }
    },
  },
} satisfies Record<string, ProviderState>

/**
 * The name of a provider state ips-mock understands.
 * @example
 * const state: ProviderStateName = 'a job is running'
 * const interaction = ipsInteraction('stopJob', { state })
 */
export type ProviderStateName = keyof typeof providerStates

/**
 * What each provider state hands back (the state-change call's JSON answer), by state name.
 * @example const values: ProviderStateValues['a job is running'] = { jobHandle: 'j|101|running job|' }
 */
export type ProviderStateValues = {
  [Name in ProviderStateName]: Awaited<ReturnType<(typeof providerStates)[Name]['setup']>>
}

/** The error for a provider state ips-mock does not know; names the ones it does. */
function unknownProviderState(state: string): IpsMockError {
  const known = Object.keys(providerStates).map((name) => `"${name}"`)
  return new IpsMockError({
    code: 'UNKNOWN_PROVIDER_STATE',
    action: 'set up the provider state',
    subject: state,
    reason: 'ips-mock does not know it',
    remedy: `It understands: ${known.join(', ')}.`,
  })
}

/** Sets the mock up in a named provider state and returns the values it created. */
export function setUpProviderState(
  mock: IpsMock,
  state: string,
  params: StateParams = {},
): Promise<StateValues> {
  const found: ProviderState | undefined = Object.hasOwn(providerStates, state)
    ? providerStates[state as ProviderStateName]
    : undefined
  if (!found) return Promise.reject(unknownProviderState(state))
  const given = Object.entries(params).filter(([, value]) => value !== undefined && value !== null)
  return found.setup(mock, { ...found.params, ...Object.fromEntries(given) })
}
