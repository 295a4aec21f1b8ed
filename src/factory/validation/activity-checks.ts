import { lookupType, requiredActivityProperties, suggestType } from "../catalogue/index.js";
import type { ActivityNode } from "./activity-walk.js";
import { checkControlLimits } from "./control-checks.js";
import { childPath } from "./json-path.js";
import { activityNameProblem } from "./name-rules.js";
import { checkSluiceSupport } from "./support-checks.js";
import { isObject, quote, type Reporter } from "./reporter.js";

/** What activity checks need to know about the pipeline around them. */
export interface PipelineFacts {
  readonly name: string;
  /** Declared variables: lower-cased name -> declared type. */
  readonly variables: ReadonlyMap<string, string>;
  /** Linked services of the factory: lower-cased name -> resource JSON. */
  readonly linkedServices: ReadonlyMap<string, unknown>;
  /** Datasets of the factory: lower-cased name -> resource JSON. */
  readonly datasets?: ReadonlyMap<string, unknown>;
}

/** Checks one activity: name, type, required properties, and the rules of its own type. */
export function checkActivity(node: ActivityNode, facts: PipelineFacts, report: Reporter): void {
  const { json, path } = node;
  const name = json.name;
  if (typeof name !== "string") {
    report.error("MissingProperty", path, `an activity in pipeline '${facts.name}' has no name`);
  } else {
    const problem = activityNameProblem(name);
    if (problem) report.error("InvalidName", childPath(path, "name"), problem);
  }
  const type = json.type;
  if (typeof type !== "string") {
    report.error(
      "MissingProperty",
      path,
      `activity ${quote(name)} in pipeline '${facts.name}' has no type`,
    );
    return;
  }
  const label = `activity ${quote(name)} in pipeline '${facts.name}'`;
  const info = lookupType("activity", type);
  if (!info.adf) {
    const suggestion = suggestType("activity", type);
    const hint = suggestion ? `; did you mean '${suggestion}'?` : "";
    report.error(
      "UnknownType",
      childPath(path, "type"),
      `${label} has type '${type}', which is not an ADF activity type${hint}`,
    );
    return;
  }
  if (!info.runs) {
    report.warning(
      "TypeNotRunBySluice",
      childPath(path, "type"),
      `${label} has type ${type}, which Sluice does not run (${info.why}); the pipeline deploys, and running this activity fails it with ActivityTypeNotSupported`,
    );
  }
  checkRequired(node, type, label, report);
  checkControlLimits(node, type, label, report);
  checkSluiceSupport(node, type, label, facts, report);
  if (type === "SetVariable" || type === "AppendVariable")
    checkVariableTarget(node, type, label, facts, report);
  if (type === "Custom") checkBatchLinkedService(node, label, facts, report);
}

function checkRequired(node: ActivityNode, type: string, label: string, report: Reporter): void {
  const required = requiredActivityProperties[type] ?? [];
  const typeProperties = node.json.typeProperties;
  const at = childPath(node.path, "typeProperties");
  if (typeProperties === undefined && required.length > 0) {
    report.error(
      "MissingProperty",
      node.path,
      `${label} (${type}) needs typeProperties with ${required.join(", ")}`,
    );
    return;
  }
  if (typeProperties !== undefined && !isObject(typeProperties)) {
    report.error("MissingProperty", at, `${label}: typeProperties must be an object`);
    return;
  }
  const props = typeProperties ?? {};
  for (const key of required) {
    if (props[key] === undefined || props[key] === null) {
      report.error(
        "MissingProperty",
        at,
        `${label} (${type}) needs typeProperties.${key}${misplacedHint(type, key, props)}`,
      );
    }
  }
  for (const key of [
    "activities",
    "ifTrueActivities",
    "ifFalseActivities",
    "defaultActivities",
    "cases",
  ]) {
    if (props[key] !== undefined && !Array.isArray(props[key])) {
      report.error(
        "MissingProperty",
        childPath(at, key),
        `${label}: typeProperties.${key} must be an array`,
      );
    }
  }
  if (type === "Switch" && Array.isArray(props.cases)) {
    props.cases.forEach((item: unknown, i) => {
      if (!isObject(item) || !Array.isArray(item.activities)) {
        report.error(
          "MissingProperty",
          childPath(childPath(at, "cases"), i),
          `${label}: each case needs a value and an activities array`,
        );
      }
    });
  }
}

function checkVariableTarget(
  node: ActivityNode,
  type: string,
  label: string,
  facts: PipelineFacts,
  report: Reporter,
): void {
  const props = isObject(node.json.typeProperties) ? node.json.typeProperties : {};
  const variable = props.variableName;
  if (typeof variable !== "string" || props.setSystemVariable === true) return;
  const at = childPath(childPath(node.path, "typeProperties"), "variableName");
  const declared = facts.variables.get(variable.toLowerCase());
  if (declared === undefined) {
    const known = [...facts.variables.keys()];
    const list = known.length
      ? `declared: ${known.join(", ")}`
      : "the pipeline declares no variables";
    report.error(
      "UndeclaredVariable",
      at,
      `${label} sets the variable '${variable}', which pipeline '${facts.name}' does not declare (${list})`,
    );
  } else if (type === "AppendVariable" && declared.toLowerCase() !== "array") {
    report.error(
      "InvalidValue",
      at,
      `${label} appends to the variable '${variable}', which is ${declared}; AppendVariable needs an Array variable`,
    );
  }
}

function checkBatchLinkedService(
  node: ActivityNode,
  label: string,
  facts: PipelineFacts,
  report: Reporter,
): void {
  const reference = node.json.linkedServiceName;
  if (!isObject(reference) || typeof reference.referenceName !== "string") {
    report.error(
      "MissingProperty",
      node.path,
      `${label} (Custom) needs linkedServiceName naming an AzureBatch linked service`,
    );
    return;
  }
  const linked = facts.linkedServices.get(reference.referenceName.toLowerCase());
  const type = isObject(linked) && isObject(linked.properties) ? linked.properties.type : undefined;
  if (typeof type === "string" && type !== "AzureBatch") {
    report.error(
      "InvalidValue",
      childPath(childPath(node.path, "linkedServiceName"), "referenceName"),
      `${label} (Custom) runs on an AzureBatch linked service, but '${reference.referenceName}' is ${type}`,
    );
  }
}

// ADF's Switch page shows its expression as `expression` (the If Condition's property), but
// the service reads `on`: say so rather than only that `on` is missing.
function misplacedHint(type: string, key: string, props: Record<string, unknown>): string {
  if (type !== "Switch" || key !== "on" || props.expression === undefined) return "";
  return " (a Switch takes its expression in 'on', not 'expression')";
}
