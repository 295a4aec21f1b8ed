/**
 * ADF's wildcard filters (`wildcardFolderPath`, `wildcardFileName`): `*` matches zero or more
 * characters and `?` zero or one, neither crossing a `/`; `^` escapes the next character
 * (`^*` is a literal star, `^^` a caret). Everything else is literal, case-sensitive as
 * blob names are.
 */
export function compileWildcard(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] ?? "";
    if (char === "^" && i + 1 < pattern.length) {
      source += escapeRegExp(pattern[i + 1] ?? "");
      i++;
    } else if (char === "*") {
      source += "[^/]*";
    } else if (char === "?") {
      source += "[^/]?";
    } else {
      source += escapeRegExp(char);
    }
  }
  return new RegExp(`^${source}$`, "u");
}

/** True when `pattern` holds an unescaped `*` or `?`. */
export function hasWildcard(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === "^") i++;
    else if (char === "*" || char === "?") return true;
  }
  return false;
}

/** The text of a pattern without wildcards, escapes removed (`a^*b` -> `a*b`). */
export function unescapeWildcard(pattern: string): string {
  return pattern.replace(/\^(.)/gu, "$1");
}

/**
 * The leading `/`-separated segments of a folder pattern that hold no wildcard, unescaped:
 * the folder to list under (`raw/2024*` -> `raw`, `a/b` -> `a/b`).
 */
export function fixedFolderPrefix(pattern: string): string {
  const fixed: string[] = [];
  for (const segment of pattern.split("/").filter((part) => part !== "")) {
    if (hasWildcard(segment)) break;
    fixed.push(unescapeWildcard(segment));
  }
  return fixed.join("/");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/gu, "\\$&");
}
