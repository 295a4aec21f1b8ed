import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTestFactory, type TestFactory } from "../../src/testing/index.js";

// ADF's system variables page: trigger-related date/times are UTC ISO 8601 with seven
// fractional digits, for example 2017-06-01T22:20:00.4061448Z. Pipelines build file names
// and folder paths from them, so the text itself must match.
describe("pipeline() system date/times", () => {
  let folder: string;
  let factory: TestFactory;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "sluice-system-variables-"));
    await mkdir(join(folder, "pipeline"));
    const pipeline = {
      name: "stamp",
      properties: {
        variables: { at: { type: "String" }, day: { type: "String" } },
        activities: [
          {
            name: "Keep time",
            type: "SetVariable",
            typeProperties: { variableName: "at", value: "@{pipeline().TriggerTime}" },
          },
          {
            name: "Keep day",
            type: "SetVariable",
            typeProperties: {
              variableName: "day",
              value: {
                value: "@formatDateTime(pipeline().TriggerTime, 'yyyy-MM-dd')",
                type: "Expression",
              },
            },
          },
        ],
      },
    };
    await writeFile(join(folder, "pipeline", "stamp.json"), JSON.stringify(pipeline));
    factory = await loadTestFactory(folder);
  });
  afterAll(async () => {
    await factory?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it("gives TriggerTime with seven fractional digits, as utcNow() does", async () => {
    const before = Date.now();
    const run = await factory.run("stamp");
    expect(run.status).toBe("Succeeded");
    const at = String(run.variables.at);
    expect(at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
    expect(Date.parse(at)).toBeGreaterThanOrEqual(before - 1000);
    expect(run.variables.day).toBe(at.slice(0, 10));
  });
});
