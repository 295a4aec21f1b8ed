import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readFactory, validateFactory, type FactoryDefinition } from "../../src/factory/index.js";
import { brief } from "./fixtures.js";

// Shapes found in public ADF factories (git layout and ARM exports), reduced to the construct
// that matters: validate must accept what ADF accepts and say precisely what it refuses.

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Writes `files` (path → JSON) as a factory folder, with a BOM and CRLF as Windows saves them. */
async function factoryFolder(files: Record<string, unknown>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "sluice-fidelity-"));
  folders.push(dir);
  for (const [path, json] of Object.entries(files)) {
    await mkdir(join(dir, path, ".."), { recursive: true });
    const text = JSON.stringify(json, null, "\t").replace(/\n/g, "\r\n");
    await writeFile(join(dir, path), `\uFEFF${text}`);
  }
  return dir;
}

function pipelineOf(name: string, activities: unknown[], extra: object = {}): FactoryDefinition {
  return {
    pipelines: [{ name, properties: { activities, ...extra } }],
    datasets: [],
    linkedServices: [],
    triggers: [],
    others: [],
  } as FactoryDefinition;
}

const wait = (name: string, dependsOn: unknown[] = []): unknown => ({
  name,
  type: "Wait",
  dependsOn,
  typeProperties: { waitTimeInSeconds: 1 },
});

describe("validate accepts what ADF Studio saves", () => {
  it("takes names with spaces, folders, userProperties, inactive activities and expression policies", async () => {
    const dir = await factoryFolder({
      "pipeline/Load Sales Data.json": {
        name: "Load Sales Data",
        properties: {
          description: "d",
          concurrency: 1,
          folder: { name: "Ingest/Sales" },
          annotations: ["nightly"],
          parameters: { retries: { type: "int", defaultValue: 1 } },
          policy: { elapsedTimeMetric: {} },
          lastPublishTime: "2024-04-06T20:50:15Z",
          activities: [
            {
              ...(wait("Wait 1") as object),
              state: "Inactive",
              onInactiveMarkAs: "Succeeded",
              userProperties: [{ name: "source", value: "@pipeline().RunId" }],
            },
            {
              ...(wait("Wait 2", [
                { activity: "Wait 1", dependencyConditions: ["Succeeded"] },
              ]) as object),
              description: "second",
              policy: {
                timeout: "12:00:00",
                retry: { value: "@pipeline().parameters.retries", type: "Expression" },
                retryIntervalInSeconds: 30,
                secureOutput: false,
                secureInput: false,
              },
            },
          ],
        },
        type: "Microsoft.DataFactory/factories/pipelines",
      },
    });
    const { definition, problems } = await readFactory(dir);
    expect(problems).toEqual([]);
    expect(validateFactory(definition)).toEqual([]);
  });

  it("does not warn about an AzureKeyVault linked service, which Key Vault references use", async () => {
    const dir = await factoryFolder({
      "linkedService/KeyVault.json": {
        name: "KeyVault",
        properties: {
          type: "AzureKeyVault",
          typeProperties: { baseUrl: "https://kv.vault.azure.net/" },
        },
      },
    });
    const { definition } = await readFactory(dir);
    expect(validateFactory(definition)).toEqual([]);
  });
});

describe("validate reports dependsOn mistakes precisely", () => {
  it("calls a name that differs from a sibling only in case a case slip, naming the sibling", () => {
    const definition = pipelineOf("p", [
      wait("Copy Step"),
      wait("After", [{ activity: "copy step", dependencyConditions: ["Succeeded"] }]),
    ]);
    const problems = validateFactory(definition);
    expect(problems.map(brief)).toEqual([
      "error DependencyNotSibling pipeline/p.json $.properties.activities[1].dependsOn[0].activity",
    ]);
    expect(problems[0]?.message).toBe(
      "activity 'After' depends on 'copy step': no activity 'copy step' exists in pipeline 'p'; did you mean 'Copy Step'? (dependsOn must spell the name exactly, case included)",
    );
  });

  it("still says which container holds an activity named from another one", () => {
    const definition = pipelineOf("p", [
      {
        name: "Branch",
        type: "IfCondition",
        typeProperties: {
          expression: { value: "@true", type: "Expression" },
          ifTrueActivities: [wait("Inner")],
        },
      },
      wait("After", [{ activity: "inner", dependencyConditions: ["Succeeded"] }]),
    ]);
    expect(validateFactory(definition).map((p) => p.message)).toEqual([
      "activity 'After' depends on 'inner': 'inner' is in IfCondition 'Branch' (ifTrueActivities), but activity 'After' is in pipeline 'p'; dependsOn can only name activities in the same container",
    ]);
  });
});

