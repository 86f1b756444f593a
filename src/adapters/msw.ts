import { http, type RequestHandler } from 'msw'
import type { IpsMock } from '../mock/create-ips-mock.js'
import { defaults } from '../defaults.js'

/**
 * Options of `ipsHandlers`.
 * @example
 * import { setupServer } from 'msw/node'
 * const options: IpsHandlersOptions = { baseUrl: ['https://*.scene7.com/scene7', 'http://ips.test/scene7'] }
 * const server = setupServer(...ipsHandlers(mock, options))
 */
export interface IpsHandlersOptions {
  /**
   * The IPS web app URL(s) to intercept, up to and including `/scene7`. Wildcards as in msw.
   * Default: every Scene7 host, `https://*.scene7.com/scene7`.
   */
  baseUrl?: string | readonly string[]
}

/**
 * Default base URL: the production and staging IPS hosts of every region (reference §1.1).
 * @example
 * const handlers = ipsHandlers(mock, { baseUrl: [DEFAULT_BASE_URL, 'http://localhost:9000/scene7'] })
 */
export const DEFAULT_BASE_URL = defaults.baseUrl

/**
 * msw request handlers that send every request below the IPS base URL to the mock's core.
 * @example
 * import { setupServer } from 'msw/node'
 * const mock = createIpsMock()
 * const server = setupServer(...ipsHandlers(mock))
 * server.listen()
 */
export function ipsHandlers(mock: IpsMock, options: IpsHandlersOptions = {}): RequestHandler[] {
  const bases = options.baseUrl ?? DEFAULT_BASE_URL
  return (typeof bases === 'string' ? [bases] : bases).map((base) =>
    http.all(`${base.replace(/\/+$/, '')}/*`, ({ request }) => mock.handle(request)),
  )
}
