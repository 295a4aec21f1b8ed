/** A source of randomness. Pure code takes one instead of calling Math.random(). */
export interface RandomSource {
  /** A float in [0, 1). */
  next(): number;
  /** `count` random bytes. */
  bytes(count: number): Uint8Array;
}

/** Bytes drawn from the platform's generator at a time: one call costs as much as thousands of bytes. */
const poolSize = 4096;
let pool = new Uint8Array(0);
let used = 0;

/** `count` fresh bytes from the pool, refilled when it runs out; each byte is handed out once. */
function pooledBytes(count: number): Uint8Array {
  if (count > poolSize) return crypto.getRandomValues(new Uint8Array(count));
  if (used + count > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(poolSize));
    used = 0;
  }
  const bytes = pool.slice(used, used + count);
  used += count;
  return bytes;
}

/** Randomness from the platform's cryptographic generator (globalThis.crypto). */
export const systemRandom: RandomSource = {
  next: () => {
    const [a = 0, b = 0, c = 0, d = 0] = pooledBytes(4);
    return (((a << 24) | (b << 16) | (c << 8) | d) >>> 0) / 2 ** 32;
  },
  bytes: (count) => pooledBytes(count),
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
