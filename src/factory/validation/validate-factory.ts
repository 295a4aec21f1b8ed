import type { FactoryDefinition, FactorySources } from "../model/resources.js";
import { checkDeclarations, globalKind } from "./declarations.js";
import { checkExpressions } from "./expression-checks.js";
import { factorySource, indexFactory, sourceOf } from "./factory-index.js";
import { sortProblems, type FactoryProblem } from "./factory-problem.js";
import { checkPipeline } from "./pipeline-checks.js";
import { checkReferences } from "./reference-checks.js";
import { isObject, Reporter } from "./reporter.js";
import {
  checkDataset,
  checkLinkedService,
  checkNames,
  checkTrigger,
  type Checked,
} from "./resource-checks.js";

type ListName = keyof Omit<FactorySources, "factory" | "others">;

/**
 * Validates a whole factory and returns every problem at once, sorted by file then JSON path,
 * each reported once: unknown types (an ADF type Sluice does not run is a warning), missing
 * required properties, references to resources that do not exist, duplicate names, ADF's
 * naming rules, dependsOn naming non-siblings, invalid dependency conditions, dependency
 * cycles, invalid expressions (with their position), parameter and variable types, and
 * SetVariable/AppendVariable of undeclared variables. An empty list means the factory is valid.
 */
export function validateFactory(definition: FactoryDefinition): FactoryProblem[] {
  const problems: FactoryProblem[] = [];
  const index = indexFactory(definition);
  const checked = (list: ListName): Checked[] =>
    (definition[list] as readonly unknown[]).map((json, i) => {
      const source = sourceOf(definition, list, i);
      return { json, report: new Reporter(problems, source), where: source.file };
    });
  const pipelines = checked("pipelines");
  const datasets = checked("datasets");
  const linkedServices = checked("linkedServices");
  const triggers = checked("triggers");
  checkNames(pipelines, "pipeline");
  checkNames(datasets, "dataset");
  checkNames(linkedServices, "linked service");
  checkNames(triggers, "trigger");
  for (const { json, report } of pipelines) checkPipeline(json, index, report);
  for (const { json, report } of datasets) checkDataset(json, report);
  for (const { json, report } of linkedServices) checkLinkedService(json, report);
  for (const { json, report } of triggers) checkTrigger(json, report);
  checkOwnExpressions(datasets, linkedServices, triggers);
  for (const { json, report } of [
    ...pipelines,
    ...datasets,
    ...linkedServices,
    ...triggers,
    ...others(definition, problems),
  ]) {
    checkReferences(json, "$", index, report);
  }
  checkGlobals(definition, problems);
  return sortProblems(problems);
}

function others(definition: FactoryDefinition, problems: FactoryProblem[]): Checked[] {
  return definition.others.map((other, i) => {
    const source = sourceOf(definition, "others", i);
    return { json: other.json, report: new Reporter(problems, source), where: source.file };
  });
}

/** Datasets and linked services may use their own parameters (`dataset().x`, `linkedService().x`). */
function checkOwnExpressions(
  datasets: Checked[],
  linkedServices: Checked[],
  triggers: Checked[],
): void {
  for (const { json, report } of [...datasets, ...linkedServices]) {
    const properties = isObject(json) && isObject(json.properties) ? json.properties : undefined;
    if (!properties) continue;
    const own = new Set(
      Object.keys(isObject(properties.parameters) ? properties.parameters : {}).map((k) =>
        k.toLowerCase(),
      ),
    );
    checkExpressions(properties, "$.properties", { ownParameters: own }, report);
  }
  for (const { json, report } of triggers) {
    if (isObject(json)) checkExpressions(json.properties, "$.properties", {}, report);
  }
}

function checkGlobals(definition: FactoryDefinition, problems: FactoryProblem[]): void {
  const factory = definition.factory;
  if (!factory) return;
  const report = new Reporter(problems, factorySource(definition));
  checkDeclarations(
    factory.properties?.globalParameters,
    "$.properties.globalParameters",
    globalKind,
    report,
  );
}
