import { beforeAll, beforeEach, expect, it } from "vitest";
import type { Database, PipelineRunQuery, PipelineRunRecord } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import {
  errorCode,
  freshFactoryStores,
  newRun,
  start,
  type FactoryStores,
} from "./factory-fixtures.js";

const minute = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

describeEachDialect("PipelineRunStore query", (target) => {
  let database: Database;
  let stores: FactoryStores;
  /** Run ids by label, for readable expectations. */
  let label: Map<string, string>;

  beforeAll(async () => {
    database = await target.open();
  });

  /**
   * Runs of factory f (and one of g), each started a minute after the previous:
   * load1 Succeeded, copy1 Failed, load2 InProgress, copy2 Succeeded (by trigger Nightly),
   * load3 Queued, copy3 Cancelled (a rerun of copy1).
   */
  beforeEach(async () => {
    stores = await freshFactoryStores(database);
    label = new Map();
    const plan: [string, string, PipelineRunRecord["status"], boolean][] = [
      ["load1", "Load", "Succeeded", true],
      ["copy1", "Copy", "Failed", true],
      ["load2", "LOAD", "InProgress", false],
      ["copy2", "Copy", "Succeeded", true],
      ["load3", "Load", "Queued", false],
      ["copy3", "Copy", "Cancelled", true],
    ];
    for (const [name, pipeline, status, ended] of plan) {
      const overrides =
        name === "copy2"
          ? { invokedBy: { name: "Nightly", id: "t1", invokedByType: "ScheduleTrigger" } }
          : name === "copy3"
            ? {
                runGroupId: label.get("copy1") ?? "",
                referencePipelineRunId: label.get("copy1") ?? "",
              }
            : {};
      const run = await stores.runs.create(
        newRun(pipeline, { ...overrides, runStart: stores.clock.now() }),
      );
      label.set(name, run.runId);
      stores.clock.advance(minute);
      if (status !== "Queued") {
        await stores.runs.update(run.runId, {
          status,
          ...(ended ? { runEnd: stores.clock.now() - minute / 2 } : {}),
        });
      }
    }
    await stores.runs.create(newRun("Load", { factory: "g" }));
  });

  const names = (runs: readonly PipelineRunRecord[]) =>
    runs.map((run) => [...label.entries()].find(([, id]) => id === run.runId)?.[0] ?? "?");
  const query = async (q: PipelineRunQuery = {}) => names((await stores.runs.query("F", q)).items);

  it("lists a factory's runs newest first by default", async () => {
    expect(await query()).toEqual(["copy3", "load3", "copy2", "load2", "copy1", "load1"]);
  });

  it("filters by pipeline name in any case, with Equals, In, NotEquals and NotIn", async () => {
    expect(
      await query({ filters: [{ operand: "PipelineName", operator: "Equals", values: ["load"] }] }),
    ).toEqual(["load3", "load2", "load1"]);
    expect(
      await query({
        filters: [{ operand: "PipelineName", operator: "In", values: ["LOAD", "copy"] }],
      }),
    ).toHaveLength(6);
    expect(
      await query({
        filters: [{ operand: "PipelineName", operator: "NotEquals", values: ["Load"] }],
      }),
    ).toEqual(["copy3", "copy2", "copy1"]);
    expect(
      await query({
        filters: [{ operand: "PipelineName", operator: "NotIn", values: ["Load", "Copy"] }],
      }),
    ).toEqual([]);
  });

  it("filters by status, run group, trigger and latest only; every filter must hold", async () => {
    expect(
      await query({
        filters: [{ operand: "Status", operator: "In", values: ["succeeded", "Failed"] }],
      }),
    ).toEqual(["copy2", "copy1", "load1"]);
    expect(
      await query({
        filters: [
          { operand: "Status", operator: "Equals", values: ["Succeeded"] },
          { operand: "PipelineName", operator: "Equals", values: ["Copy"] },
        ],
      }),
    ).toEqual(["copy2"]);
    expect(
      await query({
        filters: [
          { operand: "RunGroupId", operator: "Equals", values: [label.get("copy1") ?? ""] },
        ],
      }),
    ).toEqual(["copy3", "copy1"]);
    expect(
      await query({
        filters: [{ operand: "TriggerName", operator: "Equals", values: ["nightly"] }],
      }),
    ).toEqual(["copy2"]);
    expect(
      await query({ filters: [{ operand: "LatestOnly", operator: "Equals", values: ["true"] }] }),
    ).not.toContain("copy1");
    expect(
      await query({ filters: [{ operand: "LatestOnly", operator: "Equals", values: ["false"] }] }),
    ).toHaveLength(6);
  });

  it("filters by run start and end times, and by the lastUpdated window", async () => {
    expect(
      await query({
        filters: [{ operand: "RunStart", operator: "Equals", values: [iso(start + 2 * minute)] }],
      }),
    ).toEqual(["load2"]);
    // Runs without an end are not equal to any end time.
    expect(
      await query({
        filters: [{ operand: "RunEnd", operator: "NotEquals", values: [iso(start + minute / 2)] }],
      }),
    ).toEqual(["copy3", "load3", "copy2", "load2", "copy1"]);
    // Each run was last updated a minute after it started (load3 when created).
    expect(
      await query({ lastUpdatedAfter: start + 2 * minute, lastUpdatedBefore: start + 4 * minute }),
    ).toEqual(["load3", "copy2", "load2", "copy1"]);
    expect(await query({ lastUpdatedAfter: start + 7 * minute })).toEqual([]);
  });

  it("orders by RunStart, RunEnd, PipelineName and Status, ascending or descending", async () => {
    expect(await query({ orderBy: [{ orderBy: "RunStart", order: "ASC" }] })).toEqual([
      "load1",
      "copy1",
      "load2",
      "copy2",
      "load3",
      "copy3",
    ]);
    // Runs still going have no end: they come last ascending, first descending.
    expect(await query({ orderBy: [{ orderBy: "RunEnd", order: "ASC" }] })).toEqual([
      "load1",
      "copy1",
      "copy2",
      "copy3",
      "load2",
      "load3",
    ]);
    // Ties keep creation order whatever the direction.
    expect(await query({ orderBy: [{ orderBy: "RunEnd", order: "DESC" }] })).toEqual([
      "load2",
      "load3",
      "copy3",
      "copy2",
      "copy1",
      "load1",
    ]);
    expect(
      await query({
        orderBy: [
          { orderBy: "PipelineName", order: "DESC" },
          { orderBy: "Status", order: "ASC" },
        ],
      }),
    ).toEqual(["load2", "load3", "load1", "copy3", "copy1", "copy2"]);
  });

  it("pages through any order with a continuation token, each run once", async () => {
    for (const orderBy of [
      [{ orderBy: "RunEnd", order: "DESC" }],
      [
        { orderBy: "PipelineName", order: "ASC" },
        { orderBy: "RunStart", order: "DESC" },
      ],
      [{ orderBy: "Status", order: "DESC" }],
    ] as const) {
      const all = await query({ orderBy });
      const paged: string[] = [];
      let token: string | undefined;
      do {
        const page = await stores.runs.query("f", {
          orderBy,
          maxResults: 4,
          ...(token ? { continuationToken: token } : {}),
        });
        paged.push(...names(page.items));
        token = page.continuationToken;
      } while (token !== undefined);
      expect(paged).toEqual(all);
    }
  });

  it("refuses unknown operands, operators, values, fields and foreign tokens", async () => {
    const bad = (q: PipelineRunQuery) => errorCode(stores.runs.query("f", q));
    expect(
      await bad({
        filters: [{ operand: "ActivityName" as never, operator: "Equals", values: ["x"] }],
      }),
    ).toBe("InvalidArgument");
    expect(
      await bad({ filters: [{ operand: "Status", operator: "Like" as never, values: ["x"] }] }),
    ).toBe("InvalidArgument");
    expect(
      await bad({ filters: [{ operand: "Status", operator: "Equals", values: ["Running"] }] }),
    ).toBe("InvalidArgument");
    expect(await bad({ filters: [{ operand: "Status", operator: "Equals", values: [] }] })).toBe(
      "InvalidArgument",
    );
    expect(
      await bad({ filters: [{ operand: "RunStart", operator: "Equals", values: ["yesterday"] }] }),
    ).toBe("InvalidArgument");
    expect(await bad({ orderBy: [{ orderBy: "Duration" as never, order: "ASC" }] })).toBe(
      "InvalidArgument",
    );
    expect(await bad({ orderBy: [{ orderBy: "Status", order: "UP" as never }] })).toBe(
      "InvalidArgument",
    );
    const page = await stores.runs.query("f", { maxResults: 1 });
    const token = page.continuationToken ?? "";
    expect(
      await bad({ continuationToken: token, orderBy: [{ orderBy: "Status", order: "ASC" }] }),
    ).toBe("InvalidArgument");
    expect(await bad({ continuationToken: "garbage" })).toBe("InvalidArgument");
  });
});
