/** What `run` threw, for matching its parts; fails the test when it throws nothing. */
export function caught(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}
