/** The server's request log as the CLI writes it. */
export interface LogLines {
  /** Queues a line; the lines of one turn of the event loop go out in one write. */
  log(line: string): void
  /** Writes what is queued now. */
  flush(): void
}

/**
 * Request log lines written together, once per turn of the event loop, instead of one write
 * (a system call for a file or a terminal) per request: on a busy server one write carries the
 * lines of every request answered in that turn, in order.
 * @example const lines = logLines((text) => process.stdout.write(text)); lines.log('a'); lines.flush()
 */
export function logLines(write: (text: string) => void): LogLines {
  let pending: string[] = []
  const flush = () => {
    if (pending.length === 0) return
    const text = `${pending.join('\n')}\n`
    pending = []
    write(text)
  }
  return {
    log(line) {
      if (pending.push(line) === 1) setImmediate(flush)
    },
    flush,
  }
}
