import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isSluiceError } from "../../src/core/index.js";
import {
  loadArmTemplate,
  loadFactory,
  loadFactoryFolder,
  readArmTemplate,
  readFactory,
  readFactoryFolder,
  type FactoryDefinition,
} from "../../src/factory/index.js";
import { brief, copyFixture, fixture, toBomCrlf } from "./fixtures.js";

const armTemplate = join(fixture("retail-arm"), "ARMTemplateForFactory.json");
const armParameters = join(fixture("retail-arm"), "ARMTemplateParametersForFactory.json");

/** name -> properties of each resource list, to compare two loads of the same factory. */
function byName(definition: FactoryDefinition): Record<string, Record<string, unknown>> {
  const lists = ["pipelines", "datasets", "linkedServices", "triggers"] as const;
  return Object.fromEntries(
    lists.map((list) => [
      list,
      Object.fromEntries(definition[list].map((r) => [r.name, r.properties])),
    ]),
  );
}

describe("loadFactoryFolder", () => {
  it("reads ADF's git layout and ignores files that are not resources", async () => {
    const definition = await loadFactoryFolder(fixture("retail"));
    expect(definition.pipelines.map((p) => p.name)).toEqual(["pl_master", "pl_process_region"]);
    expect(definition.datasets.map((d) => d.name)).toEqual(["ds_landing_folder", "ds_sales_csv"]);
    expect(definition.linkedServices.map((l) => l.name)).toEqual([
      "ls_batch",
      "ls_databricks",
      "ls_local",
      "ls_storage",
    ]);
    expect(definition.triggers.map((t) => t.name)).toEqual(["tr_daily", "tr_hourly_region"]);
    expect(definition.factory?.name).toBe("retail-factory");
    expect(definition.factory?.properties?.globalParameters).toEqual({
      environment: { type: "String", value: "prod" },
      maxParallel: { type: "Int", value: 4 },
    });
    expect(definition.others).toEqual([
      {
        kind: "integrationRuntime",
        name: "ir_selfhosted",
        json: { name: "ir_selfhosted", properties: { type: "SelfHosted", typeProperties: {} } },
      },
    ]);
    expect(definition.sources?.pipelines).toEqual([
      { file: "pipeline/pl_master.json", jsonPath: "$" },
      { file: "pipeline/pl_process_region.json", jsonPath: "$" },
    ]);
  });

  it("reads files saved with a byte order mark and CRLF line ends", async () => {
    const dir = await copyFixture("retail");
    await toBomCrlf(dir);
    expect(await loadFactoryFolder(dir)).toEqual(await loadFactoryFolder(fixture("retail")));
  });

  it("reports every file that is not JSON with its line and column, and loads the rest", async () => {
    const dir = await copyFixture("retail");
    await writeFile(
      join(dir, "pipeline", "broken.json"),
      '\uFEFF{\r\n  "name": "broken",\r\n  "properties": {\r\n    "activities": [,]\r\n  }\r\n}\r\n',
    );
    await writeFile(
      join(dir, "dataset", "truncated.json"),
      '{"name": "truncated", "properties": {',
    );
    await writeFile(join(dir, "trigger", "array.json"), "[]");
    const { definition, problems } = await readFactoryFolder(dir);
    expect(definition.pipelines).toHaveLength(2);
    expect(problems.map((p) => [p.file, p.line, p.column, p.message])).toEqual([
      [
        "dataset/truncated.json",
        1,
        38,
        "invalid JSON at 1:38: expected a property name in double quotes but found the end of the file",
      ],
      ["pipeline/broken.json", 4, 20, "invalid JSON at 4:20: expected a JSON value but found ','"],
      [
        "trigger/array.json",
        undefined,
        undefined,
        'the file must hold a JSON object {"name": ..., "properties": {...}}',
      ],
    ]);
    const error = await loadFactoryFolder(dir).catch((e: unknown) => e);
    expect(isSluiceError(error, "FactoryLoadFailed")).toBe(true);
    expect((error as Error).message).toContain("pipeline/broken.json:$: invalid JSON at 4:20");
    expect((error as { details: { problems: unknown[] } }).details.problems).toHaveLength(3);
  });

  it("keeps other ADF folders as-is, including nested managed private endpoints", async () => {
    const dir = await copyFixture("retail");
    await mkdir(join(dir, "managedVirtualNetwork", "default", "managedPrivateEndpoint"), {
      recursive: true,
    });
    await writeFile(
      join(dir, "managedVirtualNetwork", "default.json"),
      '{"name": "default", "properties": {}}',
    );
    await writeFile(
      join(dir, "managedVirtualNetwork", "default", "managedPrivateEndpoint", "pe_blob.json"),
      '{"name": "pe_blob", "properties": {"groupId": "blob"}}',
    );
    await mkdir(join(dir, "scripts"));
    await writeFile(join(dir, "scripts", "not-a-resource.json"), "not json at all");
    const definition = await loadFactoryFolder(dir);
    expect(definition.others.map((o) => [o.kind, o.name])).toEqual([
      ["integrationRuntime", "ir_selfhosted"],
      ["managedPrivateEndpoint", "pe_blob"],
      ["managedVirtualNetwork", "default"],
    ]);
  });

  it("refuses a path that is not a folder", async () => {
    await expect(loadFactoryFolder(fixture("nope"))).rejects.toMatchObject({
      code: "FactoryLoadFailed",
    });
    await expect(loadFactoryFolder(armTemplate)).rejects.toMatchObject({
      code: "FactoryLoadFailed",
    });
  });
});

