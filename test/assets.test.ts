import { expect, it } from 'vitest'
import { demoSeed } from '../src/index.js'
import { storeOf } from '../src/mock/create-ips-mock.js'
import { items } from './support/calls.js'
import { assetCall, assetFault, assetOk } from './support/assets.js'
import { createIpsMock } from '../src/index.js'
import { eachRuntimeOf } from './support/matrix.js'
import { BASE_NS, DEMO_CO, logins, OTHER_CO } from './support/requests.js'

/** A library to work on: three folders deep, five assets, one in the Trash, one elsewhere. */
const mock = createIpsMock({
  startTime: '2030-01-01T00:00:00Z',
  seed: {
    ...demoSeed,
    folders: [{ company: 'demo-co', path: 'empty/' }],
    assets: [
      { company: 'demo-co', path: 'images/chair.jpg', handle: 'a|11', fileSize: 5000 },
      {
        company: 'demo-co',
        path: 'images/sofa.png',
        handle: 'a|12',
        readyForPublish: true,
        fileSize: 9000,
        created: '2029-06-01T00:00:00Z',
      },
      { company: 'demo-co', path: 'images/rooms/kitchen.jpg', handle: 'a|13', fileSize: 7000 },
      { company: 'demo-co', path: 'video/tour.mp4', handle: 'a|14', fileSize: 1_000_000 },
      { company: 'demo-co', path: 'docs/old.pdf', handle: 'a|15', trashState: 'InTrash' },
      { company: 'other-co', path: 'theirs.jpg', handle: 'a|21' },
    ],
  },
})

