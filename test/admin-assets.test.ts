// Folders and assets over the admin API of the standalone server; snapshots and resets keep them.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { demoSeed } from '../src/index.js'
import { type RunningServer, startServer } from '../src/server.js'

let server: RunningServer
let origin: string

const seed = {
  ...demoSeed,
  assets: [{ company: 'demo-co', path: 'seeded/base.jpg', handle: 'a|500' }],
}

beforeAll(async () => {
  server = await startServer({
    port: 0,
    logLevel: 'silent',
    startTime: '2030-01-01T00:00:00Z',
    seed,
  })
  origin = new URL(server.url).origin
})
afterAll(() => server.close())
beforeEach(() => server.mock.reset())

async function admin(method: string, path: string, body?: unknown) {
  const response = await fetch(`${origin}/__admin${path}`, {
    method,
    headers: method === 'GET' ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: response.status, body: await response.json() }
}

const names = async (query = '') =>
  ((await admin('GET', `/assets${query}`)).body as Array<{ name: string }>).map((a) => a.name)

it('lists the seeded assets and adds more, as a seed names them', async () => {
  expect(await names()).toEqual(['base'])
  const added = await admin('POST', '/assets', {
    assets: [
      { company: 'demo-co', path: 'rooms/chair.jpg' },
      { company: 'other-co', path: 'theirs.pdf', trashState: 'InTrash' },
    ],
  })
  expect(added.status).toBe(201)
  expect(added.body.added).toMatchObject([
    { name: 'chair', folder: 'demo-co/rooms/', type: 'Image', companyHandle: 'c|101' },
    { name: 'theirs', folder: 'other-co/', type: 'Pdf', trashState: 'InTrash' },
  ])
  expect(await names()).toEqual(['base', 'chair', 'theirs'])
  expect(await names('?companyHandle=c%7C102')).toEqual(['theirs'])
  expect(await names('?companyHandle=c%7C101&folder=demo-co%2Frooms%2F')).toEqual(['chair'])
  expect(await names('?trashState=NotInTrash')).toEqual(['base', 'chair'])
})

it('adds nothing when one entry is not valid, and says which', async () => {
  const refused = await admin('POST', '/assets', {
    assets: [
      { company: 'demo-co', path: 'ok.jpg' },
      { company: 'demo-co', path: 'seeded/base.png' },
    ],
  })
  expect(refused).toEqual({
    status: 400,
    body: {
      error:
        'Failed to add assets: assets[1] the asset name "base" is taken in company "demo-co". Fix the entry and retry.',
    },
  })
  const unknown = await admin('POST', '/assets', { assets: [{ company: 'nope', path: 'x.jpg' }] })
  expect(unknown.status).toBe(400)
  expect((await admin('POST', '/assets', { assets: [{ path: 'x.jpg' }] })).status).toBe(400)
  expect(await names()).toEqual(['base'])
})

it('snapshots restore the assets they saw; a reset goes back to the seed', async () => {
  await admin('POST', '/assets', { assets: [{ company: 'demo-co', path: 'kept.jpg' }] })
  const snapshot = await admin('POST', '/snapshots', { label: 'with kept' })
  await admin('POST', '/assets', { assets: [{ company: 'demo-co', path: 'later.jpg' }] })
  expect(await names()).toEqual(['base', 'kept', 'later'])
  await admin('POST', `/snapshots/${snapshot.body.id}/restore`)
  expect(await names()).toEqual(['base', 'kept'])
  await admin('POST', '/reset')
  expect(await names()).toEqual(['base'])
})
