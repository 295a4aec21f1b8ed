import { SluiceError } from "../../core/index.js";

/** One step of a JSONPath: a property name or an array index. */
export type PathStep = string | number;

/**
 * Parses the JSONPath subset ADF's REST pagination rules use: `$`, then `.name`,
 * `['name']` / `["name"]` (for names with dots, like `@odata.nextLink`) and `[0]`.
 * Throws `InvalidArgument` naming `field` for anything else.
 */
export function parseJsonPath(path: string, field: string): PathStep[] {
  const text = path.trim();
  if (!text.startsWith("$")) throw badPath(path, field);
  const steps: PathStep[] = [];
  let rest = text.slice(1);
  while (rest !== "") {
    const dotted = /^\.([^.[\]]+)/u.exec(rest);
    const quoted = /^\[\s*(['"])(.*?)\1\s*\]/u.exec(rest);
    const index = /^\[\s*(\d+)\s*\]/u.exec(rest);
    if (dotted?.[1] !== undefined) steps.push(dotted[1]);
    else if (quoted?.[2] !== undefined) steps.push(quoted[2]);
    else if (index?.[1] !== undefined) steps.push(Number(index[1]));
    else throw badPath(path, field);
    rest = rest.slice((dotted ?? quoted ?? index)?.[0].length ?? rest.length);
  }
  return steps;
}

/** The value at `steps` in `root`, or undefined when a step is missing. */
export function valueAt(root: unknown, steps: readonly PathStep[]): unknown {
  let current = root;
  for (const step of steps) {
    if (current === null || typeof current !== "object") return undefined;
    if (typeof step === "number") {
      if (!Array.isArray(current)) return undefined;
      current = current[step];
    } else {
      if (Array.isArray(current) || !Object.hasOwn(current, step)) return undefined;
      current = (current as Record<string, unknown>)[step];
    }
  }
  return current;
}

function badPath(path: string, field: string): SluiceError {
  return new SluiceError(
    "InvalidArgument",
    `${field} ${JSON.stringify(path)} is not a JSONPath Sluice reads: use $.name, $['name'] or $.list[0].`,
    { details: { field, value: path } },
  );
}
