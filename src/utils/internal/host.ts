/** `host` of a Host header value (`[::1]:8080` → `::1`), lower-cased; `undefined` if malformed. */
export function hostName(value: string): string | undefined {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^\s:[\]/@]+)(?::(\d{1,5}))?$/.exec(value)
  if (!match) return undefined
  if (match[2] !== undefined && Number(match[2]) > 65_535) return undefined
  const name = (match[1] as string).toLowerCase()
  return name.startsWith('[') ? name.slice(1, -1) : name
}
