// The consumer side of acme-dam's contract with IPS: each test describes one call with
// ips-mock/pact and runs the client against Pact's mock server, which writes the pact to
// $PACT_DIR (default pacts/). Then `npx ips-mock verify --pact pacts/` checks it against the mock.
import { PactV4 } from '@pact-foundation/pact'
import {
  addInteraction,
  faultInteraction,
  fromProviderState,
  ipsInteraction,
  submitJobInteraction,
} from 'ips-mock/pact'
import { expect, it } from 'vitest'
import { type Ips, jobState, optimizeImages } from './ips-client.js'

const pact = new PactV4({
  consumer: 'acme-dam',
  provider: 'scene7-ips',
  dir: process.env.PACT_DIR ?? 'pacts',
  logLevel: 'error',
})

const login = {
  user: 'user@demo-co.test',
  password: 'demo-user-pass',
  appName: 'acme-dam',
  appVersion: '2.1',
}
const ips = (url: string): Ips => ({
  url,
  user: login.user,
  password: login.password,
  companyHandle: 'c|101',
})

it('submits an image optimisation job', async () => {
  const interaction = submitJobInteraction({
    jobName: 'spring catalog',
    job: { optimizeImagesJob: { emailSetting: 'None' } },
    login,
  })
  await addInteraction(pact, interaction).executeTest(async (server) => {
    expect(await optimizeImages(ips(server.url), 'spring catalog')).toBe('j|101|spring catalog|')
  })
})

it('reads the state of a running job', async () => {
  const interaction = ipsInteraction('getActiveJobs', {
    description: 'getActiveJobs of the running spring catalog job',
    stateParams: { jobName: 'spring catalog' },
    params: { jobHandle: fromProviderState('${jobHandle}', 'j|101|spring catalog|') },
    returns: { jobArray: { items: [{ name: 'spring catalog', state: 'Running' }] } },
    login,
  })
  await addInteraction(pact, interaction).executeTest(async (server) => {
    expect(await jobState(ips(server.url), 'j|101|spring catalog|')).toBe('Running')
  })
})

it('reports a wrong password as fault 10001', async () => {
  const interaction = faultInteraction(10001, {
    operation: 'getActiveJobs',
    params: { jobHandle: 'j|101|spring catalog|' },
    login: { ...login, password: 'wrong-password' },
  })
  await addInteraction(pact, interaction).executeTest(async (server) => {
    const client = { ...ips(server.url), password: 'wrong-password' }
    await expect(jobState(client, 'j|101|spring catalog|')).rejects.toThrow('fault 10001')
  })
})
