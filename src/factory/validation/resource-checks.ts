import {
  lookupType,
  requiredTriggerProperties,
  suggestType,
  type CatalogueKind,
} from "../catalogue/index.js";
import { childPath } from "./json-path.js";
import { resourceNameProblem } from "./name-rules.js";
import { isObject, quote, type Reporter } from "./reporter.js";

/** A resource with its reporter, for checks across a kind's resources. */
export interface Checked {
  readonly json: unknown;
  readonly report: Reporter;
  readonly where: string;
}

/**
 * Checks each resource of one kind has a valid name, unique regardless of case (ADF names are
 * case-insensitive); a repeat is reported at the later resource, naming the first. Pipelines
 * are limited to 140 characters (concepts-pipelines-activities.md), the rest to 260.
 */
export function checkNames(resources: readonly Checked[], noun: string): void {
  const seen = new Map<string, string>();
  for (const { json, report, where } of resources) {
    const name = isObject(json) ? json.name : undefined;
    if (typeof name !== "string") {
      report.error(
        "MissingProperty",
        "$",
        `the ${noun} has no name: {"name": "...", "properties": {...}}`,
      );
      continue;
    }
    const problem = resourceNameProblem(name, noun, noun === "pipeline" ? 140 : 260);
    if (problem) report.error("InvalidName", "$.name", problem);
    const first = seen.get(name.toLowerCase());
    if (first !== undefined) {
      report.error(
        "DuplicateName",
        "$.name",
        `the ${noun} name '${name}' is already used by ${first}; names are case-insensitive in ADF`,
      );
    } else seen.set(name.toLowerCase(), where);
  }
}

/** The resource's `properties` object, or undefined after reporting that it is missing. */
export function propertiesOf(
  json: unknown,
  noun: string,
  report: Reporter,
): Record<string, unknown> | undefined {
  const properties = isObject(json) ? json.properties : undefined;
  if (isObject(properties)) return properties;
  report.error(
    "MissingProperty",
    "$",
    `the ${noun} ${quote(isObject(json) ? json.name : undefined)} needs a properties object`,
  );
  return undefined;
}

const catalogueNouns: Readonly<Record<CatalogueKind, string>> = {
  activity: "activity",
  linkedService: "linked service",
  dataset: "dataset",
  trigger: "trigger",
};

/** Checks `properties.type` against ADF's catalogue: unknown is an error, not run by Sluice a warning. */
export function checkResourceType(
  kind: CatalogueKind,
  json: unknown,
  properties: Record<string, unknown>,
  report: Reporter,
): string | undefined {
  const noun = catalogueNouns[kind];
  const label = `${noun} ${quote(isObject(json) ? json.name : undefined)}`;
  const type = properties.type;
  if (typeof type !== "string") {
    report.error("MissingProperty", "$.properties", `the ${label} needs a type`);
    return undefined;
  }
  const info = lookupType(kind, type);
  if (!info.adf) {
    const suggestion = suggestType(kind, type);
    report.error(
      "UnknownType",
      "$.properties.type",
      `the ${label} has type '${type}', which is not an ADF ${noun} type${suggestion ? `; did you mean '${suggestion}'?` : ""}`,
    );
    return undefined;
  }
  if (!info.runs) {
    const verb = kind === "trigger" ? "does not fire" : "cannot use";
    report.warning(
      "TypeNotRunBySluice",
      "$.properties.type",
      `the ${label} has type ${type}, which Sluice ${verb} (${info.why}); it deploys and is stored`,
    );
  }
  return type;
}

/** A dataset needs a type and a linked service. */
export function checkDataset(json: unknown, report: Reporter): void {
  const properties = propertiesOf(json, "dataset", report);
  if (!properties) return;
  checkResourceType("dataset", json, properties, report);
  const linked = properties.linkedServiceName;
  if (!isObject(linked) || linked.referenceName === undefined) {
    report.error(
      "MissingProperty",
      "$.properties",
      `the dataset ${quote(isObject(json) ? json.name : undefined)} needs linkedServiceName: {"referenceName": "...", "type": "LinkedServiceReference"}`,
    );
  }
}

/** A linked service needs a type. */
export function checkLinkedService(json: unknown, report: Reporter): void {
  const properties = propertiesOf(json, "linked service", report);
  if (properties) checkResourceType("linkedService", json, properties, report);
}

/** A trigger needs a type, its type's required properties, and pipelines to start. */
export function checkTrigger(json: unknown, report: Reporter): void {
  const properties = propertiesOf(json, "trigger", report);
  if (!properties) return;
  const type = checkResourceType("trigger", json, properties, report);
  if (type === undefined) return;
  const label = `trigger ${quote(isObject(json) ? json.name : undefined)} (${type})`;
  const typeProperties = isObject(properties.typeProperties) ? properties.typeProperties : {};
  for (const key of requiredTriggerProperties[type] ?? []) {
    if (typeProperties[key] === undefined)
      report.error(
        "MissingProperty",
        "$.properties.typeProperties",
        `the ${label} needs typeProperties.${key}`,
      );
  }
  if (type === "TumblingWindowTrigger") {
    if (!isObject(properties.pipeline) || !isObject(properties.pipeline.pipelineReference)) {
      report.error(
        "MissingProperty",
        "$.properties",
        `the ${label} needs pipeline: {"pipelineReference": {...}}`,
      );
    }
  } else if (properties.pipelines !== undefined) {
    if (!Array.isArray(properties.pipelines)) {
      report.error(
        "MissingProperty",
        "$.properties.pipelines",
        `the ${label}: pipelines must be an array`,
      );
      return;
    }
    properties.pipelines.forEach((entry: unknown, i) => {
      if (!isObject(entry) || !isObject(entry.pipelineReference)) {
        report.error(
          "MissingProperty",
          childPath("$.properties.pipelines", i),
          `each pipelines entry of the ${label} needs a pipelineReference`,
        );
      }
    });
  }
}
