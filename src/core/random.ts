/** A source of randomness. Pure code takes one instead of calling Math.random(). */
export interface RandomSource {
  /** A float in [0, 1). */
  next(): number;
  /** `count` random bytes. */
  bytes(count: number): Uint8Array;
}

/** Randomness from the platform's cryptographic generator (globalThis.crypto). */
export const systemRandom: RandomSource = {
  next: () => {
    const word = crypto.getRandomValues(new Uint32Array(1))[0] ?? 0;
    return word / 2 ** 32;
  },
  bytes: (count) => crypto.getRandomValues(new Uint8Array(count)),
};

/**
 * A repeatable generator (mulberry32) for tests: the same seed gives the same sequence.
 * Not for secrets.
 */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  return {
    next,
    bytes: (count) => Uint8Array.from({ length: count }, () => Math.floor(next() * 256)),
  };
}
