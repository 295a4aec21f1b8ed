import { beforeAll, beforeEach, expect, it } from "vitest";
import type {
  ActivityRunQuery,
  ActivityRunRecord,
  Database,
  NewActivityRun,
} from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import {
  errorCode,
  freshFactoryStores,
  newRun,
  start,
  type FactoryStores,
} from "./factory-fixtures.js";

/** `count` iterations of a ForEach's inner activity, each in its own scope. */
function iterations(
  count: number,
  overrides: (index: number) => Partial<NewActivityRun> = () => ({}),
): NewActivityRun[] {
  return Array.from({ length: count }, (_, index) => ({
    activityName: "Process",
    activityType: "Custom",
    scopePath: `ForEach1[${index}]`,
    iterationIndex: index,
    input: { item: index },
    ...overrides(index),
  }));
}

describeEachDialect("ActivityRunStore", (target) => {
  let database: Database;
  let stores: FactoryStores;
  let runId: string;

  beforeAll(async () => {
    database = await target.open();
  });

  beforeEach(async () => {
    stores = await freshFactoryStores(database);
    runId = (await stores.runs.create(newRun("Main", { status: "InProgress" }))).runId;
  });

  async function allPages(
    query: ActivityRunQuery,
    maxResults: number,
  ): Promise<{ items: ActivityRunRecord[]; pages: number }> {
    const items: ActivityRunRecord[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await stores.activities.query(runId, {
        ...query,
        maxResults,
        ...(token ? { continuationToken: token } : {}),
      });
      items.push(...page.items);
      token = page.continuationToken;
      pages += 1;
    } while (token !== undefined);
    return { items, pages };
  }

  it("creates activity runs with ADF's fields and defaults, and reads them back", async () => {
    const error = {
      errorCode: "2011",
      message: "exit 1",
      failureType: "UserError",
      target: "Run",
      details: [],
    };
    const [wait, custom] = await stores.activities.createMany(runId.toUpperCase(), [
      { activityName: "Wait1", activityType: "Wait" },
      {
        activityName: "Run",
        activityType: "Custom",
        status: "Failed",
        inactive: false,
        linkedServiceName: "Batch",
        input: { command: "python run.py", secureInput: false },
        output: { exitcode: 1, outputs: ["adfjobs/x/output/stdout.txt"] },
        error,
        retryAttempt: 2,
        activityRunEnd: start + 900,
        durationInMs: 900,
        scopePath: "ForEach1[3]/If1.true",
        iterationIndex: 3,
        batchTask: { jobId: "adf-job", taskId: "Task-7" },
        userProperties: { team: "data" },
        engineState: { attempt: 2 },
      },
    ]);
    expect(wait).toMatchObject({
      pipelineRunId: runId,
      activityName: "Wait1",
      activityType: "Wait",
      status: "Queued",
      inactive: false,
      linkedServiceName: null,
      input: {},
      output: null,
      error: null,
      retryAttempt: null,
      activityRunStart: start,
      activityRunEnd: null,
      durationInMs: null,
      scopePath: "",
      iterationIndex: null,
      batchTask: null,
      userProperties: {},
      engineState: null,
      lastUpdated: start,
      creationTime: start,
    });
    expect(custom).toMatchObject({
      status: "Failed",
      error,
      retryAttempt: 2,
      scopePath: "ForEach1[3]/If1.true",
      iterationIndex: 3,
      batchTask: { jobId: "adf-job", taskId: "Task-7" },
    });
    expect(await stores.activities.get(custom?.activityRunId.toUpperCase() ?? "")).toEqual(custom);
    expect(await errorCode(stores.activities.get("00000000-0000-4000-8000-000000000000"))).toBe(
      "StoreNotFound",
    );
  });

  it("creates all or none: an unknown pipeline run or a taken id stores nothing", async () => {
    expect(
      await errorCode(
        stores.activities.createMany("00000000-0000-4000-8000-000000000000", iterations(2)),
      ),
    ).toBe("StoreNotFound");
    const [first] = await stores.activities.createMany(runId, iterations(1));
    // 700 rows: the taken id is in the second INSERT, after the first one's 500 rows.
    const batch = iterations(700, (index) =>
      index === 650 ? { activityRunId: first?.activityRunId ?? "" } : {},
    );
    expect(await errorCode(stores.activities.createMany(runId, batch))).toBe("StoreDuplicate");
    const twice = [
      ...iterations(1, () => ({ activityRunId: "aaaaaaaa-0000-4000-8000-000000000000" })),
      ...iterations(1, () => ({ activityRunId: "AAAAAAAA-0000-4000-8000-000000000000" })),
    ];
    expect(await errorCode(stores.activities.createMany(runId, twice))).toBe("StoreDuplicate");
    expect(
      await errorCode(
        stores.activities.createMany(
          runId,
          iterations(1, () => ({ status: "Running" as never })),
        ),
      ),
    ).toBe("InvalidArgument");
    expect((await stores.activities.query(runId)).items).toHaveLength(1);
  });

  it("updates with a new etag, and refuses a stale etag or an unexpected status", async () => {
    const [run] = await stores.activities.createMany(runId, [
      { activityName: "Run", activityType: "Custom", status: "InProgress" },
    ]);
    if (run === undefined) throw new Error("expected a run");
    stores.clock.advance(300);
    const done = await stores.activities.update(
      run.activityRunId,
      {
        status: "Succeeded",
        output: { exitcode: 0, customOutput: { rows: 5 } },
        activityRunEnd: start + 300,
        durationInMs: 300,
        batchTask: null,
      },
      { ifMatch: run.etag, ifStatus: ["InProgress"] },
    );
    expect(done).toEqual({
      ...run,
      status: "Succeeded",
      output: { exitcode: 0, customOutput: { rows: 5 } },
      activityRunEnd: start + 300,
      durationInMs: 300,
      etag: done.etag,
      lastUpdated: start + 300,
    });
    expect(
      await errorCode(
        stores.activities.update(run.activityRunId, { status: "Failed" }, { ifMatch: run.etag }),
      ),
    ).toBe("StoreConflict");
    expect(
      await errorCode(
        stores.activities.update(
          run.activityRunId,
          { status: "Cancelled" },
          { ifStatus: ["Queued", "InProgress"] },
        ),
      ),
    ).toBe("StoreConflict");
    expect(await stores.activities.get(run.activityRunId)).toEqual(done);
  });

  it("finds a Custom activity's run by its Batch task, ids in any case", async () => {
    const [run] = await stores.activities.createMany(runId, [
      { activityName: "Run", activityType: "Custom", status: "InProgress" },
    ]);
    expect(await stores.activities.findByBatchTask({ jobId: "job", taskId: "t1" })).toBeUndefined();
    await stores.activities.update(run?.activityRunId ?? "", {
      batchTask: { jobId: "Job", taskId: "T1" },
    });
    const found = await stores.activities.findByBatchTask({ jobId: "JOB", taskId: "t1" });
    expect(found).toMatchObject({
      activityRunId: run?.activityRunId,
      batchTask: { jobId: "Job", taskId: "T1" },
    });
  });

  it("filters by activity name, type and status, and by container scope", async () => {
    await stores.activities.createMany(runId, [
      { activityName: "Lookup1", activityType: "Lookup", status: "Succeeded" },
      ...iterations(3, (index) => ({ status: index === 1 ? "Failed" : "Succeeded" })),
      {
        activityName: "Notify",
        activityType: "WebActivity",
        status: "Skipped",
        scopePath: "If1.false",
      },
    ]);
    const names = async (query: ActivityRunQuery) =>
      (await stores.activities.query(runId, query)).items.map(
        (run) => `${run.activityName}${run.iterationIndex ?? ""}`,
      );
    expect(
      await names({
        filters: [{ operand: "ActivityName", operator: "Equals", values: ["process"] }],
      }),
    ).toEqual(["Process0", "Process1", "Process2"]);
    expect(
      await names({
        filters: [{ operand: "ActivityType", operator: "In", values: ["lookup", "WEBACTIVITY"] }],
      }),
    ).toEqual(["Lookup1", "Notify"]);
    expect(
      await names({ filters: [{ operand: "Status", operator: "NotIn", values: ["Succeeded"] }] }),
    ).toEqual(["Process1", "Notify"]);
    expect(await names({ scopePath: "ForEach1[2]" })).toEqual(["Process2"]);
    expect(await names({ scopePath: "" })).toEqual(["Lookup1"]);
    expect(
      await names({
        orderBy: [
          { orderBy: "Status", order: "ASC" },
          { orderBy: "ActivityName", order: "DESC" },
        ],
      }),
    ).toEqual(["Process1", "Notify", "Process0", "Process2", "Lookup1"]);
    expect(
      await errorCode(
        stores.activities.query(runId, {
          filters: [{ operand: "PipelineName" as never, operator: "Equals", values: ["x"] }],
        }),
      ),
    ).toBe("InvalidArgument");
  });

  it("lists the 10,000 activity runs of a ForEach in pages, each once, in the order they ran", async () => {
    const count = 10_000;
    const created = await stores.activities.createMany(
      runId,
      iterations(count, (index) => ({
        activityRunStart: start + Math.floor(index / 7),
        status: index % 10 === 0 ? "Failed" : "Succeeded",
      })),
    );
    expect(created).toHaveLength(count);
    const { items, pages } = await allPages({}, 1000);
    expect(pages).toBe(10);
    expect(items.map((run) => run.iterationIndex)).toEqual(
      Array.from({ length: count }, (_, index) => index),
    );
    const failed = await allPages(
      { filters: [{ operand: "Status", operator: "Equals", values: ["Failed"] }] },
      300,
    );
    expect(failed.items).toHaveLength(count / 10);
    expect(failed.items.every((run) => (run.iterationIndex ?? 1) % 10 === 0)).toBe(true);
    const newestFirst = await allPages(
      { orderBy: [{ orderBy: "ActivityRunStart", order: "DESC" }] },
      1000,
    );
    expect(new Set(newestFirst.items.map((run) => run.activityRunId)).size).toBe(count);
    expect(newestFirst.items[0]?.iterationIndex).toBe(9996);
  }, 60_000);
});
