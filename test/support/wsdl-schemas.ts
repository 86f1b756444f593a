/**
 * The inline `xsd:schema` documents of a WSDL, each made standalone the way WSDL tools do it: the
 * namespace declarations in scope from `wsdl:definitions` that the schema does not redeclare are
 * copied onto its root element.
 * @example inlineSchemas(wsdl).map((s) => s.targetNamespace)
 */
export function inlineSchemas(wsdl: string): { targetNamespace: string; xml: string }[] {
  const definitions = /<wsdl:definitions\b[^>]*>/.exec(wsdl)?.[0] ?? ''
  const inScope = [...definitions.matchAll(/\sxmlns:([\w.-]+)="([^"]*)"/g)]
  return [...wsdl.matchAll(/<xsd:schema\b([^>]*)>[\s\S]*?<\/xsd:schema>/g)].map((match) => {
    const attributes = match[1] ?? ''
    const missing = inScope
      .filter(([, prefix]) => !attributes.includes(` xmlns:${prefix}=`))
      .map(([declaration]) => declaration)
      .join('')
    const xml = match[0].replace('<xsd:schema', `<xsd:schema${missing}`)
    return { targetNamespace: /targetNamespace="([^"]*)"/.exec(attributes)?.[1] ?? '', xml }
  })
}
