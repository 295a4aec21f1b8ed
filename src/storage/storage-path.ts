import { SluiceError } from "../core/index.js";

/** Longest path accepted, in characters: Azure Blob's limit on a blob name. */
export const maxPathLength = 1024;

// "C:" starts an absolute path on Windows; refused everywhere so one rule holds on every node.
const drivePrefix = /^[A-Za-z]:/u;

/**
 * Checks a file path before any I/O: a non-empty string of at most 1,024 characters, not
 * absolute, without backslashes, control characters, or empty, `.` or `..` segments, not
 * ending with `/`. Throws `StoragePathInvalid` naming `field`, the value and the rule.
 */
export function checkStoragePath(path: unknown, field = "path"): string {
  if (typeof path !== "string" || path === "") {
    throw invalidPath(field, path, "a file path must be a non-empty string");
  }
  checkCharacters(path, field);
  if (path.endsWith("/")) {
    throw invalidPath(field, path, "a file path must not end with '/'");
  }
  for (const segment of path.split("/")) checkSegment(segment, path, field);
  return path;
}

/**
 * Checks a listing prefix: `""`, or a path whose whole segments obey {@link checkStoragePath};
 * it may end with `/`, and its last, partial segment may be anything a name may start with.
 */
export function checkStoragePrefix(prefix: unknown, field = "prefix"): string {
  if (typeof prefix !== "string") throw invalidPath(field, prefix, "a prefix must be a string");
  if (prefix === "") return prefix;
  checkCharacters(prefix, field);
  const segments = prefix.split("/");
  segments.pop();
  for (const segment of segments) checkSegment(segment, prefix, field);
  return prefix;
}

function checkCharacters(path: string, field: string): void {
  if (path.length > maxPathLength) {
    throw invalidPath(field, path, `a path may have at most ${maxPathLength} characters`);
  }
  if (hasControlCharacter(path)) {
    throw invalidPath(field, path, "a path must not contain NUL or other control characters");
  }
  if (path.includes("\\")) {
    throw invalidPath(field, path, "a path separates folders with '/', never '\\'");
  }
  if (path.startsWith("/") || drivePrefix.test(path)) {
    throw invalidPath(field, path, "a path is relative to the storage root, never absolute");
  }
}

// C0 controls and DEL: NUL truncates paths in C APIs, and the others cannot round-trip
// through Azure's XML listings.
function hasControlCharacter(path: string): boolean {
  for (let index = 0; index < path.length; index += 1) {
    const unit = path.charCodeAt(index);
    if (unit < 0x20 || unit === 0x7f) return true;
  }
  return false;
}

function checkSegment(segment: string, path: string, field: string): void {
  if (segment === "") throw invalidPath(field, path, "a path must not contain '//'");
  if (segment === "." || segment === "..") {
    throw invalidPath(field, path, `a path must not contain a '${segment}' segment`);
  }
}

function invalidPath(field: string, value: unknown, rule: string): SluiceError {
  const shown = typeof value === "string" ? JSON.stringify(value) : String(value);
  return new SluiceError("StoragePathInvalid", `${field} ${shown} is refused: ${rule}.`, {
    details: { field, value, rule },
  });
}

/**
 * Orders paths by Unicode code point, which is the UTF-8 byte order Azure lists blobs in
 * (JavaScript's `<` compares UTF-16 units and differs above U+FFFF).
 */
export function comparePaths(a: string, b: string): number {
  // Equal code points have equal widths, so one index walks both strings.
  let index = 0;
  while (index < a.length && index < b.length) {
    const left = a.codePointAt(index) ?? 0;
    const right = b.codePointAt(index) ?? 0;
    if (left !== right) return left < right ? -1 : 1;
    index += left > 0xffff ? 2 : 1;
  }
  return Math.sign(a.length - b.length);
}

/** A prefix split at its last `/`: the folder to look in and the start of the names wanted. */
export interface PrefixParts {
  /** Folder path with a trailing `/`, or `""` for the root. */
  readonly folder: string;
  /** The partial name after the folder; `""` matches every name. */
  readonly namePrefix: string;
}

/** Splits a checked prefix: `"a/b/c"` -> `{ folder: "a/b/", namePrefix: "c" }`. */
export function splitPrefix(prefix: string): PrefixParts {
  const slash = prefix.lastIndexOf("/");
  return { folder: prefix.slice(0, slash + 1), namePrefix: prefix.slice(slash + 1) };
}
