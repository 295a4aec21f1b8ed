import type { CompiledValue } from "./ast.js";
import { compileValue } from "./parser.js";

/** How many distinct string values stay parsed. A factory has a few thousand at most. */
const capacity = 4096;
const cache = new Map<string, CompiledValue>();

/**
 * `compileValue` with a bounded cache: the same expression text is parsed once. When full,
 * the oldest entries go first (Map keeps insertion order). Parse errors are not cached.
 */
export function compileCached(text: string): CompiledValue {
  let compiled = cache.get(text);
  if (compiled === undefined) {
    compiled = compileValue(text);
    if (cache.size >= capacity) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    cache.set(text, compiled);
  }
  return compiled;
}
