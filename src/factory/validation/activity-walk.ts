import { nestedActivityProperties } from "../catalogue/index.js";
import { childPath } from "./json-path.js";
import { isObject } from "./reporter.js";

/** One activity, anywhere in a pipeline. */
export interface ActivityNode {
  readonly json: Record<string, unknown>;
  /** JSON path relative to the pipeline resource. */
  readonly path: string;
  readonly container: Container;
}

/** A list of sibling activities: the pipeline's, or one list inside a control activity. */
export interface Container {
  readonly path: string;
  /** For messages: `pipeline 'Main'` or `ForEach 'Loop' (activities)`. */
  readonly label: string;
  /** The control activity holding this list; undefined for the pipeline's own list. */
  readonly owner: ActivityNode | undefined;
  readonly activities: ActivityNode[];
}

/** Every container and activity of a pipeline, outermost first, in document order. */
export interface PipelineActivities {
  readonly containers: readonly Container[];
  readonly activities: readonly ActivityNode[];
}

/** Walks a pipeline's activities, descending into ForEach, Until, IfCondition and Switch. */
export function walkActivities(
  pipeline: Record<string, unknown>,
  pipelineLabel: string,
): PipelineActivities {
  const containers: Container[] = [];
  const activities: ActivityNode[] = [];
  const properties = pipeline.properties;
  if (!isObject(properties)) return { containers, activities };
  const visit = (
    list: unknown,
    path: string,
    label: string,
    owner: ActivityNode | undefined,
  ): void => {
    if (!Array.isArray(list)) return;
    const container: Container = { path, label, owner, activities: [] };
    containers.push(container);
    list.forEach((item: unknown, i) => {
      if (!isObject(item)) return;
      const node: ActivityNode = { json: item, path: childPath(path, i), container };
      container.activities.push(node);
      activities.push(node);
    });
    for (const node of container.activities) visitNested(node, visit);
  };
  visit(properties.activities, "$.properties.activities", pipelineLabel, undefined);
  return { containers, activities };
}

type Visit = (list: unknown, path: string, label: string, owner: ActivityNode | undefined) => void;

function visitNested(node: ActivityNode, visit: Visit): void {
  const type = node.json.type;
  const typeProperties = node.json.typeProperties;
  if (typeof type !== "string" || !isObject(typeProperties)) return;
  const base = childPath(node.path, "typeProperties");
  const name = typeof node.json.name === "string" ? node.json.name : "?";
  for (const key of nestedActivityProperties[type] ?? []) {
    const value = typeProperties[key];
    if (key !== "cases") {
      visit(value, childPath(base, key), `${type} '${name}' (${key})`, node);
      continue;
    }
    if (!Array.isArray(value)) continue;
    value.forEach((item: unknown, i) => {
      if (!isObject(item)) return;
      const label = `${type} '${name}' (case ${JSON.stringify(item.value ?? null)})`;
      visit(
        item.activities,
        childPath(childPath(childPath(base, "cases"), i), "activities"),
        label,
        node,
      );
    });
  }
}
