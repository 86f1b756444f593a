import { fault, IpsFault } from '../faults/catalog.js'
import { FAULT_HEADER, parseFaultHeader } from '../injection/header.js'
import { type FaultRule, FaultRuleError } from '../injection/rule.js'
import { readXmlBody } from './body.js'
import {
  type CallFacts,
  type CallSettings,
  type Outcome,
  type Received,
  type Step,
  type Stop,
  stopped,
  type Validated,
  further,
} from './call.js'
import type { RawRequest, RawResponse } from './raw.js'
import { codecs, respond, versionOf } from './respond.js'
import {
  asFault,
  authenticate,
  authorise,
  checkAction,
  identify,
  parseEnvelope,
  parsePlain,
  passGate,
  readOptions,
  resolve,
  validate,
} from './steps.js'

/** Which IPS endpoint a request came to: SOAP, or the plain-XML variant (reference §1.3). */
export type Endpoint = 'soap' | 'plain'

/** The operation SOAPAction or the SOAP 1.2 `action` parameter names, if any. */
function actionFrom(request: RawRequest): string | undefined {
  let action = request.headers.get('soapaction')
  if (action === null) {
    const match = /;\s*action\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(
      request.headers.get('content-type') ?? '',
    )
    action = match?.[1] ?? match?.[2] ?? null
  }
  const bare = action
    ?.trim()
    .replace(/^"(.*)"$/, '$1')
    .trim()
  // An empty SOAPAction says nothing; URIs such as urn:submitJob name the operation last.
  return bare ? bare.split(/[/#:]/).pop() : undefined
}

/** Clients send the same header again and again: the last one is kept parsed. */
let lastHeader: { text: string; rule: FaultRule | IpsFault } | undefined

/**
 * Read the `X-Ips-Mock-Fault` header, if any. A header that is not valid stops the call with
 * 30003, answered with HTTP 400.
 */
function readFaultHeader(
  arrived: Received,
  request: RawRequest,
  settings: CallSettings,
): Step<Received> {
  const text = settings.faultHeader ? request.headers.get(FAULT_HEADER) : null
  if (text === null) return arrived
  if (lastHeader?.text !== text) {
    let rule: FaultRule | IpsFault
    try {
      rule = parseFaultHeader(text)
    } catch (error) {
      if (!(error instanceof FaultRuleError)) throw error
      rule = fault('invalidRequestXml', error.reason)
    }
    lastHeader = { text, rule }
  }
  const rule = lastHeader.rule
  if (rule instanceof IpsFault) return { kind: 'fault', stage: 'header', fault: rule }
  return further(arrived, { headerRule: rule })
}

/** Read the body as UTF-8 XML text within the size limit. */
async function readBody(request: RawRequest, settings: CallSettings): Promise<Step<string>> {
  try {
    return await readXmlBody(request, settings.maxBodyBytes)
  } catch (error) {
    return { kind: 'fault', stage: 'read', fault: asFault(error) }
  }
}

/** Run: the operation itself, once the runs are brought up to the clock. */
async function run(call: Validated, settings: CallSettings): Promise<Outcome> {
  try {
    await settings.engine.settle()
    const value = await call.handler({
      store: settings.store,
      engine: settings.engine,
      user: call.user,
      params: call.params,
      namespace: call.param.ns,
      headerOptions: call.options,
      now: settings.now,
      ...(call.company ? { company: call.company } : {}),
      ...(call.targetUser ? { targetUser: call.targetUser } : {}),
    })
    return { kind: 'returned', call, value }
  } catch (error) {
    return { kind: 'fault', stage: 'run', fault: asFault(error), call }
  }
}

/** A stop, with what the call had got to. */
const at = (stop: Stop, call: CallFacts): Outcome => Object.assign({ call }, stop)

/**
 * The steps of one IPS call, in order: fault header → read and parse → resolve → options →
 * fault gate → identify → authenticate → authorise → validate → run. Each step returns the call
 * further along, or where it stopped; nothing is changed in place.
 */
async function pipeline(
  request: RawRequest,
  settings: CallSettings,
  endpoint: Endpoint,
): Promise<Outcome> {
  const arrived = arrive(request, endpoint)
  const received = readFaultHeader(arrived, request, settings)
  if (stopped(received)) return at(received, arrived)
  const body = await readBody(request, settings)
  if (typeof body !== 'string') return at(body, received)
  const parsed =
    endpoint === 'plain'
      ? parsePlain(received, body, settings.xmlLimits)
      : parseEnvelope(received, body, settings.xmlLimits, actionFrom(request))
  if (stopped(parsed)) return at(parsed, received)
  const resolved = resolve(parsed)
  if (stopped(resolved)) return at(resolved, parsed)
  const matched = checkAction(resolved)
  if (stopped(matched)) return at(matched, resolved)
  const opened = readOptions(matched)
  if (stopped(opened)) return at(opened, resolved)
  const gated = await passGate(opened, settings)
  if (stopped(gated)) return at(gated, opened)
  const identified = identify(gated)
  if (stopped(identified)) return at(identified, gated)
  const authenticated = authenticate(identified, settings)
  if (stopped(authenticated)) return at(authenticated, identified)
  const authorised = authorise(authenticated)
  if (stopped(authorised)) return at(authorised, authenticated)
  const validated = validate(authorised, settings)
  if (stopped(validated)) return at(validated, authorised)
  return run(validated, settings)
}

/** A call as it arrives; a SOAP call's version is the Content-Type's until the envelope says. */
function arrive(request: RawRequest, endpoint: Endpoint): Received {
  return {
    protocol: endpoint === 'plain' ? 'plain' : versionOf(request.headers.get('content-type')),
    authorization: request.headers.get('authorization'),
  }
}

/**
 * Serialise: the outcome in the call's wire format. A return value the schema writer refuses
 * becomes fault 30000, as any failure inside the operation does.
 */
function serialise(outcome: Outcome): { outcome: Outcome; response: RawResponse } {
  const codec = codecs[outcome.call.protocol]
  try {
    return { outcome, response: respond(outcome, codec) }
  } catch (error) {
    const failed = at({ kind: 'fault', stage: 'run', fault: asFault(error) }, outcome.call)
    return { outcome: failed, response: respond(failed, codec) }
  }
}

/**
 * One IPS call → one answer, in the request's wire format (SOAP 1.1, SOAP 1.2, plain XML).
 * Faults get HTTP 500 unless `authHeader/faultHttpStatusCode` asks for another status. Its end
 * is told to `settings.onCallEnd`.
 */
export async function serveCall(
  request: RawRequest,
  settings: CallSettings,
  endpoint: Endpoint,
): Promise<RawResponse> {
  const listener = settings.onCallEnd
  const time = listener ? settings.now().getTime() : 0
  const started = listener ? performance.now() : 0
  const { outcome, response } = serialise(await pipeline(request, settings, endpoint))
  listener?.({ request, outcome, response, time, durationMs: performance.now() - started })
  return response
}
