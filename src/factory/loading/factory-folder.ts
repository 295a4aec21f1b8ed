import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { SluiceError } from "../../core/index.js";
import type { FactoryProblem } from "../validation/factory-problem.js";
import { DefinitionBuilder, type ResourceKind } from "./definition-builder.js";
import { parseJsonText } from "./json-text.js";
import { definitionOrThrow, loadProblem, type FactoryLoadResult } from "./load-result.js";
import type { FactoryDefinition } from "../model/resources.js";

/** ADF's git folders and what each holds. Folder names match regardless of case. */
const folderKinds: Readonly<Record<string, ResourceKind | "other">> = {
  pipeline: "pipeline",
  dataset: "dataset",
  linkedservice: "linkedService",
  trigger: "trigger",
  factory: "factory",
  dataflow: "other",
  integrationruntime: "other",
  credential: "other",
  managedvirtualnetwork: "other",
  adfcdc: "other",
  globalparameters: "other",
};

/**
 * Reads a factory folder in ADF's git layout (`pipeline/`, `dataset/`, `linkedService/`,
 * `trigger/`, `factory/<name>.json`; `dataflow/`, `integrationRuntime/`, `credential/`,
 * `managedVirtualNetwork/` and `adfcdc/` are kept as-is in `others`). Files at the root
 * (`publish_config.json`, `arm-template-parameters-definition.json`, `README.md`) and other
 * folders are not resources and are ignored. Every unreadable or invalid JSON file is a
 * problem; the rest still loads.
 */
export async function readFactoryFolder(dir: string): Promise<FactoryLoadResult> {
  await requireFolder(dir);
  const builder = new DefinitionBuilder();
  const problems: FactoryProblem[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const kind = folderKinds[entry.name.toLowerCase()];
    if (!entry.isDirectory() || kind === undefined) continue;
    const folder = join(dir, entry.name);
    for (const file of await listJsonFiles(folder, kind === "other", problems, dir)) {
      const name = relative(dir, file).split(sep).join("/");
      const json = await readJsonFile(file, name, problems);
      if (json === undefined) continue;
      const source = { file: name, jsonPath: "$" };
      if (kind === "other") builder.addOther(otherKind(entry.name, name), json, source);
      else if (kind === "factory" && builder.hasFactory()) {
        problems.push(
          loadProblem(
            "DuplicateName",
            name,
            "$",
            "a factory has one file under factory/; this one is ignored",
            "warning",
          ),
        );
      } else builder.add(kind, json, source);
    }
  }
  return { definition: builder.build(), problems };
}

/**
 * Loads a factory folder (see {@link readFactoryFolder}). Throws `FactoryLoadFailed` listing
 * every file that could not be read or parsed, each with its line:column.
 */
export async function loadFactoryFolder(dir: string): Promise<FactoryDefinition> {
  return definitionOrThrow(await readFactoryFolder(dir), `The factory folder ${dir}`);
}

async function requireFolder(dir: string): Promise<void> {
  const info = await stat(dir).catch((cause: unknown) => {
    throw new SluiceError(
      "FactoryLoadFailed",
      `The factory folder ${dir} does not exist or cannot be read.`,
      {
        details: { path: dir },
        cause,
      },
    );
  });
  if (!info.isDirectory()) {
    throw new SluiceError(
      "FactoryLoadFailed",
      `${dir} is not a folder; give a factory folder in ADF's git layout.`,
      {
        details: { path: dir },
      },
    );
  }
}

/** `dataflow/x.json` -> `dataflow`; `managedVirtualNetwork/default/managedPrivateEndpoint/pe.json` -> `managedPrivateEndpoint`. */
function otherKind(folder: string, file: string): string {
  const parts = file.split("/");
  return parts.length > 2 ? (parts[parts.length - 2] ?? folder) : folder;
}

async function listJsonFiles(
  folder: string,
  recursive: boolean,
  problems: FactoryProblem[],
  root: string,
): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (cause) {
    const name = relative(root, folder).split(sep).join("/");
    problems.push(
      loadProblem("UnreadableFile", name, "$", `the folder cannot be read: ${String(cause)}`),
    );
    return [];
  }
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(folder, entry.name);
    if (entry.isFile() && entry.name.toLowerCase().endsWith(".json")) files.push(path);
    else if (entry.isDirectory() && recursive)
      files.push(...(await listJsonFiles(path, true, problems, root)));
  }
  return files;
}

async function readJsonFile(
  path: string,
  name: string,
  problems: FactoryProblem[],
): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    problems.push(
      loadProblem("UnreadableFile", name, "$", `the file cannot be read: ${String(cause)}`),
    );
    return undefined;
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    problems.push({
      ...loadProblem(
        "InvalidJson",
        name,
        "$",
        `invalid JSON at ${parsed.line}:${parsed.column}: ${parsed.message}`,
      ),
      line: parsed.line,
      column: parsed.column,
    });
    return undefined;
  }
  if (typeof parsed.value !== "object" || parsed.value === null || Array.isArray(parsed.value)) {
    problems.push(
      loadProblem(
        "InvalidJson",
        name,
        "$",
        'the file must hold a JSON object {"name": ..., "properties": {...}}',
      ),
    );
    return undefined;
  }
  return parsed.value;
}
