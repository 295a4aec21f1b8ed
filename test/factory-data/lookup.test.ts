import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLookupExecutor } from "../../src/factory/activities/lookup-activity.js";
import { invocationOf, outputOf, resourcesOf } from "../factory-activities/activity-kit.js";
import { dataFolders, dataset, linkedServices, ref, type DataFolders } from "./data-kit.js";

describe("Lookup on file datasets (local)", () => {
  let folders: DataFolders;
  const lookup = (
    name: string,
    params: Record<string, string>,
    extra: Record<string, unknown> = {},
  ) =>
    createLookupExecutor({ localStorageRoot: folders.root, tempRoot: folders.temp }).run(
      invocationOf(
        "Lookup",
        { dataset: ref(name, params), ...extra },
        {
          resources: resourcesOf({
            linkedServices: linkedServices(folders.share),
            datasets: [
              dataset("Csv", "DelimitedText", "Local", { firstRowAsHeader: true }),
              dataset("Json", "Json", "Share"),
            ],
          }),
        },
      ),
    );

  beforeAll(async () => {
    folders = await dataFolders();
    await folders.put(
      "storage/cfg/tables.csv",
      "schema,table,watermark\r\ndbo,orders,2024-01-01\r\ndbo,items,\r\n",
    );
    await folders.put(
      "share/cfg/a.json",
      '{"id":1,"big":12345678901234567890,"tags":["x"]}\n{"id":2,"big":1,"tags":[]}\n',
    );
    await folders.put(
      "storage/big/rows.csv",
      `n\r\n${Array.from({ length: 6000 }, (_, i) => i).join("\r\n")}\r\n`,
    );
    await folders.put(
      "storage/wide/rows.csv",
      `t\r\n${Array.from({ length: 3000 }, () => "y".repeat(2000)).join("\r\n")}\r\n`,
    );
  });
  afterAll(() => folders.remove());

  it("gives the first row by default, as text for CSV", async () => {
    expect(outputOf(await lookup("Csv", { container: "cfg", file: "tables.csv" }))).toEqual({
      firstRow: { schema: "dbo", table: "orders", watermark: "2024-01-01" },
    });
  });

  it("gives count and value with firstRowOnly false, keeping JSON types", async () => {
    expect(
      outputOf(
        await lookup("Csv", { container: "cfg", file: "tables.csv" }, { firstRowOnly: false }),
      ),
    ).toEqual({
      count: 2,
      value: [
        { schema: "dbo", table: "orders", watermark: "2024-01-01" },
        { schema: "dbo", table: "items", watermark: null },
      ],
    });
    const json = outputOf(await lookup("Json", { folder: "cfg" }, { firstRowOnly: false }));
    expect(json).toMatchObject({
      count: 2,
      value: [
        { id: 1, tags: ["x"] },
        { id: 2, big: 1, tags: [] },
      ],
    });
  });

  it("returns at most 5,000 rows and fails past 4 MB", async () => {
    const many = outputOf(
      await lookup("Csv", { container: "big", file: "rows.csv" }, { firstRowOnly: false }),
    );
    expect(many.count).toBe(5000);
    const wide = await lookup(
      "Csv",
      { container: "wide", file: "rows.csv" },
      { firstRowOnly: false },
    );
    expect(wide.status).toBe("Failed");
    if (wide.status === "Failed") expect(wide.error.message).toContain("4 MB");
  });

  it("fails a missing file with ADF's file-not-found error", async () => {
    const missing = await lookup("Csv", { container: "cfg", file: "none.csv" });
    expect(missing.status === "Failed" && missing.error.message).toContain("UserErrorFileNotFound");
  });
});
