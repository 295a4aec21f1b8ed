import type { ActivityNode, Container } from "./activity-walk.js";
import { childPath } from "./json-path.js";
import { isObject, quote, type Reporter } from "./reporter.js";

const conditions = ["Succeeded", "Failed", "Skipped", "Completed"];

/**
 * Checks the `dependsOn` lists of one container's activities: each entry names a sibling
 * (an activity in the same list) with valid conditions, and the siblings' dependencies have
 * no cycle. `everywhere` maps every activity name of the pipeline to its node, to say where a
 * non-sibling is.
 */
export function checkDependencies(
  container: Container,
  everywhere: ReadonlyMap<string, ActivityNode>,
  report: Reporter,
): void {
  const siblings = new Map<string, number>();
  container.activities.forEach((node, i) => {
    if (typeof node.json.name === "string" && !siblings.has(node.json.name))
      siblings.set(node.json.name, i);
  });
  const edges = container.activities.map(() => new Set<number>());
  container.activities.forEach((node, i) => {
    const dependsOn = node.json.dependsOn;
    if (dependsOn === undefined) return;
    const at = childPath(node.path, "dependsOn");
    if (!Array.isArray(dependsOn)) {
      report.error(
        "MissingProperty",
        at,
        `dependsOn of activity ${quote(node.json.name)} must be an array`,
      );
      return;
    }
    dependsOn.forEach((entry: unknown, j) => {
      const target = checkEntry(
        node,
        entry,
        childPath(at, j),
        { container, siblings, everywhere },
        report,
      );
      if (target !== undefined) edges[i]?.add(target);
    });
  });
  reportCycles(container, edges, report);
}

interface Scope {
  readonly container: Container;
  readonly siblings: ReadonlyMap<string, number>;
  readonly everywhere: ReadonlyMap<string, ActivityNode>;
}

/** Checks one dependsOn entry; returns the sibling index it names, if any. */
function checkEntry(
  node: ActivityNode,
  entry: unknown,
  at: string,
  scope: Scope,
  report: Reporter,
): number | undefined {
  const who = `activity ${quote(node.json.name)}`;
  if (!isObject(entry) || typeof entry.activity !== "string") {
    report.error(
      "MissingProperty",
      at,
      `each dependsOn entry of ${who} needs an activity name: {"activity": "...", "dependencyConditions": ["Succeeded"]}`,
    );
    return undefined;
  }
  checkConditions(entry.dependencyConditions, childPath(at, "dependencyConditions"), who, report);
  const target = scope.siblings.get(entry.activity);
  if (target !== undefined) return target;
  report.error(
    "DependencyNotSibling",
    childPath(at, "activity"),
    `${who} depends on '${entry.activity}': ${whereIsMissing(entry.activity, who, scope)}`,
  );
  return undefined;
}

/** Why a dependsOn name matches no sibling: a case slip, another container, or nowhere. */
function whereIsMissing(name: string, who: string, scope: Scope): string {
  const lower = name.toLowerCase();
  // The engine matches dependsOn names exactly, so a sibling spelt with other case is a typo.
  const sibling = [...scope.siblings.keys()].find((key) => key.toLowerCase() === lower);
  if (sibling !== undefined) {
    return `no activity '${name}' exists in ${scope.container.label}; did you mean '${sibling}'? (dependsOn must spell the name exactly, case included)`;
  }
  const elsewhere = scope.everywhere.get(lower);
  if (elsewhere === undefined) return `no activity '${name}' exists in ${scope.container.label}`;
  return `'${name}' is in ${elsewhere.container.label}, but ${who} is in ${scope.container.label}; dependsOn can only name activities in the same container`;
}

function checkConditions(value: unknown, at: string, who: string, report: Reporter): void {
  if (!Array.isArray(value) || value.length === 0) {
    report.error(
      "MissingProperty",
      at,
      `a dependency of ${who} needs dependencyConditions: one or more of ${conditions.join(", ")}`,
    );
    return;
  }
  value.forEach((condition: unknown, k) => {
    if (typeof condition === "string" && conditions.includes(condition)) return;
    const fix = conditions.find(
      (c) => typeof condition === "string" && c.toLowerCase() === condition.toLowerCase(),
    );
    const hint = fix ? ` (did you mean '${fix}'?)` : "";
    report.error(
      "InvalidDependencyCondition",
      childPath(at, k),
      `${who} has the dependency condition ${JSON.stringify(condition)}${hint}; allowed: ${conditions.join(", ")}`,
    );
  });
}

/** Reports each cycle (strongly connected set of siblings) once, at its first activity's dependsOn. */
function reportCycles(container: Container, edges: readonly Set<number>[], report: Reporter): void {
  for (const component of stronglyConnected(edges)) {
    const first = Math.min(...component);
    const selfLoop = component.length === 1 && edges[first]?.has(first);
    if (component.length < 2 && !selfLoop) continue;
    const node = container.activities[first];
    if (!node) continue;
    const names = [...component]
      .sort((a, b) => a - b)
      .map((i) => `'${String(container.activities[i]?.json.name)}'`);
    const message = selfLoop
      ? `activity ${names[0]} depends on itself`
      : `activities ${names.join(", ")} depend on each other in a cycle, so none of them can start`;
    report.error("DependencyCycle", childPath(node.path, "dependsOn"), message);
  }
}

/** Tarjan's algorithm: the strongly connected components of a small graph. */
function stronglyConnected(edges: readonly Set<number>[]): number[][] {
  const index = new Map<number, number>();
  const low = new Map<number, number>();
  const stack: number[] = [];
  const onStack = new Set<number>();
  const components: number[][] = [];
  let counter = 0;
  const connect = (v: number): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges[v] ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: number[] = [];
    for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
      onStack.delete(w);
      component.push(w);
      if (w === v) break;
    }
    components.push(component);
  };
  edges.forEach((_, v) => {
    if (!index.has(v)) connect(v);
  });
  return components;
}
