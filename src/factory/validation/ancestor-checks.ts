import { nestedActivityProperties } from "../catalogue/index.js";
import { parseExpression, type ExpressionNode } from "../../expressions/index.js";
import type { ActivityNode, Container } from "./activity-walk.js";
import { isObject, quote, type Reporter } from "./reporter.js";

/**
 * Warns where an activity reads `activity('X')` of an activity it does not come after: X is
 * not reached through its `dependsOn` chain, nor through that of a control activity around it
 * (an Until's own expression may also read the activities inside it). ADF evaluates such a
 * reference only if X happens to have finished, so the run fails or races; Sluice fails it
 * with "No activity named 'X' has run before this one".
 */
export function checkActivityReferences(
  activities: readonly ActivityNode[],
  report: Reporter,
): void {
  const upstream = new Map<ActivityNode, Set<string>>();
  const reachable = (node: ActivityNode): Set<string> => {
    let names = upstream.get(node);
    if (names) return names;
    names = ancestorsIn(node.container, node);
    const owner = node.container.owner;
    if (owner) for (const name of reachable(owner)) names.add(name);
    upstream.set(node, names);
    return names;
  };
  const known = new Set(activities.map((node) => String(node.json.name).toLowerCase()));
  for (const node of activities) {
    const inside = node.json.type === "Until" ? namesInside(node, activities) : new Set<string>();
    for (const name of referencedActivities(ownJson(node))) {
      const lower = name.toLowerCase();
      if (!known.has(lower) || reachable(node).has(lower) || inside.has(lower)) continue;
      report.warning(
        "InvalidExpression",
        node.path,
        `activity ${quote(node.json.name)} reads activity('${name}'), but does not depend on it (directly, through other activities, or through the control activity around it): the expression fails unless '${name}' has already finished`,
      );
    }
  }
}

/** Lower-cased names of the activities `node` depends on, transitively, in its container. */
function ancestorsIn(container: Container, node: ActivityNode): Set<string> {
  const byName = new Map(container.activities.map((n) => [String(n.json.name), n]));
  const found = new Set<string>();
  const pending = [node];
  for (let current = pending.pop(); current; current = pending.pop()) {
    const dependsOn = Array.isArray(current.json.dependsOn) ? current.json.dependsOn : [];
    for (const entry of dependsOn) {
      const name = isObject(entry) && typeof entry.activity === "string" ? entry.activity : "";
      const target = byName.get(name);
      if (!target || found.has(name.toLowerCase())) continue;
      found.add(name.toLowerCase());
      pending.push(target);
    }
  }
  return found;
}

function namesInside(owner: ActivityNode, activities: readonly ActivityNode[]): Set<string> {
  const inside = (node: ActivityNode): boolean =>
    node.container.owner === owner || (node.container.owner ? inside(node.container.owner) : false);
  return new Set(activities.filter(inside).map((node) => String(node.json.name).toLowerCase()));
}

/** The activity's JSON without its nested activity lists (those are checked on their own). */
function ownJson(node: ActivityNode): unknown {
  const rest: Record<string, unknown> = { ...node.json };
  delete rest.dependsOn;
  const nested = nestedActivityProperties[String(node.json.type)] ?? [];
  if (nested.length === 0 || !isObject(rest.typeProperties)) return rest;
  const typeProperties = { ...rest.typeProperties };
  for (const key of nested) {
    if (key !== "cases") delete typeProperties[key];
    else if (Array.isArray(typeProperties.cases))
      typeProperties.cases = typeProperties.cases.map((c: unknown) =>
        isObject(c) ? { value: c.value } : c,
      );
  }
  return { ...rest, typeProperties };
}

/** Names given to `activity('...')` as literals anywhere in the expressions of `json`. */
function referencedActivities(json: unknown, names = new Set<string>()): Set<string> {
  if (typeof json === "string") {
    if (json.startsWith("@") || json.includes("@{")) collect(json, names);
  } else if (Array.isArray(json)) {
    for (const item of json) referencedActivities(item, names);
  } else if (isObject(json)) {
    if (json.type === "SecureString") return names;
    for (const value of Object.values(json)) referencedActivities(value, names);
  }
  return names;
}

function collect(text: string, names: Set<string>): void {
  let compiled;
  try {
    compiled = parseExpression(text);
  } catch {
    return; // expression-checks reports it
  }
  const roots =
    compiled.kind === "expression"
      ? [compiled.node]
      : compiled.kind === "template"
        ? compiled.parts
        : [];
  const visit = (node: ExpressionNode | string): void => {
    if (typeof node === "string" || node.kind === "literal") return;
    if (node.kind === "call") {
      const arg = node.args[0];
      if (node.accessor === "activity" && arg?.kind === "literal" && typeof arg.value === "string")
        names.add(arg.value);
      node.args.forEach(visit);
    } else if (node.kind === "member") visit(node.target);
    else {
      visit(node.target);
      visit(node.index);
    }
  };
  roots.forEach(visit);
}