describe("validate checks ADF's limits on control activities", () => {
  const forEach = (batchCount: unknown): unknown => ({
    name: "Loop",
    type: "ForEach",
    typeProperties: {
      batchCount,
      items: { value: "@createArray(1, 2)", type: "Expression" },
      activities: [wait("Step")],
    },
  });

  it("refuses a ForEach batchCount outside 1..50, as ADF does at publish", () => {
    for (const bad of [0, 60, 2.5, "many"]) {
      const problems = validateFactory(pipelineOf("p", [forEach(bad)]));
      expect(problems.map(brief)).toEqual([
        "error InvalidValue pipeline/p.json $.properties.activities[0].typeProperties.batchCount",
      ]);
      expect(problems[0]?.message).toBe(
        `activity 'Loop' in pipeline 'p' has batchCount ${JSON.stringify(bad)}; ADF allows a whole number from 1 to 50`,
      );
    }
    for (const good of [1, 50, "20"]) {
      expect(validateFactory(pipelineOf("p", [forEach(good)]))).toEqual([]);
    }
  });

  it("warns past 25 Switch cases, ADF's documented limit", () => {
    const cases = (count: number): unknown[] =>
      Array.from({ length: count }, (_, i) => ({ value: String(i), activities: [wait(`W${i}`)] }));
    const switchOf = (count: number): FactoryDefinition =>
      pipelineOf("p", [
        {
          name: "Route",
          type: "Switch",
          typeProperties: { on: "@string(1)", cases: cases(count) },
        },
      ]);
    expect(validateFactory(switchOf(25))).toEqual([]);
    expect(validateFactory(switchOf(26)).map((p) => `${brief(p)} ${p.message}`)).toEqual([
      "warning InvalidValue pipeline/p.json $.properties.activities[0].typeProperties.cases activity 'Route' in pipeline 'p' has 26 cases: Sluice runs this, but ADF allows at most 25",
    ]);
  });

  it("says a Switch written with `expression`, as ADF's Switch page shows it, needs `on`", () => {
    const definition = pipelineOf("p", [
      {
        name: "Route",
        type: "Switch",
        typeProperties: {
          expression: { value: "@pipeline().RunId", type: "Expression" },
          cases: [{ value: "1", activities: [wait("One")] }],
        },
      },
    ]);
    expect(validateFactory(definition).map((p) => p.message)).toEqual([
      "activity 'Route' in pipeline 'p' (Switch) needs typeProperties.on (a Switch takes its expression in 'on', not 'expression')",
    ]);
  });
});

