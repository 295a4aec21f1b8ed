import { kindNames, type FactoryIndex, type IndexedKind } from "./factory-index.js";
import { childPath } from "./json-path.js";
import { isObject, type Reporter } from "./reporter.js";

/** Reference object `type` -> what it names. */
const referenceKinds: Readonly<Record<string, IndexedKind>> = {
  PipelineReference: "pipeline",
  DatasetReference: "dataset",
  LinkedServiceReference: "linkedService",
  TriggerReference: "trigger",
  DataFlowReference: "dataflow",
  IntegrationRuntimeReference: "integrationRuntime",
  CredentialReference: "credential",
};

/** Properties that hold a reference even when the reference object omits its `type`. */
const referenceKeys: Readonly<Record<string, IndexedKind>> = {
  linkedServiceName: "linkedService",
  pipelineReference: "pipeline",
};

/** Runtimes every factory has without defining them. */
const builtInRuntimes = new Set(["autoresolveintegrationruntime"]);

/**
 * Finds every reference in `json` (`{"referenceName": ..., "type": "DatasetReference"}` and the
 * like, at any depth: activity inputs and outputs, nested activities, ExecutePipeline's
 * `pipeline`, a dataset's `linkedServiceName`, a trigger's `pipelineReference`, Key Vault
 * secrets' `store`...) and reports those naming nothing. A `referenceName` that is an
 * expression (parameterised) is resolved only at run time and is not checked.
 */
export function checkReferences(
  json: unknown,
  path: string,
  index: FactoryIndex,
  report: Reporter,
  key?: string,
): void {
  if (Array.isArray(json)) {
    json.forEach((item: unknown, i) => checkReferences(item, childPath(path, i), index, report));
    return;
  }
  if (!isObject(json)) return;
  const kind =
    typeof json.type === "string"
      ? referenceKinds[json.type]
      : key
        ? referenceKeys[key]
        : undefined;
  if (kind && "referenceName" in json) {
    checkOne(json.referenceName, kind, childPath(path, "referenceName"), index, report);
    return;
  }
  for (const [child, value] of Object.entries(json))
    checkReferences(value, childPath(path, child), index, report, child);
}

function checkOne(
  name: unknown,
  kind: IndexedKind,
  at: string,
  index: FactoryIndex,
  report: Reporter,
): void {
  const noun = kindNames[kind];
  if (typeof name !== "string") {
    if (!isObject(name))
      report.error("MissingProperty", at, `a ${noun} reference needs a referenceName`);
    return;
  }
  if (name.startsWith("@") || name.includes("@{")) return;
  if (kind === "integrationRuntime" && builtInRuntimes.has(name.toLowerCase())) return;
  const known = index.names[kind];
  if (known.has(name.toLowerCase())) return;
  const names = [...known.values()].map((r) => (isObject(r) ? String(r.name) : "")).sort();
  const list =
    names.length === 0
      ? `the factory has no ${noun}s`
      : names.length <= 10
        ? `${noun}s: ${names.join(", ")}`
        : `${names.length} ${noun}s exist`;
  report.error("MissingReference", at, `the ${noun} '${name}' does not exist (${list})`);
}
