/** Line and column (both from 1) of a UTF-16 offset in a text. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++
    lineStart = at + 1
  }
  return { line, column: offset - lineStart + 1 }
}

/**
 * A document that is not well-formed XML, or breaks one of the parser's limits. It says where
 * and what, never quoting the document: the text around the fault may be a password.
 * @example
 * try { parseXml('<a>') } catch (error) {
 *   if (error instanceof XmlSyntaxError) error.message // 'an element is not closed at line 1, column 4'
 * }
 */
export class XmlSyntaxError extends Error {
  /** Line of the fault (from 1), when it has a place. */
  readonly line?: number
  /** Column of the fault (from 1, in UTF-16 code units), when it has a place. */
  readonly column?: number

  constructor(
    /** What is wrong, in words that never quote the document. */
    readonly problem: string,
    /** UTF-16 offset of the fault in the parsed text, when it has a place. */
    readonly offset: number | undefined,
    text: string,
  ) {
    const position = offset === undefined ? undefined : positionOf(text, offset)
    // A syntax error becomes an answer, not a bug report: the stack trace would cost the most.
    const limit = Error.stackTraceLimit
    Error.stackTraceLimit = 0
    super(position ? `${problem} at line ${position.line}, column ${position.column}` : problem)
    Error.stackTraceLimit = limit
    this.name = 'XmlSyntaxError'
    if (position) {
      this.line = position.line
      this.column = position.column
    }
  }
}
