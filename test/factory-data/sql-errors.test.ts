import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/core/index.js";
import { createCopyExecutor } from "../../src/factory/activities/copy-activity.js";
import type { ActivityOutcome } from "../../src/factory/index.js";
import { freeLoopbackPort } from "../support/embedded-postgres-server.js";
import { copyOf, dataFolders, dataset, linkedServices, ref, type DataFolders } from "./data-kit.js";
import { mysqlStore, postgresStore, sqlLinkedService, tableDataset } from "./sql-kit.js";
import type { SqlStore } from "./sql-kit.js";

const engines = [
  ["PostgreSQL (embedded)", postgresStore],
  ["MariaDB (Debian)", mysqlStore],
] as const;

describe.each(engines)("SQL store failures: %s", (_name, start) => {
  let store: SqlStore;
  let folders: DataFolders;
  let deadPort = 0;
  const wrongPassword = "not-the-Secret-42";
  const copy = (
    input: object,
    output: object,
    props: Record<string, unknown> = {},
    service = sqlLinkedService(store),
  ) =>
    createCopyExecutor({
      clock: systemClock,
      localStorageRoot: folders.root,
      tempRoot: folders.temp,
    }).run(
      copyOf(
        {
          linkedServices: [...linkedServices(folders.share), service],
          datasets: [
            dataset("Csv", "DelimitedText", "Local", { firstRowAsHeader: true }),
            tableDataset(store),
          ],
        },
        input as never,
        output as never,
        props,
      ),
    );
  const failure = (outcome: ActivityOutcome) => {
    if (outcome.status !== "Failed")
      throw new Error(`expected a failure: ${JSON.stringify(outcome)}`);
    return outcome.error;
  };

  beforeAll(async () => {
    store = await start();
    folders = await dataFolders();
    deadPort = await freeLoopbackPort();
    await folders.put("storage/in/a.csv", "id,label\n1,one\n");
    await store.query("CREATE TABLE target (id integer, name varchar(10))");
  }, 120_000);
  afterAll(async () => {
    await store?.stop();
    await folders?.remove();
  });

  it("fails a wrong password as a user error that never shows the password", async () => {
    const error = failure(
      await copy(
        ref("Table", { table: "target" }),
        ref("Csv", { container: "out", file: "x.csv" }),
        {},
        sqlLinkedService(store, { password: wrongPassword }),
      ),
    );
    expect(error).toMatchObject({ errorCode: "2200", failureType: "UserError" });
    expect(error.message).toContain(
      "Failure happened on 'Source' side. ErrorCode=SqlFailedToConnect",
    );
    expect(error.message).toContain(`user '${store.user}'`);
    expect(JSON.stringify(error)).not.toContain(wrongPassword);
    expect(await folders.files("storage/out")).toEqual([]);
  });

  it("fails an unreachable server as a system error naming the server", async () => {
    const error = failure(
      await copy(
        ref("Csv", { container: "in", file: "a.csv" }),
        ref("Table", { table: "target" }),
        {},
        sqlLinkedService(store, { port: deadPort }),
      ),
    );
    expect(error).toMatchObject({ errorCode: "2200", failureType: "SystemError" });
    expect(error.message).toContain(
      "Failure happened on 'Sink' side. ErrorCode=SqlFailedToConnect",
    );
    expect(error.message).toContain(`127.0.0.1:${deadPort}`);
  });

  it("fails bad SQL in the source query with SqlOperationFailed", async () => {
    const error = failure(
      await copy(ref("Table"), ref("Csv", { container: "out", file: "y.csv" }), {
        source: { query: "SELECT nothing FROM nowhere" },
      }),
    );
    expect(error.message).toContain(
      "Failure happened on 'Source' side. ErrorCode=SqlOperationFailed",
    );
    expect(error.message).toContain("nowhere");
    expect(await folders.files("storage/out")).toEqual([]);
  });

  it("names a sink column the table lacks, and the table's columns", async () => {
    const error = failure(
      await copy(ref("Csv", { container: "in", file: "a.csv" }), ref("Table", { table: "target" })),
    );
    expect(error.message).toContain("ErrorCode=UserErrorInvalidColumnMappingColumnNotFound");
    expect(error.message).toContain("'label'");
    expect(error.message).toContain("id, name");
    expect(await store.query("SELECT * FROM target")).toEqual([]);
  });

  it("refuses settings ADF does not have for these sinks before touching the table", async () => {
    await expect(
      copy(ref("Csv", { container: "in", file: "a.csv" }), ref("Table", { table: "target" }), {
        sink: { tableOption: "autoCreate" },
      }),
    ).rejects.toThrow(/tableOption 'autoCreate'/u);
    await expect(
      copy(ref("Csv", { container: "in", file: "a.csv" }), ref("Table", { table: "target" }), {
        sink: { writeMethod: "Upsert" },
      }),
    ).rejects.toThrow(/upsertSettings\.keys/u);
  });
});
