import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTestFactory, type TestFactory } from "../../src/testing/index.js";

// An expression in the typeProperties of an activity that is not instant (Wait, Execute
// Pipeline, Web, Lookup...) that fails to evaluate fails that activity with InvalidTemplate,
// as ADF does: its Upon Failure path runs and the rest of the pipeline goes on.
describe("an activity whose typeProperties expression fails", () => {
  let folder: string;
  let factory: TestFactory;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "sluice-input-failure-"));
    await mkdir(join(folder, "pipeline"));
    const pipelines = {
      wait_fails: [
        {
          name: "Pause",
          type: "Wait",
          typeProperties: {
            waitTimeInSeconds: { value: "@int('abc')", type: "Expression" },
          },
        },
        {
          name: "Handle",
          type: "Wait",
          dependsOn: [{ activity: "Pause", dependencyConditions: ["Failed"] }],
          typeProperties: { waitTimeInSeconds: 1 },
        },
      ],
      loop_fails: [
        {
          name: "Each",
          type: "ForEach",
          typeProperties: {
            items: { value: "@createArray('a','b')", type: "Expression" },
            activities: [
              {
                name: "Call",
                type: "ExecutePipeline",
                typeProperties: {
                  pipeline: {
                    referenceName: "child",
                    type: "PipelineReference",
                  },
                  waitOnCompletion: true,
                  parameters: {
                    x: { value: "@item().missing", type: "Expression" },
                  },
                },
              },
            ],
          },
        },
      ],
      child: [{ name: "Nap", type: "Wait", typeProperties: { waitTimeInSeconds: 1 } }],
    };
    for (const [name, activities] of Object.entries(pipelines)) {
      const properties =
        name === "child" ? { activities, parameters: { x: { type: "string" } } } : { activities };
      await writeFile(
        join(folder, "pipeline", `${name}.json`),
        JSON.stringify({ name, properties }),
      );
    }
    factory = await loadTestFactory(folder);
  });
  afterAll(async () => {
    await factory?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it("fails the activity with InvalidTemplate and runs its Upon Failure path", async () => {
    const run = await factory.run("wait_fails");
    expect(run.activity("Pause").status).toBe("Failed");
    expect(run.activity("Pause").error?.errorCode).toBe("InvalidTemplate");
    expect(run.activity("Handle").status).toBe("Succeeded");
    expect(run.status).toBe("Succeeded");
  });

  it("fails each ForEach iteration's Execute Pipeline, and the ForEach with it", async () => {
    const run = await factory.run("loop_fails");
    expect(run.activities("Call").map((a) => [a.status, a.error?.errorCode])).toEqual([
      ["Failed", "InvalidTemplate"],
      ["Failed", "InvalidTemplate"],
    ]);
    expect(run.activity("Each").error?.message).toMatch(
      /^Activity failed because an inner activity failed; Inner activity name: Call, Error: /,
    );
    expect(run.children.size).toBe(0);
  });
});
