/**
 * The dashboard at `/__admin/`: one HTML page with its style and script inline, no build step
 * and no dependency. Its script is the source text of the browser-side functions beside this
 * file; it talks to the admin API only through the documented endpoints.
 */
import { createHash } from 'node:crypto'
import { clockBar, faultsPanel, scenariosPanel, snapshotsPanel } from './control-panels.js'
import { type Kit, makeKit, type Panel } from './kit.js'
import { assetsPanel } from './asset-panel.js'
import { jobsPanel, journalPanel, outboxPanel } from './state-panels.js'

/** Starts the page: the tabs, the clock bar, and a refresh of the open tab every second. */
function main(
  make: () => Kit,
  panelMakers: Array<(kit: Kit) => Panel>,
  clockMaker: typeof clockBar,
): void {
  const kit = make()
  const panels = panelMakers.map((makePanel) => makePanel(kit))
  const clock = clockMaker(kit)
  const tabs = document.getElementById('tabs') as HTMLElement
  const content = document.getElementById('content') as HTMLElement
  ;(document.getElementById('clock') as HTMLElement).append(clock.root)
  let open = panels.find((panel) => `#${panel.id}` === location.hash) ?? (panels[0] as Panel)
  let running = false
  let again = false
  const refresh = async () => {
    if (running) {
      again = true
      return
    }
    running = true
    const said = kit.said()
    try {
      await Promise.all([clock.refresh(), open.refresh()])
      document.body.dataset.refreshed = String(Date.now())
    } catch (error) {
      // A refresh begun before an action (a reset) may fail on what the action removed: the
      // action's own message stays.
      if (kit.said() === said) kit.say(error instanceof Error ? error.message : String(error), true)
    } finally {
      running = false
      if (again) {
        again = false
        void refresh()
      }
    }
  }
  kit.onRefresh = () => void refresh()
  const show = (panel: Panel) => {
    open = panel
    history.replaceState(null, '', `#${panel.id}`)
    for (const button of Array.from(tabs.children)) {
      button.classList.toggle('active', (button as HTMLElement).dataset.panel === panel.id)
    }
    content.replaceChildren(panel.root)
    void refresh()
  }
  for (const panel of panels) {
    tabs.append(
      kit.h(
        'button',
        { type: 'button', 'data-panel': panel.id, onclick: () => show(panel) },
        panel.title,
      ),
    )
  }
  show(open)
  setInterval(() => {
    if (!document.hidden) void refresh()
  }, 1000)
}

const style = `
:root { font: 14px/1.4 system-ui, sans-serif; color: #1d2330; background: #f4f6f9; }
body { margin: 0; }
header { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; padding: 10px 16px;
  background: #1d2f4a; color: #fff; }
header h1 { font-size: 18px; margin: 0 12px 0 0; }
header .clock { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
header input { width: 170px; }
.pill { background: #3b5a85; border-radius: 9px; padding: 1px 8px; font-size: 12px; }
nav { display: flex; gap: 4px; padding: 8px 16px 0; background: #dfe5ee; }
nav button { border: 0; border-radius: 6px 6px 0 0; background: transparent; padding: 8px 14px; }
nav button.active { background: #fff; font-weight: 600; }
main { padding: 12px 16px; background: #fff; min-height: 70vh; }
#status { padding: 4px 16px; min-height: 20px; font-size: 13px; }
#status.error { color: #b00020; } #status.ok { color: #2b6a2f; }
#token { padding: 8px 16px; background: #fff3cd; }
button { cursor: pointer; border: 1px solid #9aa7b8; border-radius: 5px; background: #fff;
  padding: 4px 10px; font: inherit; }
input, select { font: inherit; padding: 3px 6px; border: 1px solid #9aa7b8; border-radius: 4px; }
.toolbar, form.inline { display: flex; flex-wrap: wrap; gap: 6px; margin-bottom: 10px; }
form.inline input { width: 150px; }
.split { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 16px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th { text-align: left; color: #556; font-weight: 600; border-bottom: 2px solid #dfe5ee; }
th, td { padding: 3px 8px; vertical-align: top; }
.list td { white-space: nowrap; }
tr.row { cursor: pointer; } tr.row:hover { background: #eef3fa; }
tr.selected { background: #dde8f7; }
td.empty, .hint { color: #889; }
.state { border-radius: 4px; padding: 0 6px; background: #e6e9ef; }
.state.Running { background: #d7ecff; } .state.Done { background: #dff3e0; }
.state.Scheduled, .state.WaitingClient { background: #fff1cc; } .state.Stopping { background: #fde0dc; }
.bar { display: inline-block; position: relative; width: 110px; height: 14px; background: #e6e9ef;
  border-radius: 7px; overflow: hidden; vertical-align: middle; }
.bar i { position: absolute; inset: 0 auto 0 0; background: #4a8fe0; }
.bar.done i { background: #5cb85c; }
.bar b { position: relative; font-size: 10px; padding-left: 6px; }
.bad { color: #b00020; font-weight: 600; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; font-size: 13px; }
dt { color: #556; } dd { margin: 0; word-break: break-all; }
pre { white-space: pre-wrap; word-break: break-all; background: #f4f6f9; padding: 8px;
  border-radius: 4px; font-size: 12px; margin: 0; }
.log { border-top: 1px solid #dfe5ee; padding-top: 6px; margin-top: 6px; }
code { font-size: 12px; }
`

/** The page and its headers, built once. */
let built: { html: string; headers: Record<string, string> } | undefined

/**
 * `GET /__admin/`: the whole dashboard page and its headers. A content security policy lets
 * only its own script (by hash) and its own style run, and only the same origin be fetched.
 */
export function dashboardPage(): { html: string; headers: Record<string, string> } {
  built ??= buildPage()
  return built
}

function buildPage(): { html: string; headers: Record<string, string> } {
  // Source transforms (tsx, vitest) may wrap functions in `__name(fn, "name")`: harmless here.
  const script = `var __name = (target) => target;
(${main})(${makeKit}, [${jobsPanel}, ${journalPanel}, ${outboxPanel}, ${assetsPanel}, ${faultsPanel}, ${scenariosPanel}, ${snapshotsPanel}], ${clockBar});`
  const inline = script.replaceAll('</script', '<\\/script')
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ips-mock dashboard</title>
<link rel="icon" href="data:,">
<style>${style}</style>
</head>
<body>
<header><h1>ips-mock</h1><div id="clock"></div></header>
<div id="token" hidden><form>The admin API needs its token:
<input type="password" name="token" aria-label="admin token" autocomplete="off">
<button type="submit">Use token</button></form></div>
<div id="status" role="status"></div>
<nav id="tabs"></nav>
<main id="content"></main>
<script>${inline}</script>
</body>
</html>
`
  const hash = createHash('sha256').update(inline).digest('base64')
  const headers = {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-security-policy': `default-src 'none'; script-src 'sha256-${hash}'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'`,
  }
  return { html, headers }
}
