import { fault } from '../faults/catalog.js'
import type { User } from '../store/models.js'
import type { IpsStore } from '../store/store.js'
import type { Credentials } from './credentials.js'

/**
 * Checks credentials against the store (reference §3.2).
 * @throws IpsFault 10000 (none), 10002 (unknown user), 10001 (wrong password).
 */
export function authenticate(store: IpsStore, credentials: Credentials): User {
  if (credentials.user === undefined) {
    const stray = credentials.strayAuthHeaderNs
    throw fault(
      'noCredentials',
      stray === undefined
        ? 'The request could not be authenticated: no credentials were supplied (send an authHeader with user and password, or HTTP Basic authentication)'
        : `The request could not be authenticated: the authHeader is in namespace '${stray}', expected http://www.scene7.com/IpsApi/xsd`,
    )
  }
  const user = store.userByEmail(credentials.user)
  if (!user) throw fault('invalidUser', `Invalid user '${credentials.user}'`)
  if (user.password !== credentials.password) {
    throw fault('invalidCredentials', 'Invalid username/password')
  }
  return user
}
