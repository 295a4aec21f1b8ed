import { describe, expect, it } from "vitest";
import {
  activityTypesSluiceDoesNotRun,
  adfActivityTypes,
  catalogue,
  lookupType,
  readFactory,
  validateFactory,
  type FactoryDefinition,
} from "../../src/factory/index.js";
import { brief, fixture } from "./fixtures.js";

async function problemsOf(name: string): Promise<string[]> {
  const { definition, problems } = await readFactory(fixture(name));
  expect(problems).toEqual([]);
  const found = validateFactory(definition);
  // Each problem is reported once: no two share file, path, code and message.
  expect(new Set(found.map((p) => `${brief(p)} ${p.message}`)).size).toBe(found.length);
  return found.map(brief);
}

describe("validateFactory on valid factories", () => {
  it("finds only the warnings for the types Sluice does not run, in the git folder", async () => {
    const { definition } = await readFactory(fixture("retail"));
    const problems = validateFactory(definition);
    expect(problems).toEqual([
      {
        severity: "warning",
        code: "TypeNotRunBySluice",
        file: "linkedService/ls_databricks.json",
        jsonPath: "$.properties.type",
        message:
          "the linked service 'ls_databricks' has type AzureDatabricks, which Sluice cannot use (Sluice has no connector for it, so activities that use it cannot run); it deploys and is stored",
      },
      {
        severity: "warning",
        code: "TypeNotRunBySluice",
        file: "pipeline/pl_master.json",
        jsonPath: "$.properties.activities[6].type",
        message:
          "activity 'Refresh dashboard' in pipeline 'pl_master' has type DatabricksNotebook, which Sluice does not run (it runs on an Azure Databricks cluster, and Sluice has no Databricks engine); the pipeline deploys, and running this activity fails it with ActivityTypeNotSupported",
      },
    ]);
  });

  it("finds the same warnings in its ARM template export, at the template's paths", async () => {
    const template = `${fixture("retail-arm")}/ARMTemplateForFactory.json`;
    expect(await problemsOf("retail-arm")).toEqual([
      `warning TypeNotRunBySluice ${template} $.resources[3].properties.type`,
      `warning TypeNotRunBySluice ${template} $.resources[9].properties.activities[6].type`,
    ]);
  });
});

