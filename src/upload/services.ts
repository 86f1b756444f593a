import type { JobEngine } from '../engine/engine.js'
import type { IpsStore } from '../store/store.js'
import type { XmlLimits } from '../xml/parse.js'

/** What the UploadFile servlet needs from the mock (the core's exchange settings have it all). */
export interface UploadServices {
  store: IpsStore
  engine: JobEngine
  maxBodyBytes: number
  xmlLimits: XmlLimits
  now(): Date
  /** Validate every namespace with the newest schema (`versionLenient`). */
  versionLenient?: boolean
}