describe("loadArmTemplate", () => {
  it("loads the ARM export of a factory as the same resources as its git folder", async () => {
    const fromArm = await loadArmTemplate(armTemplate, armParameters);
    const fromGit = await loadFactoryFolder(fixture("retail"));
    expect(byName(fromArm)).toEqual(byName(fromGit));
    expect(fromArm.factory?.properties?.globalParameters).toEqual(
      fromGit.factory?.properties?.globalParameters,
    );
    expect(fromArm.others.map((o) => [o.kind, o.name])).toEqual([
      ["integrationRuntime", "ir_selfhosted"],
    ]);
    expect(fromArm.sources?.pipelines[0]).toEqual({
      file: armTemplate,
      jsonPath: "$.resources[8]",
    });
  });

  it("turns the [[ escape back into a literal [", async () => {
    const definition = await loadArmTemplate(armTemplate, armParameters);
    const master = definition.pipelines.find((p) => p.name === "pl_master");
    const ifTrue = master?.properties.activities[4]?.typeProperties?.ifTrueActivities as {
      typeProperties: { value: string };
    }[];
    expect(ifTrue[0]?.typeProperties.value).toBe("[done]");
  });

  it("reads parameters without values as empty, with one warning each", async () => {
    const { definition, problems } = await readArmTemplate(armTemplate);
    const storage = definition.linkedServices.find((l) => l.name === "ls_storage");
    expect(storage?.properties.typeProperties?.connectionString).toBe("");
    expect(problems.map(brief)).toEqual([
      `warning ArmParameterMissing ${armTemplate} $.parameters.ls_storage_connectionString`,
    ]);
    expect(problems[0]?.message).toBe(
      "the parameter 'ls_storage_connectionString' (secureString) has no value: it has no defaultValue and no parameters file was given; it reads as empty",
    );
  });

  it("reports ARM expressions it cannot evaluate at their JSON path", async () => {
    const dir = await copyFixture("retail-arm");
    const template = {
      parameters: { factoryName: { type: "string", defaultValue: "f" } },
      variables: { loop: "[variables('loop')]" },
      resources: [
        {
          name: "[concat(parameters('factoryName'), '/p1')]",
          type: "Microsoft.DataFactory/factories/pipelines",
          properties: { activities: [], description: "[resourceGroup().location]" },
        },
        {
          name: "[concat(parameters('factoryName'), '/p2')]",
          type: "Microsoft.DataFactory/factories/pipelines",
          properties: {
            activities: [],
            description: "[concat(parameters('nope'))]",
            annotations: ["[variables('loop')]", "[concat('a', ]"],
          },
        },
        { name: "storage", type: "Microsoft.Storage/storageAccounts", properties: {} },
      ],
    };
    const file = join(dir, "ARMTemplateForFactory.json");
    await writeFile(file, JSON.stringify(template));
    const { problems } = await readArmTemplate(file);
    expect(problems.map((p) => [p.severity, p.jsonPath, p.message])).toEqual([
      [
        "error",
        "$.resources[0].properties.description",
        "the ARM expression [resourceGroup().location] cannot be evaluated (at column 2): the ARM function 'resourceGroup' is not supported by Sluice's template loader",
      ],
      [
        "error",
        "$.resources[1].properties.description",
        "the ARM expression [concat(parameters('nope'))] cannot be evaluated (at column 9): the template declares no parameter 'nope'",
      ],
      [
        "error",
        "$.variables.loop",
        "the ARM expression [variables('loop')] cannot be evaluated (at column 2): the variable 'loop' refers to itself",
      ],
      [
        "error",
        "$.resources[1].properties.annotations[1]",
        "the ARM expression [concat('a', ] cannot be evaluated (at column 14): the expression ends too early",
      ],
      [
        "warning",
        "$.resources[2].type",
        "the resource type Microsoft.Storage/storageAccounts is not a Data Factory resource; it is ignored",
      ],
    ]);
    await expect(loadArmTemplate(file)).rejects.toMatchObject({ code: "FactoryLoadFailed" });
  });
});

describe("readFactory", () => {
  it("tells a git folder, a publish folder and a template file apart", async () => {
    expect((await readFactory(fixture("retail"))).definition.sources?.pipelines[0]?.file).toBe(
      "pipeline/pl_master.json",
    );
    const publish = await readFactory(fixture("retail-arm"));
    expect(publish.problems).toEqual([]);
    expect(publish.definition.sources?.pipelines[0]?.file).toBe(armTemplate);
    expect((await loadFactory(armTemplate)).pipelines).toHaveLength(2);
    await expect(readFactory(fixture("missing"))).rejects.toMatchObject({
      code: "FactoryLoadFailed",
    });
  });
});