describe("validateFactory on broken factories, one class of problem each", () => {
  it("broken-types", async () => {
    expect(await problemsOf("broken-types")).toEqual([
      "error UnknownType dataset/ds_files.json $.properties.type",
      "error UnknownType linkedService/ls_blob.json $.properties.type",
      "error UnknownType pipeline/pl_types.json $.properties.activities[0].type",
      "error UnknownType pipeline/pl_types.json $.properties.activities[1].type",
      "warning TypeNotRunBySluice pipeline/pl_types.json $.properties.activities[2].type",
      "error UnknownType trigger/tr_cron.json $.properties.type",
    ]);
  });

  it("broken-missing", async () => {
    expect(await problemsOf("broken-missing")).toEqual([
      "error MissingProperty dataset/ds_orphan.json $.properties",
      "error MissingProperty linkedService/ls_untyped.json $.properties",
      "error MissingProperty pipeline/pl_empty.json $.properties",
      "error MissingProperty pipeline/pl_missing.json $.properties.activities[0]",
      "error MissingProperty pipeline/pl_missing.json $.properties.activities[1]",
      "error MissingProperty pipeline/pl_missing.json $.properties.activities[2].typeProperties",
      "error MissingProperty pipeline/pl_missing.json $.properties.activities[2].typeProperties.activities[0].typeProperties",
      "error MissingProperty pipeline/pl_missing.json $.properties.activities[3]",
      "error MissingProperty pipeline/pl_missing.json $.properties.activities[4]",
      "error MissingProperty trigger/tr_daily.json $.properties.pipelines[0]",
      "error MissingProperty trigger/tr_daily.json $.properties.typeProperties",
    ]);
  });

  it("broken-references", async () => {
    expect(await problemsOf("broken-references")).toEqual([
      "error MissingReference dataset/ds_lost.json $.properties.linkedServiceName.referenceName",
      "error MissingReference linkedService/ls_batch.json $.properties.typeProperties.linkedServiceName.referenceName",
      "warning NestingNotAllowedInAdf pipeline/pl_refs.json $.properties.activities[0].typeProperties.ifFalseActivities[0].type",
      "error MissingReference pipeline/pl_refs.json $.properties.activities[0].typeProperties.ifFalseActivities[0].typeProperties.activities[0].typeProperties.dataset.referenceName",
      "error MissingReference pipeline/pl_refs.json $.properties.activities[0].typeProperties.ifTrueActivities[0].typeProperties.pipeline.referenceName",
      "error MissingReference pipeline/pl_refs.json $.properties.activities[1].typeProperties.referenceObjects.datasets[1].referenceName",
      "error MissingReference pipeline/pl_refs.json $.properties.activities[1].typeProperties.resourceLinkedService.referenceName",
      "error MissingReference trigger/tr_daily.json $.properties.pipelines[1].pipelineReference.referenceName",
    ]);
  });

  it("broken-dependencies", async () => {
    expect(await problemsOf("broken-dependencies")).toEqual([
      "error DependencyCycle pipeline/pl_deps.json $.properties.activities[0].dependsOn",
      "error DependencyCycle pipeline/pl_deps.json $.properties.activities[2].dependsOn",
      "error DependencyNotSibling pipeline/pl_deps.json $.properties.activities[3].dependsOn[0].activity",
      "error DependencyNotSibling pipeline/pl_deps.json $.properties.activities[4].typeProperties.activities[1].dependsOn[0].activity",
      "error InvalidDependencyCondition pipeline/pl_deps.json $.properties.activities[5].dependsOn[0].dependencyConditions[0]",
      "error InvalidDependencyCondition pipeline/pl_deps.json $.properties.activities[5].dependsOn[1].dependencyConditions[0]",
      "error MissingProperty pipeline/pl_deps.json $.properties.activities[6].dependsOn[0].dependencyConditions",
      "error DependencyNotSibling pipeline/pl_deps.json $.properties.activities[7].dependsOn[0].activity",
    ]);
  });

  it("broken-names", async () => {
    expect(await problemsOf("broken-names")).toEqual([
      "error DuplicateName dataset/ds_files_copy.json $.name",
      "error InvalidName pipeline/pl.bad.json $.name",
      "error DuplicateName pipeline/pl_names.json $.properties.activities[1].typeProperties.activities[0].name",
      "error InvalidName pipeline/pl_names.json $.properties.activities[2].name",
      "error InvalidName pipeline/pl_names.json $.properties.activities[3].name",
      "error InvalidName pipeline/pl_names.json $.properties.activities[4].name",
    ]);
  });

  it("broken-expressions", async () => {
    expect(await problemsOf("broken-expressions")).toEqual([
      "error InvalidExpression dataset/ds_param.json $.properties.typeProperties.location.container",
      "error InvalidExpression pipeline/pl_expr.json $.properties.activities[0].typeProperties.value",
      "error InvalidExpression pipeline/pl_expr.json $.properties.activities[1].typeProperties.value.value",
      "error InvalidExpression pipeline/pl_expr.json $.properties.activities[2].typeProperties.value",
      "error InvalidExpression pipeline/pl_expr.json $.properties.activities[2].typeProperties.value",
      "error InvalidExpression pipeline/pl_expr.json $.properties.activities[2].typeProperties.value",
      "error InvalidExpression pipeline/pl_expr.json $.properties.activities[3].typeProperties.value",
      "error InvalidExpression pipeline/pl_expr.json $.properties.activities[4].typeProperties.waitTimeInSeconds.value",
    ]);
  });

  it("broken-declarations", async () => {
    expect(await problemsOf("broken-declarations")).toEqual([
      "error InvalidValue factory/f.json $.properties.globalParameters.secret.type",
      "error UndeclaredVariable pipeline/pl_decl.json $.properties.activities[0].typeProperties.variableName",
      "error InvalidValue pipeline/pl_decl.json $.properties.activities[1].typeProperties.variableName",
      "error DuplicateName pipeline/pl_decl.json $.properties.parameters.Flag",
      "error InvalidValue pipeline/pl_decl.json $.properties.parameters.count.type",
      "warning InvalidValue pipeline/pl_decl.json $.properties.parameters.flag.defaultValue",
      "error MissingProperty pipeline/pl_decl.json $.properties.parameters.untyped.type",
      "error InvalidValue pipeline/pl_decl.json $.properties.variables.obj.type",
    ]);
  });

  it("broken-many", async () => {
    expect(await problemsOf("broken-many")).toEqual([
      "error MissingReference dataset/ds_files.json $.properties.linkedServiceName.referenceName",
      "warning NestingNotAllowedInAdf pipeline/pl_many.json $.properties.activities[0].typeProperties.activities[0].type",
      "error InvalidExpression pipeline/pl_many.json $.properties.activities[0].typeProperties.activities[0].typeProperties.activities[0].typeProperties.value",
      "error UndeclaredVariable pipeline/pl_many.json $.properties.activities[0].typeProperties.activities[0].typeProperties.activities[0].typeProperties.variableName",
      "error InvalidDependencyCondition pipeline/pl_many.json $.properties.activities[1].dependsOn[0].dependencyConditions[0]",
      "warning TypeNotRunBySluice pipeline/pl_many.json $.properties.activities[1].type",
      "error DuplicateName pipeline/pl_many.json $.properties.activities[2].name",
      "error MissingReference pipeline/pl_many.json $.properties.activities[3].typeProperties.dataset.referenceName",
      "error InvalidValue pipeline/pl_many.json $.properties.parameters.items.type",
      "error MissingReference trigger/tr_daily.json $.properties.pipelines[0].pipelineReference.referenceName",
    ]);
  });

  it("explains what is wrong and where, with the position inside an expression", async () => {
    const { definition } = await readFactory(fixture("broken-expressions"));
    const messages = validateFactory(definition).map((p) => p.message);
    expect(messages).toContain(
      `invalid expression "@concat('a', )" at 1:14: Expected a value, a function call or a string, but found ')'.`,
    );
    expect(messages).toContain(
      `invalid expression "@activity('Ghost').output" at 1:2: activity('Ghost') names an activity that is not in this pipeline`,
    );
    const { definition: deps } = await readFactory(fixture("broken-dependencies"));
    expect(validateFactory(deps).map((p) => p.message)).toContain(
      "activity 'D' depends on 'Inner': 'Inner' is in ForEach 'Loop' (activities), but activity 'D' is in pipeline 'pl_deps'; dependsOn can only name activities in the same container",
    );
  });
});

