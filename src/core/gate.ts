import type { FaultInjector, Injection } from '../injection/injector.js'
import type { FaultRule } from '../injection/rule.js'

/**
 * The fault gate, run once a call's operation is known: decides what injection (if any) applies
 * to it and waits out its delay. What the injection then does to the call is the caller's to say.
 */
export async function gate(
  operation: string,
  headerRule: FaultRule | undefined,
  faults: FaultInjector,
): Promise<Injection | undefined> {
  const injection = faults.decide(operation, headerRule)
  if (injection?.delayMs) await new Promise((resolve) => setTimeout(resolve, injection.delayMs))
  return injection
}
