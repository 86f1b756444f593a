const XML_NS = 'http://www.w3.org/XML/1998/namespace'

/**
 * The namespace bindings in scope: one map from prefix ('' for the default namespace) to URI,
 * and an undo log, so an element's declarations cost O(1) each to make and to take back,
 * however many are in scope.
 */
export class Bindings {
  readonly #uris = new Map<string, string>([
    ['', ''],
    ['xml', XML_NS],
  ])
  /** Pairs of prefix and the URI it had before (`undefined`: none). */
  readonly #undo: Array<string | undefined> = []

  get mark(): number {
    return this.#undo.length
  }

  uri(prefix: string): string | undefined {
    return this.#uris.get(prefix)
  }

  bind(prefix: string, uri: string): void {
    this.#undo.push(prefix, this.#uris.get(prefix))
    this.#uris.set(prefix, uri)
  }

  /** Takes back every binding made since `mark`. */
  restore(mark: number): void {
    const undo = this.#undo
    while (undo.length > mark) {
      const previous = undo.pop()
      const prefix = undo.pop() as string
      if (previous === undefined) this.#uris.delete(prefix)
      else this.#uris.set(prefix, previous)
    }
  }
}
