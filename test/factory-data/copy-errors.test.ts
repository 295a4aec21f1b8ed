import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/core/index.js";
import { createCopyExecutor } from "../../src/factory/activities/copy-activity.js";
import { createLookupExecutor } from "../../src/factory/activities/lookup-activity.js";
import { invocationOf, outputOf, resourcesOf } from "../factory-activities/activity-kit.js";
import {
  copyOf,
  dataFolders,
  dataset,
  duckRows,
  linkedServices,
  ref,
  type DataFolders,
} from "./data-kit.js";

describe("Copy failures, skipped rows and encodings (local)", () => {
  let folders: DataFolders;
  const defs = () => ({
    linkedServices: linkedServices(folders.share),
    datasets: [
      dataset("Csv", "DelimitedText", "Local", { firstRowAsHeader: true }),
      dataset("Latin", "DelimitedText", "Local", {
        firstRowAsHeader: true,
        encodingName: "ISO-8859-1",
      }),
      dataset("Parquet", "Parquet", "Local"),
      dataset("Bin", "Binary", "Local"),
      dataset("Orc", "Orc", "Local"),
    ],
  });
  const executor = () =>
    createCopyExecutor({
      clock: systemClock,
      localStorageRoot: folders.root,
      tempRoot: folders.temp,
    });
  const typed = {
    translator: {
      type: "TabularTranslator",
      mappings: [
        { source: { name: "id" }, sink: { name: "id", type: "Int32" } },
        { source: { name: "name" }, sink: { name: "name", type: "String" } },
      ],
    },
  };
  const failure = (outcome: Awaited<ReturnType<ReturnType<typeof executor>["run"]>>) => {
    if (outcome.status !== "Failed")
      throw new Error(`expected a failure: ${JSON.stringify(outcome)}`);
    return outcome.error;
  };

  beforeAll(async () => {
    folders = await dataFolders();
    await folders.put("storage/in/good.csv", "id,name\n1,a\n2,b\n");
    await folders.put("storage/in/ragged.csv", "id,name\n1,a\n2,b,extra\n3,c\n");
    await folders.put("storage/in/badint.csv", "id,name\n1,a\nx2,b\n3,c\n");
    await folders.put("storage/latin/l.csv", Buffer.from("id,name\n1,Jos\xe9\n", "latin1"));
  });
  afterAll(() => folders.remove());

  it("fails a missing source file with ADF's error and writes nothing", async () => {
    const error = failure(
      await executor().run(
        copyOf(
          defs(),
          ref("Csv", { container: "in", file: "nope.csv" }),
          ref("Parquet", { container: "out1" }),
        ),
      ),
    );
    expect(error).toMatchObject({ errorCode: "2200", failureType: "UserError", target: "MyCopy" });
    expect(error.message).toContain("ErrorCode=UserErrorFileNotFound");
    expect(error.message).toContain("'nope.csv'");
    expect(await folders.files("storage/out1")).toEqual([]);
  });

  it("fails on a malformed CSV row, naming the line, and leaves no partial file", async () => {
    const error = failure(
      await executor().run(
        copyOf(
          defs(),
          ref("Csv", { container: "in", file: "ragged.csv" }),
          ref("Parquet", { container: "out2" }),
        ),
      ),
    );
    expect(error.message).toContain("ErrorCode=DelimitedTextMoreColumnsThanDefined");
    expect(error.message).toContain("Line: 3");
    expect(error.message).not.toContain(folders.temp);
    expect(await folders.files("storage/out2")).toEqual([]);
  });

  it("fails a value that cannot convert, and leaves no partial file", async () => {
    const error = failure(
      await executor().run(
        copyOf(
          defs(),
          ref("Csv", { container: "in", file: "badint.csv" }),
          ref("Parquet", { container: "out3" }),
          typed,
        ),
      ),
    );
    expect(error.message).toContain(
      "Failure happened on 'Sink' side. ErrorCode=TypeConversionFailure",
    );
    expect(error.message).toContain("x2");
    expect(await folders.files("storage/out3")).toEqual([]);
  });

  it("skips incompatible rows when asked, counts them and logs them", async () => {
    const props = {
      ...typed,
      enableSkipIncompatibleRow: true,
      redirectIncompatibleRowSettings: {
        linkedServiceName: { referenceName: "Share", type: "LinkedServiceReference" },
        path: "logs",
      },
    };
    const ragged = outputOf(
      await executor().run(
        copyOf(
          defs(),
          ref("Csv", { container: "in", file: "ragged.csv" }),
          ref("Parquet", { container: "out4", file: "r.parquet" }),
          props,
          { activityRunId: "r1" },
        ),
      ),
    );
    expect(ragged).toMatchObject({
      rowsRead: 3,
      rowsCopied: 2,
      rowsSkipped: 1,
      redirectRowPath: "logs/copyactivity-logs/MyCopy/r1",
    });
    const bad = outputOf(
      await executor().run(
        copyOf(
          defs(),
          ref("Csv", { container: "in", file: "badint.csv" }),
          ref("Parquet", { container: "out4", file: "b.parquet" }),
          props,
          { activityRunId: "r2" },
        ),
      ),
    );
    expect(bad).toMatchObject({ rowsRead: 3, rowsCopied: 2, rowsSkipped: 1 });
    expect(
      await duckRows(
        `SELECT id FROM read_parquet('${join(folders.root, "out4/b.parquet")}') ORDER BY id`,
      ),
    ).toEqual([{ id: 1 }, { id: 3 }]);
    const log1 = await readFile(
      join(folders.share, "logs/copyactivity-logs/MyCopy/r1/incompatiblerows.csv"),
      "utf8",
    );
    expect(log1.split("\r\n")[0]).toBe("Timestamp,Level,OperationName,OperationItem,Message");
    expect(log1).toContain("TabularRowSkip");
    expect(log1).toContain("ragged.csv:3: 2,b,extra");
    const log2 = await readFile(
      join(folders.share, "logs/copyactivity-logs/MyCopy/r2/incompatiblerows.csv"),
      "utf8",
    );
    expect(log2).toContain("x2");
  });

  it("refuses a Binary to DelimitedText copy with a clear error", async () => {
    const error = failure(
      await executor().run(
        copyOf(
          defs(),
          ref("Bin", { container: "in", file: "good.csv" }),
          ref("Csv", { container: "out5" }),
        ),
      ),
    );
    expect(error.message).toContain("UserErrorBinaryCopyFormatMismatch");
    expect(error.message).toContain("Binary");
  });

  it("refuses Orc as a Copy source or sink and in a Lookup, naming it and what is supported", async () => {
    await folders.put("storage/orc/t.orc", "ORC");
    const refused =
      /type 'Orc'.*no maintained ORC library.*supported: DelimitedText, Json, Parquet, Avro, Binary/u;
    await expect(
      executor().run(
        copyOf(
          defs(),
          ref("Orc", { container: "orc", file: "t.orc" }),
          ref("Csv", { container: "out7" }),
        ),
      ),
    ).rejects.toThrow(refused);
    await expect(
      executor().run(
        copyOf(
          defs(),
          ref("Csv", { container: "in", file: "good.csv" }),
          ref("Orc", { container: "out7", file: "t.orc" }),
        ),
      ),
    ).rejects.toThrow(refused);
    expect(await folders.files("storage/out7")).toEqual([]);
    const lookup = createLookupExecutor({ localStorageRoot: folders.root, tempRoot: folders.temp });
    await expect(
      lookup.run(
        invocationOf(
          "Lookup",
          { dataset: ref("Orc", { container: "orc", file: "t.orc" }) },
          { resources: resourcesOf(defs()) },
        ),
      ),
    ).rejects.toThrow(refused);
  });

  it("reads ISO-8859-1 text and writes UTF-8", async () => {
    const outcome = await executor().run(
      copyOf(
        defs(),
        ref("Latin", { container: "latin", file: "l.csv" }),
        ref("Csv", { container: "out6", file: "u.csv" }),
      ),
    );
    expect(outputOf(outcome).rowsCopied).toBe(1);
    expect(await readFile(join(folders.root, "out6/u.csv"), "utf8")).toBe("id,name\r\n1,José\r\n");
  });
});
