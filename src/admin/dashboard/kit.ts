/**
 * The dashboard's browser side, part 1: DOM helpers and the admin API client. Every function
 * here runs in the browser: page.ts sends its source (`Function.prototype.toString`), so it may
 * use nothing from its module but types.
 */

/** Attributes and event handlers of an element made by `h`. */
export type Attributes = Record<string, string | number | boolean | ((event: Event) => void)>

/** A child of an element made by `h`: nodes, text, or nothing. */
export type Child = Node | string | number | null | undefined | false

/** One tab of the dashboard: its root element and how to fetch and draw its data. */
export interface Panel {
  id: string
  title: string
  root: HTMLElement
  /** Fetches and redraws; called when the tab opens and every second while it is open. */
  refresh(): Promise<void>
}

export interface Kit {
  h(tag: string, attributes?: Attributes | null, ...children: Child[]): HTMLElement
  /** Calls the admin API (`/__admin` + path) with JSON; rejects with the API's error message. */
  api(method: string, path: string, body?: unknown): Promise<unknown>
  /** A table with a header row; `onSelect` makes rows clickable. */
  table<T>(
    columns: Array<[string, (row: T) => Child]>,
    rows: readonly T[],
    onSelect?: (row: T) => void,
    selected?: (row: T) => boolean,
  ): HTMLElement
  /** Replaces an element's children. */
  fill(target: Element, ...children: Child[]): void
  /** Shows a message in the status line (an error in red). */
  say(message: string, isError?: boolean): void
  /** How many messages were shown so far: a refresh that fails after one does not cover it. */
  said(): number
  /** `2030-01-01 00:00:05` from an ISO date. */
  time(iso: unknown): string
  /** A form's filled-in fields by name, trimmed; empty ones left out. */
  formValues(form: HTMLFormElement): Record<string, string>
  /** A labelled input; its value is read with `.value`. */
  field(label: string, name: string, placeholder?: string): HTMLInputElement
  /** Reruns the open tab's refresh now (after an action). */
  refreshNow(): void
  /** Set by the page: the function that refreshes the open tab. */
  onRefresh?: () => void
}

/** Builds the kit in the browser. */
export function makeKit(): Kit {
  const TOKEN_KEY = 'ips-mock-admin-token'
  const h: Kit['h'] = (tag, attributes, ...children) => {
    const element = document.createElement(tag)
    for (const [key, value] of Object.entries(attributes ?? {})) {
      if (typeof value === 'function') element.addEventListener(key.slice(2), value)
      else if (value === true) element.setAttribute(key, '')
      else if (value !== false) element.setAttribute(key, String(value))
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue
      element.append(typeof child === 'object' ? child : document.createTextNode(String(child)))
    }
    return element
  }
  const fill: Kit['fill'] = (target, ...children) => {
    target.replaceChildren()
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue
      target.append(typeof child === 'object' ? child : document.createTextNode(String(child)))
    }
  }
  const status = document.getElementById('status') as HTMLElement
  let messages = 0
  const say: Kit['say'] = (message, isError = false) => {
    messages++
    status.textContent = message
    status.className = isError ? 'error' : 'ok'
  }
  const tokenBar = document.getElementById('token') as HTMLElement
  const askForToken = () => {
    tokenBar.hidden = false
  }
  const tokenForm = tokenBar.querySelector('form') as HTMLFormElement
  tokenForm.addEventListener('submit', (event) => {
    event.preventDefault()
    const input = tokenForm.querySelector('input') as HTMLInputElement
    sessionStorage.setItem(TOKEN_KEY, input.value)
    input.value = ''
    tokenBar.hidden = true
    kit.refreshNow()
  })
  const api: Kit['api'] = async (method, path, body) => {
    const headers: Record<string, string> = { accept: 'application/json' }
    const token = sessionStorage.getItem(TOKEN_KEY)
    if (token) headers.authorization = `Bearer ${token}`
    const init: RequestInit = { method, headers, cache: 'no-store' }
    if (method !== 'GET') {
      headers['content-type'] = 'application/json'
      init.body = JSON.stringify(body ?? {})
    }
    const response = await fetch(`/__admin${path}`, init)
    const text = await response.text()
    let value: unknown
    try {
      value = text ? JSON.parse(text) : undefined
    } catch {
      value = { error: text }
    }
    if (response.status === 401) askForToken()
    if (!response.ok) {
      const message = (value as { error?: string } | undefined)?.error ?? response.statusText
      throw new Error(`${method} /__admin${path}: ${response.status} ${message}`)
    }
    return value
  }
  const table: Kit['table'] = (columns, rows, onSelect, selected) => {
    const head = h('tr', null, ...columns.map(([title]) => h('th', null, title)))
    const body = rows.map((row) => {
      const attributes: Attributes = {}
      if (onSelect) {
        attributes.class = selected?.(row) ? 'row selected' : 'row'
        attributes.onclick = () => onSelect(row)
      }
      return h('tr', attributes, ...columns.map(([, cell]) => h('td', null, cell(row))))
    })
    if (rows.length === 0) {
      body.push(h('tr', null, h('td', { colspan: columns.length, class: 'empty' }, 'None.')))
    }
    return h('table', null, h('thead', null, head), h('tbody', null, ...body))
  }
  const time: Kit['time'] = (iso) =>
    typeof iso === 'string' && iso
      ? iso.replace('T', ' ').replace(/(\.\d+)?(Z|[+-]\d\d:\d\d)$/, '')
      : ''
  const field: Kit['field'] = (label, name, placeholder = '') => {
    const input = h('input', { name, placeholder, 'aria-label': label }) as HTMLInputElement
    return input
  }
  const formValues: Kit['formValues'] = (form) => {
    const values: Record<string, string> = {}
    for (const element of Array.from(form.elements)) {
      const input = element as HTMLInputElement
      if (input.name && input.value.trim() !== '') values[input.name] = input.value.trim()
    }
    return values
  }
  const kit: Kit = {
    h,
    formValues,
    api,
    table,
    fill,
    say,
    said: () => messages,
    time,
    field,
    refreshNow: () => kit.onRefresh?.(),
  }
  return kit
}
