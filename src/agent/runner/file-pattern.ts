/**
 * Batch's output file patterns, pure: compiling a pattern into a literal base directory and
 * per-segment matchers. The walk over the disk is in `find-files.ts`.
 *
 * Syntax (Batch's `OutputFile.filePattern` on Linux): `/` separates directories; `*` matches
 * any run of characters within a name, `?` one character, `[abc]`, `[a-c]`, `[!abc]` one
 * character of (or not of) a set; `**` as a whole segment matches any number of directories;
 * a wildcard is escaped by brackets (`abc[*]`). A name starting with `.` is matched only by a
 * segment that starts with a literal `.`; `**` never enters such directories.
 */

/** One compiled path segment. */
export type SegmentMatcher =
  | { readonly kind: "globstar" }
  | { readonly kind: "name"; readonly regex: RegExp; readonly allowsDotNames: boolean };

/** A compiled pattern. */
export interface CompiledFilePattern {
  /** The leading segments with no wildcard, joined: where the walk starts (may be `""`). */
  readonly baseDir: string;
  /** True when the pattern is absolute (starts with `/`). */
  readonly absolute: boolean;
  /** The segments after `baseDir`; at least one. */
  readonly segments: readonly SegmentMatcher[];
  readonly hasWildcards: boolean;
}

/** True when `pattern` contains Batch wildcard syntax (`*`, `?`, `[`): it may match many files. */
export function patternHasWildcards(pattern: string): boolean {
  return /[*?[]/.test(pattern);
}

/**
 * Expands `$NAME` and `${NAME}` from `env`, as Batch does on Linux before applying a pattern.
 * An unset variable expands to nothing, as in a shell.
 */
export function expandVariables(text: string, env: Readonly<Record<string, string>>): string {
  return text.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (_match, braced: string | undefined, bare: string | undefined) =>
      env[braced ?? bare ?? ""] ?? "",
  );
}

/** Compiles a pattern (already variable-expanded). Pure. */
export function compileFilePattern(pattern: string): CompiledFilePattern {
  const absolute = pattern.startsWith("/");
  const parts = pattern.split("/").filter((part) => part !== "");
  const firstWild = parts.findIndex((part) => patternHasWildcards(part));
  // A literal pattern names one file: its directory is the base, so the relative path handed to
  // the uploader is the bare file name, as Batch names the blob after `path` alone.
  const split = firstWild < 0 ? Math.max(parts.length - 1, 0) : firstWild;
  const base = parts.slice(0, split).join("/");
  return {
    baseDir: absolute ? `/${base}` : base,
    absolute,
    segments: parts.slice(split).map(compileSegment),
    hasWildcards: firstWild >= 0,
  };
}

function compileSegment(segment: string): SegmentMatcher {
  if (segment === "**") return { kind: "globstar" };
  let source = "";
  let i = 0;
  while (i < segment.length) {
    const ch = segment.charAt(i);
    if (ch === "*") {
      source += "[^/]*";
      i += 1;
    } else if (ch === "?") {
      source += "[^/]";
      i += 1;
    } else if (ch === "[") {
      const [cls, next] = readBracket(segment, i);
      source += cls;
      i = next;
    } else {
      source += escapeRegex(ch);
      i += 1;
    }
  }
  return {
    kind: "name",
    regex: new RegExp(`^${source}$`, "s"),
    allowsDotNames: segment.startsWith("."),
  };
}

/** Reads `[...]` at `start`; an unclosed bracket is a literal `[`. */
function readBracket(segment: string, start: number): [string, number] {
  let i = start + 1;
  let negate = false;
  if (segment.charAt(i) === "!" || segment.charAt(i) === "^") {
    negate = true;
    i += 1;
  }
  let body = "";
  let first = true;
  while (i < segment.length && (segment.charAt(i) !== "]" || first)) {
    const ch = segment.charAt(i);
    const isRange =
      segment.charAt(i + 1) === "-" && i + 2 < segment.length && segment.charAt(i + 2) !== "]";
    if (isRange) {
      body += `${escapeClassChar(ch)}-${escapeClassChar(segment.charAt(i + 2))}`;
      i += 3;
    } else {
      body += escapeClassChar(ch);
      i += 1;
    }
    first = false;
  }
  if (i >= segment.length) return ["\\[", start + 1];
  return [negate ? `[^/${body}]` : `[${body}]`, i + 1];
}

function escapeRegex(ch: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(ch) ? `\\${ch}` : ch;
}

function escapeClassChar(ch: string): string {
  return /[\]\\^-]/.test(ch) ? `\\${ch}` : ch;
}

/** True when `name` (one path segment) matches `matcher`, applying the dotfile rule. */
export function segmentMatches(matcher: SegmentMatcher, name: string): boolean {
  if (matcher.kind === "globstar") return !name.startsWith(".");
  if (name.startsWith(".") && !matcher.allowsDotNames) return false;
  return matcher.regex.test(name);
}
