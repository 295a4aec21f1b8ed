import { timingSafeEqual } from "node:crypto";

/**
 * Checks an `Authorization: Bearer <token>` header against the server's token in constant
 * time (so response timing says nothing about how much of a guess was right).
 */
export function isAuthorized(header: string | undefined, token: string): boolean {
  if (!header?.startsWith("Bearer ")) return false;
  const given = Buffer.from(header.slice("Bearer ".length).trim());
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