describe("validate warns where an activity reads an activity it does not come after", () => {
  const setFrom = (name: string, source: string, dependsOn: unknown[] = []): unknown => ({
    name,
    type: "SetVariable",
    dependsOn,
    typeProperties: { variableName: "v", value: `@{activity('${source}').output}` },
  });
  const withVariable = (activities: unknown[]): FactoryDefinition =>
    pipelineOf("p", activities, { variables: { v: { type: "String" } } });
  const after = (name: string): unknown[] => [
    { activity: name, dependencyConditions: ["Succeeded"] },
  ];

  it("warns for a parallel sibling and for an activity inside a ForEach read from outside", () => {
    const definition = withVariable([
      wait("A"),
      setFrom("B", "A"),
      {
        name: "Loop",
        type: "ForEach",
        dependsOn: after("A"),
        typeProperties: { items: "@createArray(1)", activities: [wait("Inner")] },
      },
      setFrom("D", "Inner", after("Loop")),
    ]);
    expect(validateFactory(definition).map((p) => `${brief(p)} ${p.message}`)).toEqual([
      "warning InvalidExpression pipeline/p.json $.properties.activities[1] activity 'B' reads activity('A'), but does not depend on it (directly, through other activities, or through the control activity around it): the expression fails unless 'A' has already finished",
      "warning InvalidExpression pipeline/p.json $.properties.activities[3] activity 'D' reads activity('Inner'), but does not depend on it (directly, through other activities, or through the control activity around it): the expression fails unless 'Inner' has already finished",
    ]);
  });

  it("accepts upstream activities reached through a chain, a container, or an Until's own body", () => {
    const definition = withVariable([
      wait("A"),
      wait("B", after("A")),
      setFrom("C", "A", after("B")),
      {
        name: "Branch",
        type: "IfCondition",
        dependsOn: after("C"),
        typeProperties: {
          expression: { value: "@equals(activity('C').output.value, 'x')", type: "Expression" },
          ifTrueActivities: [setFrom("InBranch", "A")],
        },
      },
      {
        name: "Poll",
        type: "Until",
        typeProperties: {
          expression: { value: "@equals(activity('Check').output, 1)", type: "Expression" },
          activities: [wait("Check")],
        },
      },
    ]);
    expect(validateFactory(definition)).toEqual([]);
  });
});

describe("validate says which settings deploy but fail at run time", () => {
  it("warns about GetMetadata's structure and columnCount of a Binary file, naming each", () => {
    const definition: FactoryDefinition = {
      ...pipelineOf("p", [
        {
          name: "Meta",
          type: "GetMetadata",
          typeProperties: {
            dataset: { referenceName: "Files", type: "DatasetReference" },
            fieldList: ["exists", "columnCount", "Structure"],
          },
        },
      ]),
      datasets: [
        {
          name: "Files",
          properties: {
            type: "Binary",
            linkedServiceName: { referenceName: "Local", type: "LinkedServiceReference" },
            typeProperties: { location: { type: "FileServerLocation", folderPath: "in" } },
          },
        },
      ],
      linkedServices: [
        { name: "Local", properties: { type: "FileServer", typeProperties: { host: "/tmp" } } },
      ],
    } as FactoryDefinition;
    expect(validateFactory(definition).map((p) => `${brief(p)} ${p.message}`)).toEqual([
      "warning InvalidValue pipeline/p.json $.properties.activities[0].typeProperties.fieldList[1] activity 'Meta' in pipeline 'p' asks GetMetadata for 'columnCount' of a Binary file, which has no columns (as in ADF, structure and columnCount are for DelimitedText, Parquet and Avro files and SQL tables); the pipeline deploys, and running this activity fails it",
      "warning InvalidValue pipeline/p.json $.properties.activities[0].typeProperties.fieldList[2] activity 'Meta' in pipeline 'p' asks GetMetadata for 'Structure' of a Binary file, which has no columns (as in ADF, structure and columnCount are for DelimitedText, Parquet and Avro files and SQL tables); the pipeline deploys, and running this activity fails it",
    ]);
  });

  it("does not warn for a SQL table dataset, whose structure Sluice reads", () => {
    const definition = {
      ...pipelineOf("p", [
        {
          name: "Meta",
          type: "GetMetadata",
          typeProperties: {
            dataset: { referenceName: "Orders", type: "DatasetReference" },
            fieldList: ["columnCount", "structure"],
          },
        },
      ]),
      datasets: [
        {
          name: "Orders",
          properties: {
            type: "PostgreSqlV2Table",
            linkedServiceName: { referenceName: "Pg", type: "LinkedServiceReference" },
            typeProperties: { schema: "public", table: "orders" },
          },
        },
      ],
      linkedServices: [
        {
          name: "Pg",
          properties: {
            type: "PostgreSqlV2",
            typeProperties: { server: "localhost", database: "d", username: "u" },
          },
        },
      ],
    } as FactoryDefinition;
    expect(validateFactory(definition)).toEqual([]);
  });
});
