import { readFile } from "node:fs/promises";
import { SluiceError } from "../../core/index.js";
import type { FactoryDefinition } from "../model/resources.js";
import type { FactoryProblem } from "../validation/factory-problem.js";
import { childPath } from "../validation/json-path.js";
import { TemplateContext } from "./arm-context.js";
import { DefinitionBuilder, type ResourceKind } from "./definition-builder.js";
import { parseJsonText } from "./json-text.js";
import { definitionOrThrow, loadProblem, type FactoryLoadResult } from "./load-result.js";

type Json = Record<string, unknown>;

const factoryType = "microsoft.datafactory/factories";

/** Child resource types (lower case, after `microsoft.datafactory/factories/`) with typed lists. */
const childKinds: Readonly<Record<string, ResourceKind>> = {
  pipelines: "pipeline",
  datasets: "dataset",
  linkedservices: "linkedService",
  triggers: "trigger",
};

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads an ADF ARM template export (`ARMTemplateForFactory.json`, optionally with
 * `ARMTemplateParametersForFactory.json`): every `Microsoft.DataFactory/factories/...`
 * resource becomes a factory resource named after the last segment of its resolved name
 * (`[concat(parameters('factoryName'), '/Main')]` -> `Main`), with its ARM expressions
 * (`[parameters('x')]`, `[variables('y')]`, `[concat(...)]`, `[[` escapes) resolved.
 * `dependsOn` is ignored. Global parameters come from the factory resource or the
 * `factories/globalParameters` resource.
 */
export async function readArmTemplate(
  templateFile: string,
  parametersFile?: string,
): Promise<FactoryLoadResult> {
  const problems: FactoryProblem[] = [];
  const builder = new DefinitionBuilder();
  const template = await readJsonObject(templateFile, problems);
  const parameterValues = parametersFile ? await readJsonObject(parametersFile, problems) : {};
  if (!template || !parameterValues) return { definition: builder.build(), problems };
  if (
    parametersFile &&
    parameterValues.parameters !== undefined &&
    !isObject(parameterValues.parameters)
  ) {
    problems.push(
      loadProblem(
        "InvalidArmTemplate",
        parametersFile,
        "$.parameters",
        'parameters must be an object of {"value": ...}',
      ),
    );
  }
  const values = isObject(parameterValues.parameters) ? parameterValues.parameters : {};
  const context = new TemplateContext(
    template,
    values,
    templateFile,
    parametersFile !== undefined,
    problems,
  );
  if (!Array.isArray(template.resources)) {
    problems.push(
      loadProblem(
        "InvalidArmTemplate",
        templateFile,
        "$.resources",
        "an ARM template needs a resources array",
      ),
    );
    return { definition: builder.build(), problems };
  }
  const globals: Json = {};
  template.resources.forEach((resource: unknown, i) => {
    const path = `$.resources[${i}]`;
    readResource(resource, path, { context, builder, globals, problems, file: templateFile });
  });
  if (Object.keys(globals).length > 0) mergeGlobals(builder, globals, templateFile);
  return { definition: builder.build(), problems };
}

/** Loads an ARM template export (see {@link readArmTemplate}); throws `FactoryLoadFailed` on any error. */
export async function loadArmTemplate(
  templateFile: string,
  parametersFile?: string,
): Promise<FactoryDefinition> {
  return definitionOrThrow(
    await readArmTemplate(templateFile, parametersFile),
    `The ARM template ${templateFile}`,
  );
}

interface ReadState {
  readonly context: TemplateContext;
  readonly builder: DefinitionBuilder;
  readonly globals: Json;
  readonly problems: FactoryProblem[];
  readonly file: string;
}

function readResource(resource: unknown, path: string, state: ReadState): void {
  const { context, builder, problems, file } = state;
  if (!isObject(resource) || typeof resource.type !== "string") {
    problems.push(loadProblem("InvalidArmTemplate", file, path, "a resource needs a string type"));
    return;
  }
  const type = resource.type.toLowerCase();
  if (type !== factoryType && !type.startsWith(`${factoryType}/`)) {
    problems.push(
      loadProblem(
        "InvalidArmTemplate",
        file,
        childPath(path, "type"),
        `the resource type ${resource.type} is not a Data Factory resource; it is ignored`,
        "warning",
      ),
    );
    return;
  }
  const fullName = context.resolveValue(resource.name, childPath(path, "name"));
  if (typeof fullName !== "string") {
    problems.push(
      loadProblem(
        "InvalidArmTemplate",
        file,
        childPath(path, "name"),
        "a resource needs a string name",
      ),
    );
    return;
  }
  const name = fullName.slice(fullName.lastIndexOf("/") + 1);
  const properties = context.resolveValue(resource.properties, childPath(path, "properties"));
  const source = { file, jsonPath: path };
  const child = type.slice(factoryType.length + 1);
  if (type === factoryType) {
    const globalParameters = isObject(properties) ? properties.globalParameters : undefined;
    if (isObject(globalParameters)) Object.assign(state.globals, globalParameters);
    if (!builder.hasFactory()) builder.add("factory", { name, properties: {} }, source);
  } else if (child === "globalparameters") {
    if (isObject(properties)) Object.assign(state.globals, properties);
  } else {
    const kind = childKinds[child];
    const json = { name, properties };
    if (kind) builder.add(kind, json, source);
    else builder.addOther(gitFolderOf(resource.type), json, source);
  }
}

/** `.../factories/integrationRuntimes` -> `integrationRuntime`, the git folder's name for it. */
function gitFolderOf(type: string): string {
  const last = type.slice(type.lastIndexOf("/") + 1);
  const singular = last.endsWith("s") ? last.slice(0, -1) : last;
  const known = [
    "dataflow",
    "integrationRuntime",
    "credential",
    "managedVirtualNetwork",
    "managedPrivateEndpoint",
    "adfcdc",
  ];
  return known.find((name) => name.toLowerCase() === singular.toLowerCase()) ?? singular;
}

function mergeGlobals(builder: DefinitionBuilder, globals: Json, file: string): void {
  builder.setGlobalParameters(globals, { file, jsonPath: "$" });
}

async function readJsonObject(file: string, problems: FactoryProblem[]): Promise<Json | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (cause) {
    throw new SluiceError(
      "FactoryLoadFailed",
      `The ARM template file ${file} does not exist or cannot be read.`,
      {
        details: { path: file },
        cause,
      },
    );
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    problems.push({
      ...loadProblem(
        "InvalidJson",
        file,
        "$",
        `invalid JSON at ${parsed.line}:${parsed.column}: ${parsed.message}`,
      ),
      line: parsed.line,
      column: parsed.column,
    });
    return undefined;
  }
  if (!isObject(parsed.value)) {
    problems.push(
      loadProblem(
        "InvalidJson",
        file,
        "$",
        "an ARM template (or parameters file) must hold a JSON object",
      ),
    );
    return undefined;
  }
  return parsed.value;
}
