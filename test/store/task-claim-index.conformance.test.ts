import { CompiledQuery, sql } from "kysely";
import { beforeAll, expect, it } from "vitest";
import type { Database } from "../../src/store/index.js";
import { postgresCandidateQuery } from "../../src/store/postgres/claim-candidates.js";
import { sqliteCandidateQuery } from "../../src/store/sqlite/claim-candidates.js";
import { describeEachDialect } from "../support/databases.js";
import { addPool, freshStores, newJob, type Stores } from "./batch-fixtures.js";

const bigJobTasks = 20_000;

/** The plan the database would run for one claim's candidate query, as text lines. */
async function claimPlan(database: Database, jobKey: string): Promise<string[]> {
  const request = { jobKey, limit: 4 };
  if (database.dialect === "sqlite") {
    const query = sqliteCandidateQuery(database.db, request, 4).compile();
    const explain = CompiledQuery.raw(`EXPLAIN QUERY PLAN ${query.sql}`, [...query.parameters]);
    const { rows } = await database.db.executeQuery<{ detail: string }>(explain);
    return rows.map((row) => row.detail);
  }
  const query = postgresCandidateQuery([request], 4).compile(database.db);
  const explain = CompiledQuery.raw(`EXPLAIN ${query.sql}`, [...query.parameters]);
  const { rows } = await database.db.executeQuery<{ "QUERY PLAN": string }>(explain);
  return rows.map((row) => row["QUERY PLAN"]);
}

describeEachDialect("TaskStore claim index", (target) => {
  let database: Database;
  let stores: Stores;

  beforeAll(async () => {
    database = await target.open();
    stores = await freshStores(database);
    await addPool(stores);
    await stores.jobs.create(newJob("big"));
    await stores.jobs.create(newJob("small"));
    // Bulk rows straight into the table: the plan, not addMany, is under test here.
    await database.writeTransaction(async (trx) => {
      for (let from = 0; from < bigJobTasks; from += 500) {
        const rows = Array.from({ length: 500 }, (_, index) => ({
          job_id_key: "big",
          id_key: `t${from + index}`,
          id: `t${from + index}`,
          pool_id_key: "pool",
          // The oldest tasks wait on dependencies or run: a scan would have to pass them.
          state: from + index < 15_000 && (from + index) % 3 === 0 ? "running" : "active",
          unmet_dependencies: from + index < 15_000 ? 1 : 0,
          state_transition_time: 0,
          spec: "{}",
          etag: "0x0",
          last_modified: 0,
          creation_time: 0,
        }));
        await trx.insertInto("tasks").values(rows).execute();
      }
    });
    await stores.tasks.addMany("small", [{ id: "s0", spec: {} }]);
  }, 60_000);

  it("reads one range of tasks_claim, without scanning or sorting the job, before and after ANALYZE", async () => {
    for (const analyzed of [false, true]) {
      if (analyzed) await sql`ANALYZE`.execute(database.db);
      for (const jobKey of ["big", "small"]) {
        const plan = (await claimPlan(database, jobKey)).join("\n");
        if (database.dialect === "sqlite") {
          expect(plan).toMatch(
            /SEARCH tasks USING (COVERING )?INDEX tasks_claim \(job_id_key=\? AND state=\? AND unmet_dependencies=\?\)/,
          );
          expect(plan).not.toMatch(/TEMP B-TREE|SCAN tasks\b/);
        } else {
          // The only sort is of the few candidates gathered across jobs, not of a job's tasks.
          expect(plan).toMatch(/Index Scan using tasks_claim on tasks/);
          expect(plan).toMatch(
            /Index Cond: \(\(job_id_key = wanted\.job_key\) AND \(state = 'active'::text\) AND \(unmet_dependencies = 0\)\)/,
          );
          expect(plan).not.toMatch(/Seq Scan|Bitmap/);
        }
      }
    }
  });

  it("claims the oldest ready task of a 20,000-task job", async () => {
    const claimed = await stores.tasks.claim({
      poolId: "pool",
      nodeId: "n",
      freeSlots: 2,
      leaseMs: 1000,
      maxTasks: 2,
    });
    expect(claimed.map((task) => task.id)).toEqual(["t15000", "t15001"]);
  });
});
