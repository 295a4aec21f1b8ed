import type { RandomSource } from "./random.js";

const hex = (byte: number): string => byte.toString(16).padStart(2, "0");

/**
 * A version-4 UUID in ADF's lowercase 8-4-4-4-12 form (the shape of run ids and `guid()`),
 * drawn from `random`.
 */
export function newUuid(random: RandomSource): string {
  const b = random.bytes(16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = Array.from(b, hex).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
