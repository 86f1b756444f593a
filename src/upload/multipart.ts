import { channel } from 'node:diagnostics_channel'
import { once } from 'node:events'
import busboy from 'busboy'
import { fault, IpsFault } from '../faults/catalog.js'

/** A file part as the servlet keeps it: its name and size, never its bytes. */
export interface FilePart {
  /** The part's Content-Disposition filename, paths kept (the reference's example has one). */
  filename: string
  size: number
}

/** A multipart/form-data body read: the text fields, and the file parts in their order. */
export interface FormParts {
  fields: Map<string, string>
  files: FilePart[]
}

/** Limits of one multipart body. */
export interface MultipartLimits {
  /** The request body limit: reading stops, and the request is refused, past it. */
  maxBodyBytes: number
  /** Largest text field (`auth`, `uploadParams`). */
  maxFieldBytes: number
}

/** Form parts read as XML documents even when a client sends them as file parts. */
const documentParts = new Set(['auth', 'uploadParams'])

function tooLarge(limit: number) {
  return fault('invalidRequestXml', `The request body exceeds the limit of ${limit} bytes`)
}

function malformed(reason: string) {
  return fault('invalidRequestXml', `Malformed multipart/form-data body: ${reason}`)
}

/**
 * The `node:diagnostics_channel` on which the UploadFile servlet publishes `{ bytes }` for each
 * chunk of a body it reads, as it reads it: subscribers see an upload being streamed.
 */
export const uploadBodyChannel = channel('ips-mock:upload-body')

/**
 * Reads a multipart/form-data body as it arrives (busboy): text fields are kept, file parts are
 * counted and dropped, so memory stays bounded by the field limit whatever the files weigh.
 * @throws IpsFault 30003 when the Content-Type is not multipart/form-data with a boundary, the
 * body is malformed, a field is too large, or the body exceeds the limit.
 */
export async function readFormParts(
  contentType: string | null,
  chunks: AsyncIterable<Uint8Array>,
  limits: MultipartLimits,
): Promise<FormParts> {
  const media = contentType?.split(';')[0]?.trim().toLowerCase()
  if (media !== 'multipart/form-data') {
    throw fault(
      'invalidRequestXml',
      `Content-Type '${media ?? ''}' is not multipart/form-data; UploadFile takes form parts auth, uploadParams and files`,
    )
  }
  let parser: busboy.Busboy
  try {
    parser = busboy({
      headers: { 'content-type': contentType as string },
      preservePath: true,
      limits: { fieldSize: limits.maxFieldBytes },
    })
  } catch (error) {
    throw malformed(error instanceof Error ? error.message : String(error))
  }
  const parts: FormParts = { fields: new Map(), files: [] }
  let problem: Error | undefined
  parser.on('field', (name, value, info) => {
    if (info.valueTruncated) problem ??= fieldTooLarge(name, limits.maxFieldBytes)
    else parts.fields.set(name, value)
  })
  parser.on('file', (name, stream, info) => {
    const document = documentParts.has(name)
    const texts: Buffer[] = []
    let size = 0
    // A body refused part-way destroys the parser, which ends an open file stream in error.
    stream.on('error', () => undefined)
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (document && size <= limits.maxFieldBytes) texts.push(chunk)
    })
    stream.on('end', () => {
      if (!document) parts.files.push({ filename: info.filename ?? '', size })
      else if (size > limits.maxFieldBytes) problem ??= fieldTooLarge(name, limits.maxFieldBytes)
      else parts.fields.set(name, Buffer.concat(texts).toString('utf8'))
    })
  })
  const closed = new Promise<void>((resolve, reject) => {
    parser.on('close', resolve)
    parser.on('error', reject)
  })
  // A failure rejects `closed` before it is awaited; this keeps it from counting as unhandled.
  closed.catch(() => undefined)
  let total = 0
  try {
    for await (const chunk of chunks) {
      total += chunk.byteLength
      if (total > limits.maxBodyBytes) throw tooLarge(limits.maxBodyBytes)
      if (uploadBodyChannel.hasSubscribers) uploadBodyChannel.publish({ bytes: chunk.byteLength })
      if (!parser.write(chunk)) await Promise.race([once(parser, 'drain'), closed])
    }
    parser.end()
    await closed
  } catch (error) {
    parser.destroy()
    if (error instanceof IpsFault) throw error
    throw malformed(error instanceof Error ? error.message : String(error))
  }
  if (problem) throw problem
  return parts
}

function fieldTooLarge(name: string, limit: number) {
  return fault('invalidRequestXml', `Form part '${name}' exceeds the limit of ${limit} bytes`)
}
