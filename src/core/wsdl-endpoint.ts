import { operationHandlers } from '../operations/index.js'
import { namespaces } from '../schema/table.js'
import { generateWsdl } from '../wsdl/generate.js'
import { type RawResponse, raw } from './raw.js'

/** The newest API version with a published WSDL; `?wsdl` on the service URL serves it. */
export const LATEST_VERSION = namespaces.documentedVersions.at(-1) as string

const cache = new Map<string, string>()

/**
 * A WSDL for `version` (undefined = the unversioned `IpsApi.wsdl`), listing the operations the
 * mock implements. Its address is the mock's own service URL, or `?serviceUrl=` as IPS allows.
 */
export function wsdlResponse(url: URL, basePath: string, version: string | undefined): RawResponse {
  const serviceUrl =
    url.searchParams.get('serviceUrl') ?? `${url.origin}${basePath}/services/IpsApiService`
  const key = `${version ?? ''} ${serviceUrl}`
  let wsdl = cache.get(key)
  if (wsdl === undefined) {
    try {
      wsdl = generateWsdl({
        serviceUrl,
        operations: Object.keys(operationHandlers),
        ...(version ? { version } : {}),
      })
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      return raw(400, `${reason}\n`, { 'content-type': 'text/plain;charset=UTF-8' })
    }
    if (cache.size > 100) cache.clear()
    cache.set(key, wsdl)
  }
  return raw(200, wsdl, { 'content-type': 'text/xml;charset=UTF-8' })
}