eachRuntimeOf(mock, () => {
  const co = { companyHandle: DEMO_CO }
  const names = (value: unknown) => items(value).map((asset) => asset.name)
  const search = async (fields: Record<string, unknown> = {}) =>
    assetOk('searchAssets', { ...co, includeSubfolders: true, ...fields })

  it('searchAssets: a folder alone or with its subfolders, live assets by default', async () => {
    expect(names((await search()).assetArray)).toEqual(['chair', 'sofa', 'kitchen', 'tour'])
    const images = await search({ folder: 'demo-co/images/', includeSubfolders: false })
    expect(images.totalRows).toBe('2')
    expect(names(images.assetArray)).toEqual(['chair', 'sofa'])
    expect(names((await search({ folder: 'f|demo-co/images/' })).assetArray)).toEqual([
      'chair',
      'sofa',
      'kitchen',
    ])
    expect(names((await search({ trashState: 'InTrash' })).assetArray)).toEqual(['old'])
    expect(
      await assetFault('searchAssets', { ...co, folder: 'demo-co/nope/', includeSubfolders: true }),
    ).toEqual({
      code: 30001,
      reason: "Invalid folder 'demo-co/nope/'",
    })
  })

  it('searchAssets: type, publish state and system-field filters', async () => {
    const types = (fields: Record<string, unknown>) =>
      search(fields).then((r) => names(r.assetArray))
    expect(await types({ assetTypeArray: { items: ['Video'] } })).toEqual(['tour'])
    expect(await types({ excludeAssetTypeArray: { items: ['Image'] } })).toEqual(['tour'])
    expect(await types({ publishState: 'MarkedForPublish' })).toEqual(['sofa'])
    expect(await types({ publishState: 'NotMarkedForPublish' })).toEqual([
      'chair',
      'kitchen',
      'tour',
    ])
    const condition = (items: Record<string, unknown>[], mode?: string) =>
      types({
        ...(mode ? { systemFieldMatchMode: mode } : {}),
        systemFieldConditionArray: { items },
      })
    expect(await condition([{ field: 'Name', op: 'StartsWith', value: 'ch' }])).toEqual(['chair'])
    expect(await condition([{ field: 'FileName', op: 'EndsWith', value: '.jpg' }])).toEqual([
      'chair',
      'kitchen',
    ])
    expect(await condition([{ field: 'FileSize', op: 'GreaterThan', longVal: 8000 }])).toEqual([
      'sofa',
      'tour',
    ])
    expect(
      await condition([
        {
          field: 'Created',
          op: 'Between',
          minDate: '2029-01-01T00:00:00Z',
          maxDate: '2029-12-31T00:00:00Z',
        },
      ]),
    ).toEqual(['sofa'])
    expect(
      await condition(
        [
          { field: 'Name', op: 'Equals', value: 'chair' },
          { field: 'Name', op: 'Equals', value: 'tour' },
        ],
        'MatchAny',
      ),
    ).toEqual(['chair', 'tour'])
    const bad = await assetFault('searchAssets', {
      ...co,
      includeSubfolders: true,
      systemFieldConditionArray: { items: [{ field: 'FileSize', op: 'Contains', value: 'x' }] },
    })
    expect(bad).toEqual({
      code: 30001,
      reason:
        "searchAssetsParam/systemFieldConditionArray/items[1]: 'Contains' is not an operator for FileSize",
    })
  })

  it('searchAssets: sorting, paging and totalRows', async () => {
    const page = (fields: Record<string, unknown>) => search(fields)
    const byName = await page({ sortBy: 'Name', sortDirection: 'Descending' })
    expect(names(byName.assetArray)).toEqual(['tour', 'sofa', 'kitchen', 'chair'])
    expect(names((await page({ sortBy: 'FileSize' })).assetArray)).toEqual([
      'chair',
      'kitchen',
      'sofa',
      'tour',
    ])
    const second = await page({ sortBy: 'Name', recordsPerPage: 3, resultsPage: 2 })
    expect(second.totalRows).toBe('4')
    expect(names(second.assetArray)).toEqual(['tour'])
    const beyond = await page({ recordsPerPage: 3, resultsPage: 3 })
    expect(beyond.totalRows).toBe('4')
    expect(items(beyond.assetArray)).toEqual([])
    expect(
      (await assetFault('searchAssets', { ...co, includeSubfolders: true, resultsPage: 0 })).code,
    ).toBe(30001)
  })

  it('searchAssets: responseFieldArray and excludeFieldArray trim the answer', async () => {
    const only = await search({
      responseFieldArray: {
        items: ['totalRows', 'assetArray/items/name', 'assetArray/items/assetHandle'],
      },
      assetTypeArray: { items: ['Video'] },
    })
    expect(only).toEqual({
      totalRows: '1',
      assetArray: { items: [{ assetHandle: 'a|14', name: 'tour' }] },
    })
    const without = await search({
      excludeFieldArray: {
        items: ['totalRows', 'assetArray/items/videoInfo', 'assetArray/items/created'],
      },
      assetTypeArray: { items: ['Video'] },
    })
    expect(without.totalRows).toBeUndefined()
    expect(items(without.assetArray)[0]).toMatchObject({ name: 'tour', type: 'Video' })
    expect(items(without.assetArray)[0]?.videoInfo).toBeUndefined()
    expect(items(without.assetArray)[0]?.created).toBeUndefined()
  })

  it('getAssets: the company’s assets in request order; others left out', async () => {
    const answer = await assetOk('getAssets', {
      ...co,
      assetHandleArray: { items: ['a|14', 'a|99', 'a|21', 'a|11'] },
    })
    expect(names(answer.assetArray)).toEqual(['tour', 'chair'])
  })

  it('getAssetsByName: exact, case-sensitive names, with type filters', async () => {
    const answer = await assetOk('getAssetsByName', {
      ...co,
      nameArray: { items: ['chair', 'Chair', 'tour'] },
      assetTypeArray: { items: ['Image'] },
    })
    expect(
      items(answer.assetArray).map((asset) => [asset.assetHandle, asset.type, asset.name]),
    ).toEqual([['a|11', 'Image', 'chair']])
    // ImagePortalUser is not in getAssetsByName's roles.
    expect(
      (
        await assetFault(
          'getAssetsByName',
          { ...co, nameArray: { items: ['chair'] } },
          logins.portal,
        )
      ).code,
    ).toBe(20003)
  })

  it('getFolders: the root first, then every folder below, depth first', async () => {
    const folders = items((await assetOk('getFolders', co)).folderArray)
    expect(
      folders.map((folder) => [folder.path, folder.folderHandle, folder.hasSubfolders]),
    ).toEqual([
      ['demo-co/', 'f|demo-co/', 'true'],
      ['demo-co/empty/', 'f|demo-co/empty/', 'false'],
      ['demo-co/images/', 'f|demo-co/images/', 'true'],
      ['demo-co/images/rooms/', 'f|demo-co/images/rooms/', 'false'],
      ['demo-co/video/', 'f|demo-co/video/', 'false'],
      ['demo-co/docs/', 'f|demo-co/docs/', 'false'],
    ])
    const videos = items(
      (await assetOk('getFolders', { ...co, assetTypeArray: { items: ['Video'] } })).folderArray,
    )
    expect(videos.map((folder) => folder.path)).toEqual(['demo-co/video/'])
    const old = items((await assetOk('getFolders', co, logins.user, BASE_NS)).folderArray)
    expect(old[0]).toMatchObject({ path: 'demo-co/', folderHandle: 'demo-co/' })
  })

  it('getFolderTree: nested subfolderArray, depth levels down', async () => {
    const tree = (await assetOk('getFolderTree', { ...co, depth: -1 })).folders
    expect(tree.path).toBe('demo-co/')
    const children = items(tree.subfolderArray)
    expect(children.map((folder) => folder.path)).toEqual([
      'demo-co/empty/',
      'demo-co/images/',
      'demo-co/video/',
      'demo-co/docs/',
    ])
    expect(items(children[1]?.subfolderArray).map((folder) => folder.path)).toEqual([
      'demo-co/images/rooms/',
    ])
    const shallow = (await assetOk('getFolderTree', { ...co, depth: 1 })).folders
    expect(items(shallow.subfolderArray)[1]?.subfolderArray).toBeUndefined()
    const top = (await assetOk('getFolderTree', { ...co, depth: 0, folderPath: 'images' })).folders
    expect(top).toMatchObject({ path: 'demo-co/images/', hasSubfolders: 'true' })
    expect(top.subfolderArray).toBeUndefined()
  })

  it('createFolder: below the root, a leading / meaning the root; missing parents created', async () => {
    expect(await assetOk('createFolder', { ...co, folderPath: '/SpinSets' })).toEqual({
      folderHandle: 'f|demo-co/SpinSets/',
    })
    expect(
      await assetOk(
        'createFolder',
        { ...co, folderPath: 'demo-co/one/two/three' },
        logins.user,
        BASE_NS,
      ),
    ).toEqual({ folderHandle: 'demo-co/one/two/three/' })
    expect(storeOf(mock).library.folder(DEMO_CO, 'demo-co/one/two/')).toBeDefined()
    expect(await assetFault('createFolder', { ...co, folderPath: 'SpinSets/' })).toEqual({
      code: 30001,
      reason: "Folder 'demo-co/SpinSets/' already exists",
    })
    expect((await assetFault('createFolder', { ...co, folderPath: '/' })).code).toBe(30001)
    expect((await assetFault('createFolder', { ...co, folderPath: 'x' }, logins.portal)).code).toBe(
      20003,
    )
  })

  it('deleteAssets: each asset to the Trash, per-asset errors for the rest', async () => {
    const answer = await assetOk('deleteAssets', {
      ...co,
      assetHandleArray: { items: ['a|11', 'a|99', 'a|21', 'a|15'] },
    })
    expect(answer).toEqual({
      successCount: '1',
      warningCount: '0',
      errorCount: '3',
      errorDetailArray: {
        items: [
          { assetHandle: 'a|99', code: '30001', reason: "Invalid asset handle 'a|99'" },
          {
            assetHandle: 'a|21',
            code: '20006',
            reason: "Asset 'a|21' does not belong to company 'c|101'",
          },
          { assetHandle: 'a|15', code: '30001', reason: "Asset 'a|15' is in the Trash" },
        ],
      },
    })
    expect(mock.store.asset('a|11')?.trashState).toBe('InTrash')
    expect(names((await search({ trashState: 'InTrash' })).assetArray)).toEqual(['chair', 'old'])
  })

  it('deleteAsset: faults for an unknown handle and another company’s asset', async () => {
    expect(await assetOk('deleteAsset', { ...co, assetHandle: 'a|14' })).toEqual({})
    expect(await assetFault('deleteAsset', { ...co, assetHandle: 'a|99' })).toEqual({
      code: 30001,
      reason: "Invalid asset handle 'a|99'",
    })
    expect((await assetFault('deleteAsset', { ...co, assetHandle: 'a|21' })).code).toBe(20006)
    expect(
      (await assetFault('deleteAsset', { companyHandle: OTHER_CO, assetHandle: 'a|21' })).code,
    ).toBe(20006)
  })

  it('moveAssets / moveAsset: into an existing folder, each move on its own', async () => {
    const answer = await assetOk('moveAssets', {
      ...co,
      assetMoveArray: {
        items: [
          { assetHandle: 'a|11', folderHandle: 'f|demo-co/empty/' },
          { assetHandle: 'a|12', folderHandle: 'f|demo-co/missing/' },
        ],
      },
    })
    expect(answer).toMatchObject({ successCount: '1', errorCount: '1' })
    expect(items(answer.errorDetailArray)[0]).toEqual({
      assetHandle: 'a|12',
      code: '30001',
      reason: "Invalid folder 'f|demo-co/missing/'",
    })
    expect(names((await search({ folder: 'demo-co/empty/' })).assetArray)).toEqual(['chair'])
    await assetOk('moveAsset', { ...co, assetHandle: 'a|13', folderHandle: 'demo-co/' })
    expect(mock.store.asset('a|13')?.folder).toBe('demo-co/')
  })

  it('renameAsset: the virtual file name follows, the extension kept; taken names refused', async () => {
    await assetOk('renameAsset', {
      ...co,
      assetHandle: 'a|11',
      newName: 'armchair',
      validateName: true,
    })
    const [renamed] = items(
      (await assetOk('getAssets', { ...co, assetHandleArray: { items: ['a|11'] } })).assetArray,
    )
    expect(renamed).toMatchObject({ name: 'armchair', fileName: 'armchair.jpg' })
    expect(
      await assetFault('renameAsset', {
        ...co,
        assetHandle: 'a|11',
        newName: 'sofa',
        validateName: true,
      }),
    ).toEqual({
      code: 30001,
      reason: "renameAssetParam/newName: the name 'sofa' is already in use",
    })
    expect(
      (
        await assetFault('renameAsset', {
          ...co,
          assetHandle: 'a|11',
          newName: 'a/b',
          validateName: false,
        })
      ).code,
    ).toBe(30001)
    const check = await assetOk('checkAssetNames', {
      ...co,
      assetNameArray: { items: ['chair', 'armchair', 'old', 'nothing'] },
    })
    expect(check).toEqual({ inUseNameArray: { items: ['armchair', 'old'] } })
  })

  it('setAssetsPublishState / setAssetPublishState set readyForPublish', async () => {
    const answer = await assetOk('setAssetsPublishState', {
      ...co,
      publishStateUpdateArray: {
        items: [
          { assetHandle: 'a|11', publishState: 'MarkedForPublish' },
          { assetHandle: 'a|12', publishState: 'NotMarkedForPublish' },
        ],
      },
    })
    expect(answer).toMatchObject({ successCount: '2', errorCount: '0' })
    expect(names((await search({ publishState: 'MarkedForPublish' })).assetArray)).toEqual([
      'chair',
    ])
    await assetOk('setAssetPublishState', {
      ...co,
      assetHandle: 'a|14',
      publishState: 'MarkedForPublish',
    })
    expect(mock.store.asset('a|14')?.readyForPublish).toBe(true)
    expect(
      (
        await assetFault('setAssetsPublishState', {
          ...co,
          publishStateUpdateArray: { items: [{ assetHandle: 'a|11', publishState: 'Published' }] },
        })
      ).code,
    ).toBe(30001)
  })

  it('getAssetCounts: live assets per type', async () => {
    expect(await assetOk('getAssetCounts', co)).toEqual({
      countArray: {
        items: [
          { assetType: 'Image', count: '3' },
          { assetType: 'Video', count: '1' },
        ],
      },
    })
    await assetOk('deleteAsset', { ...co, assetHandle: 'a|14' })
    expect(items((await assetOk('getAssetCounts', co)).countArray)).toEqual([
      { assetType: 'Image', count: '3' },
    ])
  })

  it('emptyAssetsFromTrash / restoreAssetsFromTrash: emptied ones cannot come back', async () => {
    await assetOk('deleteAssets', { ...co, assetHandleArray: { items: ['a|11', 'a|12'] } })
    const emptied = await assetOk('emptyAssetsFromTrash', {
      ...co,
      assetHandleArray: { items: ['a|11', 'a|13'] },
    })
    expect(emptied).toMatchObject({ successCount: '1', errorCount: '1' })
    expect(items(emptied.errorDetailArray)[0]?.reason).toBe("Asset 'a|13' is not in the Trash")
    expect(mock.store.asset('a|11')?.trashState).toBe('InEmptiedTrash')
    const restored = await assetOk('restoreAssetsFromTrash', {
      ...co,
      assetHandleArray: { items: ['a|12', 'a|11'] },
    })
    expect(restored).toMatchObject({ successCount: '1', errorCount: '1' })
    expect(items(restored.errorDetailArray)[0]?.reason).toBe(
      "Asset 'a|11' has been emptied from the Trash",
    )
    expect(
      names((await search({ folder: 'demo-co/images/', includeSubfolders: false })).assetArray),
    ).toEqual(['sofa'])
    // An emptied asset's name is free again.
    expect(
      (await assetOk('checkAssetNames', { ...co, assetNameArray: { items: ['chair'] } }))
        .inUseNameArray,
    ).toEqual('')
  })

  it('deleteFolder: its assets and subfolders’ assets go to the Trash; restore re-creates it', async () => {
    expect(await assetOk('deleteFolder', { ...co, folderHandle: 'f|demo-co/images/' })).toEqual({})
    expect(storeOf(mock).library.folder(DEMO_CO, 'demo-co/images/rooms/')).toBeUndefined()
    expect(names((await search({ trashState: 'InTrash' })).assetArray).sort()).toEqual([
      'chair',
      'kitchen',
      'old',
      'sofa',
    ])
    await assetOk('restoreAssetsFromTrash', { ...co, assetHandleArray: { items: ['a|13'] } })
    expect(names((await search({ folder: 'demo-co/images/rooms/' })).assetArray)).toEqual([
      'kitchen',
    ])
    expect(await assetFault('deleteFolder', { ...co, folderHandle: 'f|demo-co/' })).toEqual({
      code: 30001,
      reason: "Folder 'demo-co/' is the company root and cannot be deleted",
    })
    expect(
      (await assetFault('deleteFolder', { ...co, folderHandle: 'f|demo-co/gone/' })).code,
    ).toBe(30001)
  })

  it('asset operations check roles and membership before anything else', async () => {
    expect(
      (
        await assetFault('deleteAssets', {
          companyHandle: OTHER_CO,
          assetHandleArray: { items: ['a|21'] },
        })
      ).code,
    ).toBe(20006)
    // ImagePortalUser may search (R9) but not delete (W6).
    expect(
      (await assetCall('searchAssets', { ...co, includeSubfolders: true }, logins.portal)).fault,
    ).toBeUndefined()
    expect(
      (await assetFault('deleteAsset', { ...co, assetHandle: 'a|11' }, logins.portal)).code,
    ).toBe(20003)
    expect(mock.store.asset('a|11')?.trashState).toBe('NotInTrash')
  })
})
