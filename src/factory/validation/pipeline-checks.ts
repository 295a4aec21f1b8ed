import { checkActivity } from "./activity-checks.js";
import { checkActivityReferences } from "./ancestor-checks.js";
import { walkActivities, type ActivityNode } from "./activity-walk.js";
import { checkDeclarations, parameterKind, variableKind } from "./declarations.js";
import { checkDependencies } from "./dependency-checks.js";
import { checkExpressions } from "./expression-checks.js";
import type { FactoryIndex } from "./factory-index.js";
import { childPath } from "./json-path.js";
import { isObject, type Reporter } from "./reporter.js";
import { propertiesOf } from "./resource-checks.js";

/** Checks one pipeline: its declarations, every activity at any depth, dependencies and expressions. */
export function checkPipeline(json: unknown, index: FactoryIndex, report: Reporter): void {
  const properties = propertiesOf(json, "pipeline", report);
  if (!properties || !isObject(json)) return;
  const name = typeof json.name === "string" ? json.name : "?";
  if (!Array.isArray(properties.activities)) {
    report.error(
      "MissingProperty",
      "$.properties",
      `the pipeline '${name}' needs an activities array`,
    );
  }
  checkDeclarations(properties.parameters, "$.properties.parameters", parameterKind, report);
  checkDeclarations(properties.variables, "$.properties.variables", variableKind, report);
  const variables = declaredTypes(properties.variables);
  const { containers, activities } = walkActivities(json, `pipeline '${name}'`);
  const facts = {
    name,
    variables,
    linkedServices: index.names.linkedService,
    datasets: index.names.dataset,
  };
  for (const node of activities) {
    checkActivity(node, facts, report);
    checkNesting(node, name, report);
  }
  const everywhere = checkUniqueNames(activities, name, report);
  for (const container of containers) checkDependencies(container, everywhere, report);
  checkActivityReferences(activities, report);
  checkExpressions(
    properties,
    "$.properties",
    {
      parameters: keysOf(properties.parameters),
      variables: new Set(variables.keys()),
      ...(index.globalParameters ? { globalParameters: index.globalParameters } : {}),
      activities: new Set(everywhere.keys()),
    },
    report,
  );
}

function keysOf(value: unknown): Set<string> {
  return new Set(Object.keys(isObject(value) ? value : {}).map((k) => k.toLowerCase()));
}

function declaredTypes(variables: unknown): Map<string, string> {
  const map = new Map<string, string>();
  if (!isObject(variables)) return map;
  for (const [name, spec] of Object.entries(variables)) {
    map.set(name.toLowerCase(), isObject(spec) && typeof spec.type === "string" ? spec.type : "?");
  }
  return map;
}

/**
 * ADF requires activity names to be unique across the whole pipeline, nested activities
 * included (and `activity('x')` could not tell two apart). Returns every name (lower-cased)
 * with its first activity.
 */
function checkUniqueNames(
  activities: readonly ActivityNode[],
  pipeline: string,
  report: Reporter,
): Map<string, ActivityNode> {
  const first = new Map<string, ActivityNode>();
  for (const node of activities) {
    const name = node.json.name;
    if (typeof name !== "string") continue;
    const earlier = first.get(name.toLowerCase());
    if (!earlier) {
      first.set(name.toLowerCase(), node);
      continue;
    }
    const where =
      earlier.container === node.container
        ? "in the same container"
        : `in ${earlier.container.label}`;
    report.error(
      "DuplicateName",
      childPath(node.path, "name"),
      `the activity name '${name}' is used twice in pipeline '${pipeline}' (first ${where}); ADF requires activity names to be unique across the pipeline, nested activities included, regardless of case`,
    );
  }
  return first;
}

/** ADF does not allow ForEach/Until inside ForEach/Until, nor any control activity inside If/Switch; Sluice runs them. */
function checkNesting(node: ActivityNode, pipeline: string, report: Reporter): void {
  const owner = node.container.owner;
  const type = node.json.type;
  if (!owner || typeof type !== "string") return;
  const ownerType = owner.json.type;
  const loops = ["ForEach", "Until"];
  const branches = ["IfCondition", "Switch"];
  const refused =
    (loops.includes(ownerType as string) && loops.includes(type)) ||
    (branches.includes(ownerType as string) && [...loops, ...branches].includes(type));
  if (!refused) return;
  report.warning(
    "NestingNotAllowedInAdf",
    childPath(node.path, "type"),
    `${type} '${String(node.json.name)}' is inside ${String(ownerType)} '${String(owner.json.name)}' in pipeline '${pipeline}': Sluice runs this, but ADF refuses it (use ExecutePipeline with a child pipeline there)`,
  );
}
