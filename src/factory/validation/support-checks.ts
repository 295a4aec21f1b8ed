import { formatFields } from "../activities/metadata-fields.js";
import { isSqlDatasetType } from "../data/sql/sql-dataset.js";
import type { PipelineFacts } from "./activity-checks.js";
import type { ActivityNode } from "./activity-walk.js";
import { childPath } from "./json-path.js";
import { isObject, type Reporter } from "./reporter.js";

/**
 * Warns about settings ADF accepts that Sluice does not carry out yet, so `validate` says
 * before a run what would fail it: GetMetadata's `structure` and `columnCount` fields on a
 * file dataset (Sluice gives them for SQL tables, not yet for files).
 */
export function checkSluiceSupport(
  node: ActivityNode,
  type: string,
  label: string,
  facts: PipelineFacts,
  report: Reporter,
): void {
  if (type !== "GetMetadata" || !isObject(node.json.typeProperties)) return;
  const { fieldList, dataset } = node.json.typeProperties;
  if (!Array.isArray(fieldList) || !isFileDataset(dataset, facts)) return;
  const at = childPath(childPath(node.path, "typeProperties"), "fieldList");
  fieldList.forEach((field: unknown, i) => {
    if (typeof field !== "string") return;
    if (!formatFields.some((name) => name.toLowerCase() === field.toLowerCase())) return;
    report.warning(
      "InvalidValue",
      childPath(at, i),
      `${label} asks GetMetadata for '${field}' of a file, which Sluice does not compute yet (it needs a reader for the file's format); the pipeline deploys, and running this activity fails it`,
    );
  });
}

// Only a dataset named literally and found can be judged; the rest is left to the run.
function isFileDataset(reference: unknown, facts: PipelineFacts): boolean {
  const name = isObject(reference) ? reference.referenceName : undefined;
  if (typeof name !== "string") return false;
  const dataset = facts.datasets?.get(name.toLowerCase());
  const properties = isObject(dataset) ? dataset.properties : undefined;
  const datasetType = isObject(properties) ? properties.type : undefined;
  return typeof datasetType === "string" && !isSqlDatasetType(datasetType);
}
