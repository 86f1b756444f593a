import type { Faker, Randomizer } from '@faker-js/faker'
import { faker } from '@faker-js/faker/locale/en'

const N = 624
const M = 397
const UPPER = 0x80000000
const LOWER = 0x7fffffff
const MATRIX = 0x9908b0df

/**
 * Mersenne Twister MT19937 as faker's default randomizer runs it (53-bit floats from two 32-bit
 * draws), the same numbers for the same seed, but seeded in place: faker 10's own `seed()`
 * allocates its 624-word state with `Array.from({ length: 624 })` on every call, which a CPU
 * profile of the server under sustained submits put at a quarter of its time (the engine seeds
 * per run and per uploaded file, for deterministic fake data). Here the state is one Int32Array
 * reused by every seed: every read of a state word is a bitwise operation, which takes its value
 * modulo 2^32 as storing it in an Int32Array does, so the numbers are faker's exactly. A seed
 * is applied at the first draw after it: many runs are seeded and then draw nothing (an upload's
 * file count is its URL list's length), and those cost nothing.
 */
export class FastMersenne implements Randomizer {
  readonly #state = new Int32Array(N)
  #index = 0
  /** A seed not yet applied: seeding waits for the first draw, as many seeds draw nothing. */
  #pending: number | readonly number[] | undefined

  constructor(seed = 0) {
    this.seed(seed)
  }

  // Arrow properties: faker calls `next` detached from its randomizer.
  readonly seed = (seed: number | readonly number[]): void => {
    this.#pending = typeof seed === 'number' ? seed : [...seed]
  }

  readonly next = (): number => {
    if (this.#pending !== undefined) this.#apply(this.#pending)
    const high = this.#u32() >>> 5
    const low = this.#u32() >>> 6
    return (high * 67108864 + low) * 1.1102230246251565e-16
  }

  #apply(seed: number | readonly number[]): void {
    this.#pending = undefined
    if (typeof seed === 'number') this.#init(seed)
    else this.#initByArray(seed)
    this.#twist()
    this.#index = 0
  }

  #init(seed: number): void {
    const state = this.#state
    state[0] = seed
    for (let index = 1; index < N; index++) {
      const previous = (state[index - 1] as number) ^ ((state[index - 1] as number) >>> 30)
      state[index] = Math.trunc(Math.imul(1812433253, previous) + index)
    }
  }

  #initByArray(key: readonly number[]): void {
    const state = this.#state
    this.#init(19650218)
    let i = 1
    let j = 0
    for (let k = Math.max(N, key.length); k !== 0; k--) {
      const previous = (state[i - 1] as number) ^ ((state[i - 1] as number) >>> 30)
      state[i] = Math.trunc(
        ((state[i] as number) ^ Math.imul(previous, 1664525)) + (key[j] as number) + j,
      )
      i++
      j++
      if (i >= N) {
        state[0] = state[N - 1] as number
        i = 1
      }
      if (j >= key.length) j = 0
    }
    for (let k = N - 1; k !== 0; k--) {
      const previous = (state[i - 1] as number) ^ ((state[i - 1] as number) >>> 30)
      state[i] = Math.trunc(((state[i] as number) ^ Math.imul(previous, 1566083941)) - i)
      i++
      if (i >= N) {
        state[0] = state[N - 1] as number
        i = 1
      }
    }
    state[0] = 0x80000000
  }

  #twist(): void {
    const state = this.#state
    for (let index = 0; index < N; index++) {
      const next = index + 1 === N ? 0 : index + 1
      const mixed = ((state[index] as number) & UPPER) + ((state[next] as number) & LOWER)
      const source = state[(index + M) % N] as number
      state[index] = source ^ (mixed >>> 1) ^ (-(mixed & 1) & MATRIX)
    }
  }

  #u32(): number {
    let value = this.#state[this.#index] as number
    value ^= value >>> 11
    value ^= (value << 7) & 0x9d2c5680
    value ^= (value << 15) & 0xefc60000
    value ^= value >>> 18
    if (++this.#index >= N) {
      this.#twist()
      this.#index = 0
    }
    return value >>> 0
  }
}

/**
 * A faker of its own for the engine (English, as the mock's fake data is), on FastMersenne:
 * reseeding it costs microseconds, and it leaves the shared `faker` instance, which users' own
 * tests may seed, alone.
 */
export function engineFaker(): Faker {
  const Constructor = faker.constructor as new (options: {
    locale: unknown
    randomizer: Randomizer
  }) => Faker
  return new Constructor({ locale: faker.rawDefinitions, randomizer: new FastMersenne() })
}

/** The engine's faker: run plans, work items and uploaded files' facts, each reseeded first. */
export const runFaker: Faker = engineFaker()
