import { formatFields } from "../activities/metadata-fields.js";
import type { PipelineFacts } from "./activity-checks.js";
import type { ActivityNode } from "./activity-walk.js";
import { childPath } from "./json-path.js";
import { isObject, type Reporter } from "./reporter.js";

/**
 * Warns about settings that deploy but fail at run time, so `validate` says so before a run:
 * GetMetadata's `structure` and `columnCount` fields on a file dataset without columns
 * (Binary or JSON: ADF has them only for DelimitedText, Parquet, Avro and ORC files and
 * tables).
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
  const columnless = columnlessDatasetType(dataset, facts);
  if (!Array.isArray(fieldList) || columnless === undefined) return;
  const at = childPath(childPath(node.path, "typeProperties"), "fieldList");
  fieldList.forEach((field: unknown, i) => {
    if (typeof field !== "string") return;
    if (!formatFields.some((name) => name.toLowerCase() === field.toLowerCase())) return;
    report.warning(
      "InvalidValue",
      childPath(at, i),
      `${label} asks GetMetadata for '${field}' of a ${columnless} file, which has no columns (as in ADF, structure and columnCount are for DelimitedText, Parquet and Avro files and SQL tables); the pipeline deploys, and running this activity fails it`,
    );
  });
}

/** Dataset types whose files have no columns for GetMetadata. */
const columnlessTypes = ["binary", "json", "xml"];

// Only a dataset named literally and found can be judged; the rest is left to the run.
function columnlessDatasetType(reference: unknown, facts: PipelineFacts): string | undefined {
  const name = isObject(reference) ? reference.referenceName : undefined;
  if (typeof name !== "string") return undefined;
  const dataset = facts.datasets?.get(name.toLowerCase());
  const properties = isObject(dataset) ? dataset.properties : undefined;
  const datasetType = isObject(properties) ? properties.type : undefined;
  if (typeof datasetType !== "string") return undefined;
  return columnlessTypes.includes(datasetType.toLowerCase()) ? datasetType : undefined;
}