describe("validateFactory on definitions built in code", () => {
  it("names each resource's git file when the definition has no sources", () => {
    const definition: FactoryDefinition = {
      pipelines: [
        {
          name: "p",
          properties: { activities: [{ name: "w", type: "Wait", typeProperties: {} }] },
        },
      ],
      datasets: [],
      linkedServices: [],
      triggers: [],
      others: [],
    };
    expect(validateFactory(definition).map(brief)).toEqual([
      "error MissingProperty pipeline/p.json $.properties.activities[0].typeProperties",
    ]);
  });
});

describe("the type catalogue", () => {
  it("knows every ADF type and marks what Sluice runs", () => {
    expect(adfActivityTypes).toHaveLength(39);
    const runs = catalogue("activity")
      .filter((entry) => entry.runs)
      .map((entry) => entry.type);
    expect(runs).toEqual([
      "AppendVariable",
      "Copy",
      "Custom",
      "Delete",
      "ExecutePipeline",
      "Fail",
      "Filter",
      "ForEach",
      "GetMetadata",
      "IfCondition",
      "Lookup",
      "Script",
      "SetVariable",
      "Switch",
      "Until",
      "Validation",
      "Wait",
      "WebActivity",
      "WebHook",
    ]);
    expect(lookupType("activity", "DatabricksNotebook")).toMatchObject({
      adf: true,
      runs: false,
      why: expect.stringMatching(/Databricks/),
    });
    expect(
      Object.keys(activityTypesSluiceDoesNotRun).every((type) => adfActivityTypes.includes(type)),
    ).toBe(true);
    expect(lookupType("linkedService", "AzureBatch")).toMatchObject({ adf: true, runs: true });
    expect(lookupType("dataset", "SnowflakeV2Table")).toMatchObject({ adf: true, runs: false });
    expect(lookupType("trigger", "ScheduleTrigger")).toMatchObject({ adf: true, runs: true });
    expect(lookupType("activity", "Foreach")).toEqual({
      kind: "activity",
      type: "Foreach",
      adf: false,
      runs: false,
    });
  });
});
