import { expect, it } from 'vitest'
import { demoSeed } from '../src/index.js'
import { storeOf } from '../src/mock/create-ips-mock.js'
import { items, ok, submit } from './support/calls.js'
import { assetOk, submitUpload } from './support/assets.js'
import { createIpsMock } from '../src/index.js'
import { eachRuntimeOf } from './support/matrix.js'
import { BASE_NS, DEMO_CO, NS_2014, sampleValue } from './support/requests.js'

const mock = createIpsMock({
  startTime: '2030-01-01T00:00:00Z',
  seed: {
    ...demoSeed,
    companies: [
      { name: 'demo-co', handle: 'c|101' },
      { name: 'other-co', handle: 'c|102', overwriteMode: 'OverwriteAnyExtAnyFolder' },
    ],
  },
})

eachRuntimeOf(mock, () => {
  const search = async (fields: Record<string, unknown> = {}) =>
    items(
      (
        await assetOk('searchAssets', {
          companyHandle: DEMO_CO,
          includeSubfolders: true,
          ...fields,
        })
      ).assetArray,
    )

  /** The job log of a finished run, from the store. */
  const logOf = (handle: string) => mock.store.logsOf(handle)[0]

  /** The upload detail lines of a run: log type and message. */
  const lines = (handle: string) =>
    (logOf(handle)?.details ?? [])
      .filter((detail) => detail.assetName !== undefined)
      .map((detail) => [detail.logType, detail.assetName])

  it('an UploadUrlsJob turns each file into an asset that searchAssets finds', async () => {
    await submitUpload('first', ['demo-co/images/chair.jpg', 'images/table.png', '/docs/guide.pdf'])
    expect(mock.store.assets.count()).toBe(0)
    await mock.runUntilIdle()
    const found = await assetOk('searchAssets', { companyHandle: DEMO_CO, includeSubfolders: true })
    expect(found.totalRows).toBe('3')
    const assets = items(found.assetArray)
    expect(assets.map((asset) => [asset.name, asset.type, asset.folder, asset.fileName])).toEqual([
      ['chair', 'Image', 'demo-co/images/', 'chair.jpg'],
      ['table', 'Image', 'demo-co/images/', 'table.png'],
      ['guide', 'Pdf', 'demo-co/docs/', 'guide.pdf'],
    ])
    const [chair] = assets
    expect(chair).toMatchObject({
      folderHandle: 'f|demo-co/images/',
      readyForPublish: 'false',
      trashState: 'NotInTrash',
      createUser: 'user@demo-co.test',
      lastModifyUser: 'user@demo-co.test',
      ipsImageUrl: 'demo-co/chair',
      imageInfo: { originalPath: 'demo-co/images/', originalFile: 'chair.jpg' },
    })
    expect(chair?.assetHandle).toMatch(/^a\|\d+$/)
    expect(Number(chair?.imageInfo.width)).toBeGreaterThan(0)
    expect(Number(chair?.imageInfo.height)).toBeGreaterThan(0)
    expect(assets[2]?.pdfInfo).toMatchObject({ originalFile: 'guide.pdf' })
    expect(assets[2]?.imageInfo).toBeUndefined()
    expect(mock.store.folders.findMany().map((folder) => folder.path)).toEqual([
      'demo-co/',
      'other-co/',
      'demo-co/images/',
      'demo-co/docs/',
    ])
    expect(mock.store.assets.findMany((q) => q.where({ name: 'chair' }))).toHaveLength(1)
  })

  it('the same calls give the same handles and dimensions', async () => {
    const run = async () => {
      await mock.reset()
      await submitUpload('same', ['a.jpg', 'b.mp4'])
      await mock.runUntilIdle()
      return (await search()).map((asset) => [asset.assetHandle, asset.imageInfo, asset.videoInfo])
    }
    const first = await run()
    expect(first[1]?.[2]).toMatchObject({ originalFile: 'b.mp4' })
    expect(await run()).toEqual(first)
  })

  it('mints asset and folder handles in the form of the upload namespace', async () => {
    await submitUpload('old', ['old/x.jpg'], {}, BASE_NS)
    await submitUpload('mid', ['mid/y.jpg'], {}, 'http://www.scene7.com/IpsApi/xsd/2008-01-15')
    await mock.runUntilIdle()
    const byName = Object.fromEntries(
      mock.store.assets.all().map((asset) => [asset.name, asset.handle]),
    )
    expect(byName.x).toMatch(/^(\d+)\|1\|\1$/)
    expect(byName.y).toMatch(/^a\|(\d+)\|1\|\1$/)
    const old = await assetOk(
      'getAssetsByName',
      { companyHandle: DEMO_CO, nameArray: { items: ['x'] } },
      undefined,
      BASE_NS,
    )
    expect(items(old.assetArray)[0]).toMatchObject({
      assetHandle: byName.x,
      folderHandle: 'demo-co/old/',
    })
    // Any form of a handle finds the asset.
    const id = String(byName.x).split('|')[0]
    const modern = await assetOk('getAssets', {
      companyHandle: DEMO_CO,
      assetHandleArray: { items: [`a|${id}`] },
    })
    expect(items(modern.assetArray)[0]?.name).toBe('x')
  })

  it('OverwriteFullName: same folder and extension replaces, keeping handle and creation', async () => {
    await submitUpload('v1', ['images/chair.jpg'])
    await mock.runUntilIdle()
    const [before] = await search()
    mock.clock.advance('1h')
    const again = await submitUpload('v2', ['images/chair.jpg'], { readyForPublish: true })
    await mock.runUntilIdle()
    const after = await search()
    expect(after).toHaveLength(1)
    expect(after[0]).toMatchObject({
      assetHandle: before?.assetHandle,
      created: before?.created,
      // The company keeps the publish state of a replaced asset by default.
      readyForPublish: 'false',
    })
    expect(after[0]?.lastModified).not.toBe(before?.lastModified)
    expect(lines(again)).toEqual([['FileUpdated', 'chair']])
    expect(logOf(again)).toMatchObject({
      fileSuccessCount: 0,
      fileUpdateCount: 1,
      fileDuplicateCount: 0,
      totalFileCount: 1,
    })
    const logs = items(
      (await ok('getAssetJobLogs', { companyHandle: DEMO_CO, assetHandle: before?.assetHandle }))
        .jobLogArray,
    )
    expect(logs.map((log) => [log.jobHandle, log.logType, log.logMessage])).toEqual([
      [
        expect.stringContaining('v1'),
        'UploadSuccess',
        'demo-co/images/chair.jpg processed successfully.',
      ],
      [
        again,
        'FileUpdated',
        'demo-co/images/chair.jpg was processed into IPS, replacing the existing asset.',
      ],
    ])
  })

  it('OverwriteFullName: another folder or extension gives a -1, -2 duplicate', async () => {
    await submitUpload('v1', ['images/chair.jpg'])
    await mock.runUntilIdle()
    const second = await submitUpload('v2', ['other/chair.jpg', 'images/chair.tif'])
    await mock.runUntilIdle()
    expect((await search()).map((asset) => [asset.name, asset.fileName, asset.folder])).toEqual([
      ['chair', 'chair.jpg', 'demo-co/images/'],
      ['chair-1', 'chair-1.jpg', 'demo-co/other/'],
      ['chair-2', 'chair-2.tif', 'demo-co/images/'],
    ])
    expect(lines(second)).toEqual([
      ['UploadSuccess', 'chair-1'],
      ['UploadSuccess', 'chair-2'],
    ])
    expect(logOf(second)).toMatchObject({
      fileSuccessCount: 2,
      fileUpdateCount: 0,
      fileDuplicateCount: 2,
    })
  })

  it("names assets as the reference's own examples do (§3.3, §6.2)", async () => {
    // §3.3: "896649.jpg → 896649"; §6.2: "chair.tif is renamed chair-1.tif" beside chair.jpg.
    await submitUpload('v1', ['images/896649.jpg', 'images/chair.jpg'])
    await mock.runUntilIdle()
    await submitUpload('v2', ['images/chair.tif'])
    await mock.runUntilIdle()
    expect((await search()).map((asset) => [asset.name, asset.fileName])).toEqual([
      ['896649', '896649.jpg'],
      ['chair', 'chair.jpg'],
      ['chair-1', 'chair-1.tif'],
    ])
  })

  it('overwrite false skips a file whose name is taken, as DuplicateSkipped', async () => {
    await submitUpload('v1', ['images/chair.jpg'])
    await mock.runUntilIdle()
    const second = await submitUpload('v2', ['images/chair.jpg', 'images/sofa.jpg'], {
      overwrite: false,
    })
    await mock.runUntilIdle()
    expect((await search()).map((asset) => asset.name)).toEqual(['chair', 'sofa'])
    expect(lines(second)).toEqual([
      ['DuplicateSkipped', 'chair'],
      ['UploadSuccess', 'sofa'],
    ])
    expect(logOf(second)).toMatchObject({ fileSuccessCount: 1, fileDuplicateCount: 1 })
    const details = items(
      (await ok('getJobLogDetails', { companyHandle: DEMO_CO, jobHandle: second })).jobLogArray,
    )[0]
    expect(items(details?.detailArray).map((detail) => detail.logMessage)).toContain(
      'demo-co/images/chair.jpg was skipped: an asset of that name exists and overwrite is off.',
    )
  })

  it('a name held in the Trash stays reserved: the upload gets a numbered duplicate', async () => {
    await submitUpload('v1', ['images/chair.jpg'])
    await mock.runUntilIdle()
    const [chair] = await search()
    await assetOk('deleteAsset', { companyHandle: DEMO_CO, assetHandle: chair?.assetHandle })
    await submitUpload('v2', ['images/chair.jpg'])
    await mock.runUntilIdle()
    expect((await search()).map((asset) => asset.name)).toEqual(['chair-1'])
    expect((await search({ trashState: 'InTrash' })).map((asset) => asset.name)).toEqual(['chair'])
  })

  it('OverwriteAnyExtAnyFolder: any folder and extension replaces, the asset moves', async () => {
    const upload = async (name: string, path: string) => {
      const handle = await submit(
        'uploadUrlsJob',
        {
          companyHandle: 'c|102',
          jobName: name,
          uploadUrlsJob: {
            urlArray: { items: [{ sourceUrl: 'https://img.example.test/x', destPath: path }] },
            overwrite: true,
            readyForPublish: false,
            createMask: false,
            emailSetting: 'None',
          },
        },
        { user: 'user@other-co.test', password: 'other-user-pass' },
      )
      await mock.runUntilIdle()
      return handle
    }
    await upload('v1', 'a/lamp.jpg')
    const second = await upload('v2', 'b/lamp.png')
    const assets = mock.store.assets.findMany((q) => q.where({ companyHandle: 'c|102' }))
    expect(assets.map((asset) => [asset.name, asset.fileName, asset.folder])).toEqual([
      ['lamp', 'lamp.png', 'other-co/b/'],
    ])
    expect(logOf(second)?.fileUpdateCount).toBe(1)
  })

  it('an UploadDirectoryJob files its server directory into destFolder, subfolders replicated', async () => {
    const handle = await submit('uploadDirectoryJob', {
      uploadDirectoryJob: {
        ...sampleValue('UploadDirectoryJob', 'minimal'),
        destFolder: 'incoming',
        includeSubfolders: true,
        readyForPublish: true,
      },
    })
    await mock.runUntilIdle()
    const log = logOf(handle)
    const assets = await search({ folder: 'demo-co/incoming/' })
    expect(assets.length).toBe(log?.totalFileCount)
    expect(log?.fileSuccessCount).toBe(assets.length)
    expect(assets.every((asset) => asset.readyForPublish === 'true')).toBe(true)
    const folders = new Set(assets.map((asset) => asset.folder))
    expect(folders.size).toBe(2)
    expect([...folders][0]).toBe('demo-co/incoming/')
    const shallow = await search({ folder: 'demo-co/incoming/', includeSubfolders: false })
    expect(shallow.length).toBeLessThan(assets.length)
    const detailHandles = log?.details.flatMap((detail) => detail.assetHandle ?? [])
    expect(detailHandles?.sort()).toEqual(assets.map((asset) => asset.assetHandle).sort())
  })

  it('a file that fails in the run becomes no asset', async () => {
    mock.scenarios.next({ errors: [{ file: 'images/bad.jpg' }] })
    const handle = await submitUpload('mixed', ['images/good.jpg', 'images/bad.jpg'])
    await mock.runUntilIdle()
    expect((await search()).map((asset) => asset.name)).toEqual(['good'])
    expect(logOf(handle)).toMatchObject({ fileSuccessCount: 1, fileErrorCount: 1 })
  })

  it('snapshots, restores and resets include folders and assets', async () => {
    await submitUpload('v1', ['images/chair.jpg'])
    await mock.runUntilIdle()
    const saved = await mock.snapshot()
    await submitUpload('v2', ['images/sofa.jpg'])
    await mock.runUntilIdle()
    await assetOk('createFolder', { companyHandle: DEMO_CO, folderPath: 'later' })
    expect((await search()).map((asset) => asset.name)).toEqual(['chair', 'sofa'])
    await mock.restore(saved)
    expect((await search()).map((asset) => asset.name)).toEqual(['chair'])
    expect(storeOf(mock).library.folder(DEMO_CO, 'demo-co/later/')).toBeUndefined()
    await submitUpload('v3', ['images/sofa.jpg'])
    await mock.runUntilIdle()
    // The restored id counter hands out the same handle again.
    expect(mock.store.assets.all().map((asset) => asset.handle)).toEqual(['a|1', 'a|2'])
    await mock.reset()
    expect(mock.store.assets.count()).toBe(0)
    expect(mock.store.folders.all().map((folder) => folder.path)).toEqual(['demo-co/', 'other-co/'])
    expect(await search()).toEqual([])
    expect(NS_2014).toContain('2014-04-03')
  })
})
