/**
 * Hostile request bodies of the full default body limit (10 MB), one per shape a linear parser
 * must survive. The attack tests and `npm run bench` (scripts/bench/attack.ts) send the same ones.
 */

/** The default body limit the attacks fill. */
export const ATTACK_BYTES = 10 * 1024 * 1024

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/'
const NS = 'http://www.scene7.com/IpsApi/xsd/2014-04-03'

/** `head`, then `unit(0)`, `unit(1)` … as many as fit, then `tail`: at most `ATTACK_BYTES` bytes. */
function fill(head: string, unit: (index: number) => string, tail: string): string {
  const parts = [head]
  let size = Buffer.byteLength(head) + Buffer.byteLength(tail)
  for (let index = 0; ; index++) {
    const next = unit(index)
    const bytes = Buffer.byteLength(next)
    if (size + bytes > ATTACK_BYTES) break
    parts.push(next)
    size += bytes
  }
  parts.push(tail)
  return parts.join('')
}

const envelopeHead = `<soapenv:Envelope xmlns:soapenv="${SOAP11}"><soapenv:Body>`
const envelopeTail = '</soapenv:Body></soapenv:Envelope>'

/** One attack: its name and a builder of its body (built when sent, so only one is held at once). */
export interface Attack {
  name: string
  body: () => string
}

/** The shapes of issue 15, each filling the body limit. */
export function attacks(): Attack[] {
  return [
    {
      name: 'namespace flood on one element',
      body: () =>
        fill(
          `<soapenv:Envelope xmlns:soapenv="${SOAP11}"`,
          (index) => ` xmlns:p${index}="urn:p${index}"`,
          `><soapenv:Body/></soapenv:Envelope>`,
        ),
    },
    {
      name: 'namespace flood over many elements',
      body: () =>
        fill(
          envelopeHead,
          (index) =>
            `<p${index}:d${Array.from({ length: 1000 }, (_, n) => ` xmlns:p${index - n}="urn:${n}"`).join('')}/>`,
          envelopeTail,
        ),
    },
    {
      name: 'repeated password tags',
      body: () =>
        fill(
          `<soapenv:Envelope xmlns:soapenv="${SOAP11}"><soapenv:Header><authHeader xmlns="${NS}">`,
          () => `<password>Pa<x'SECRET`,
          '</authHeader></soapenv:Header><soapenv:Body/></soapenv:Envelope>',
        ),
    },
    {
      name: 'repeated unclosed password tags',
      body: () =>
        fill(
          `<soapenv:Envelope xmlns:soapenv="${SOAP11}"><soapenv:Header><authHeader xmlns="${NS}">`,
          () => '<password>',
          '</authHeader></soapenv:Header><soapenv:Body/></soapenv:Envelope>',
        ),
    },
    {
      name: 'attribute flood on one element',
      body: () => fill(`${envelopeHead}<x`, (index) => ` a${index}=""`, `/>${envelopeTail}`),
    },
    {
      name: 'attribute flood over many elements',
      body: () =>
        fill(
          envelopeHead,
          () => `<x${Array.from({ length: 1000 }, (_, n) => ` a${n}="${n}"`).join('')}/>`,
          envelopeTail,
        ),
    },
    {
      name: 'a long element name',
      body: () => `${envelopeHead}<${'n'.repeat(ATTACK_BYTES - 200)}/>${envelopeTail}`,
    },
    {
      name: 'a long attribute name',
      body: () => `${envelopeHead}<x ${'n'.repeat(ATTACK_BYTES - 200)}="1"/>${envelopeTail}`,
    },
    {
      name: 'deep nesting',
      body: () => fill(envelopeHead, () => '<a>', envelopeTail),
    },
    {
      name: 'many entity references',
      body: () => fill(`${envelopeHead}<x>`, () => '&amp;', `</x>${envelopeTail}`),
    },
  ]
}
