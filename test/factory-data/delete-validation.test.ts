import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock, systemClock } from "../../src/core/index.js";
import { createDeleteExecutor } from "../../src/factory/activities/delete-activity.js";
import { createValidationExecutor } from "../../src/factory/activities/validation-activity.js";
import { invocationOf, outputOf, resourcesOf } from "../factory-activities/activity-kit.js";
import { dataFolders, dataset, linkedServices, ref, type DataFolders } from "./data-kit.js";

describe("Delete and Validation on file datasets (local)", () => {
  let folders: DataFolders;
  const resources = () =>
    resourcesOf({
      linkedServices: linkedServices(folders.share),
      datasets: [dataset("Bin", "Binary", "Local")],
    });
  const remove = (params: Record<string, string>, extra: Record<string, unknown> = {}) =>
    createDeleteExecutor({ clock: systemClock, localStorageRoot: folders.root }).run(
      invocationOf(
        "Delete",
        { dataset: ref("Bin", params), ...extra },
        { resources: resources(), activityRunId: "del1" },
      ),
    );

  beforeAll(async () => {
    folders = await dataFolders();
    await folders.put("storage/d/keep.csv", "k");
    await folders.put("storage/d/x/a.tmp", "a");
    await folders.put("storage/d/x/b.csv", "b");
    await folders.put("storage/d/x/y/c.tmp", "c");
  });
  afterAll(() => folders.remove());

  it("deletes matching files one level down unless recursive, and logs what it deleted", async () => {
    const flat = outputOf(
      await remove(
        { container: "d", folder: "x" },
        { storeSettings: { wildcardFileName: "*.tmp" } },
      ),
    );
    expect(flat).toMatchObject({ filesDeleted: 1, recursive: false, isWildcardUsed: true });
    expect(await folders.files("storage/d")).toEqual(["keep.csv", "x/b.csv", "x/y/c.tmp"]);
    const deep = outputOf(
      await remove(
        { container: "d", folder: "x" },
        {
          storeSettings: { recursive: true },
          enableLogging: true,
          logStorageSettings: { linkedServiceName: { referenceName: "Share" }, path: "logs" },
        },
      ),
    );
    expect(deep).toMatchObject({ filesDeleted: 2, logPath: "logs/del1" });
    expect(await folders.files("storage/d")).toEqual(["keep.csv"]);
    await expect(stat(join(folders.root, "d/x"))).rejects.toThrow();
    expect(await readFile(join(folders.share, "logs/del1/deleted-files.csv"), "utf8")).toBe(
      "Name,Category,Status,Error\r\nx/b.csv,File,Deleted,\r\nx/y/c.tmp,File,Deleted,\r\n",
    );
  });

  it("deletes a named file, and succeeds with nothing to delete", async () => {
    expect(outputOf(await remove({ container: "d", file: "keep.csv" }))).toMatchObject({
      filesDeleted: 1,
    });
    expect(outputOf(await remove({ container: "d", file: "keep.csv" }))).toMatchObject({
      filesDeleted: 0,
    });
  });

  it("validates a file's minimum size, waiting between checks until the timeout", async () => {
    await folders.put("storage/v/small.txt", "12345");
    const clock = new ManualClock(0);
    const waits: number[] = [];
    const executor = createValidationExecutor({
      clock,
      localStorageRoot: folders.root,
      wait: async (ms) => {
        waits.push(ms);
        clock.advance(ms);
        if (waits.length === 2) await folders.put("storage/v/small.txt", "1234567890");
      },
    });
    const validate = (params: Record<string, string>, extra: Record<string, unknown>) =>
      executor.run(
        invocationOf(
          "Validation",
          { dataset: ref("Bin", params), ...extra },
          { resources: resources() },
        ),
      );
    const grown = await validate(
      { container: "v", file: "small.txt" },
      { minimumSize: 8, sleep: 5, timeout: "00:01:00" },
    );
    expect(grown).toEqual({ status: "Succeeded", output: {} });
    expect(waits).toEqual([5000, 5000]);
    const never = await validate(
      { container: "v", file: "absent.txt" },
      { sleep: 30, timeout: "00:01:00" },
    );
    expect(never.status === "Failed" && never.error.errorCode).toBe("ValidationTimeout");
    expect(waits.slice(2)).toEqual([30_000, 30_000]);
  });

  it("validates folders with childItems true (has items) and false (empty)", async () => {
    await folders.put("storage/v/full/a.txt", "a");
    const executor = createValidationExecutor({
      clock: new ManualClock(0),
      localStorageRoot: folders.root,
      wait: async () => {
        throw new Error("should not wait");
      },
    });
    const validate = (params: Record<string, string>, extra: Record<string, unknown>) =>
      executor.run(
        invocationOf(
          "Validation",
          { dataset: ref("Bin", params), ...extra },
          { resources: resources() },
        ),
      );
    expect((await validate({ container: "v", folder: "full" }, { childItems: true })).status).toBe(
      "Succeeded",
    );
    expect(
      (
        await validate(
          { container: "v", folder: "full" },
          { childItems: false, timeout: "00:00:00" },
        )
      ).status,
    ).toBe("Failed");
    expect((await validate({ container: "v", folder: "full" }, {})).status).toBe("Succeeded");
  });
});
