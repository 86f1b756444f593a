/**
 * The dashboard's browser side: the assets panel. Runs in the browser from its source text:
 * nothing but types from outside it.
 */
import type { Kit, Panel } from './kit.js'

interface AssetRow {
  handle: string
  name: string
  type: string
  folder: string
  fileName: string
  companyHandle: string
  trashState: string
  readyForPublish: boolean
  lastModified: string
}

/** Assets per company: where each is, its type, trash and publish state. */
export function assetsPanel(kit: Kit): Panel {
  const { h, api, table, fill, time } = kit
  const list = h('div', { class: 'list' })
  return {
    id: 'assets',
    title: 'Assets',
    root: h('section', { id: 'assets' }, list),
    async refresh() {
      const assets = ((await api('GET', '/assets')) as AssetRow[]).slice(-500).reverse()
      fill(
        list,
        table<AssetRow>(
          [
            ['changed', (asset) => time(asset.lastModified)],
            ['company', (asset) => asset.companyHandle],
            ['handle', (asset) => asset.handle],
            ['path', (asset) => `${asset.folder}${asset.fileName}`],
            ['name', (asset) => asset.name],
            ['type', (asset) => asset.type],
            ['trash', (asset) => asset.trashState],
            ['ready', (asset) => (asset.readyForPublish ? 'yes' : 'no')],
          ],
          assets,
        ),
      )
    },
  }
}
