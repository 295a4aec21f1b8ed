// Batch's job schedules over the real API and store, with a manual clock. Semantics from
// Batch's REST reference ("Job Schedule - Add" and its Schedule model): at most one active
// job, lost chances past the start window, no carry-forward of due times, doNotRunAfter,
// terminate and delete reaching the schedule's jobs.
import { afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import type { CloudJob, CloudJobSchedule } from "../../src/api/index.js";
import { createBatchService } from "../../src/batch/index.js";
import { seededRandom, silentLogger } from "../../src/core/index.js";
import { openLocalStorage } from "../../src/storage/index.js";
import type { Database } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import { addPool, json, start, startBatchApi, type BatchApi } from "./batch-api-kit.js";

const minute = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

describeEachDialect("Batch job schedules", (target) => {
  let database: Database;
  let api: BatchApi;
  beforeAll(async () => {
    database = await target.open();
  });
  beforeEach(async () => {
    api = await startBatchApi(database);
    await addPool(api);
  });
  afterEach(() => api.close());

  const addSchedule = async (id: string, schedule: object, extra: object = {}) => {
    const response = await api.call("POST", "/jobschedules", {
      id,
      schedule,
      jobSpecification: { poolInfo: { poolId: "pool" }, priority: 7 },
      ...extra,
    });
    expect(response.statusCode, response.body).toBe(201);
  };
  const schedule = async (id: string) =>
    json<CloudJobSchedule>(await api.call("GET", `/jobschedules/${id}`));
  const jobsOf = async (id: string) =>
    json<{ value: CloudJob[] }>(await api.call("GET", `/jobschedules/${id}/jobs`)).value;
  const jobIds = async (id: string) => (await jobsOf(id)).map((job) => job.id);
  const terminateJob = async (jobId: string) => {
    const response = await api.call("POST", `/jobs/${jobId}/terminate`, {});
    expect(response.statusCode, response.body).toBe(202);
  };
  const advance = async (ms: number) => {
    api.clock.advance(ms);
    await api.service.sweep();
  };

  it("creates a job when due, then one per recurrence, named as Batch names them", async () => {
    await addSchedule("nightly", {
      doNotRunUntil: iso(start + 5 * minute),
      recurrenceInterval: "PT10M",
    });
    expect(await schedule("nightly")).toMatchObject({
      id: "nightly",
      state: "active",
      executionInfo: { nextRunTime: iso(start + 5 * minute) },
    });
    await advance(4 * minute);
    expect(await jobIds("nightly")).toEqual([]);
    await advance(minute);
    expect(await jobIds("nightly")).toEqual(["nightly:job-1"]);
    const job = json<CloudJob>(await api.call("GET", "/jobs/nightly:job-1"));
    expect(job).toMatchObject({ state: "active", priority: 7, poolInfo: { poolId: "pool" } });
    expect((await schedule("nightly")).executionInfo).toMatchObject({
      nextRunTime: iso(start + 15 * minute),
      recentJob: { id: "nightly:job-1" },
    });
    await api.service.sweep();
    expect(await jobIds("nightly")).toHaveLength(1);
    await terminateJob("nightly:job-1");
    await advance(10 * minute);
    expect(await jobIds("nightly")).toEqual(["nightly:job-1", "nightly:job-2"]);
  });

  it("keeps one active job: a due job waits, and due times are not carried forward", async () => {
    await addSchedule("hourly", { recurrenceInterval: "PT10M" });
    expect(await jobIds("hourly")).toEqual(["hourly:job-1"]);
    await advance(35 * minute);
    expect(await jobIds("hourly")).toEqual(["hourly:job-1"]);
    await terminateJob("hourly:job-1");
    await api.service.sweep();
    // One job for the latest due time (+30 min), not three catch-up jobs.
    expect(await jobIds("hourly")).toEqual(["hourly:job-1", "hourly:job-2"]);
    expect((await schedule("hourly")).executionInfo.nextRunTime).toBe(iso(start + 40 * minute));
  });

  it("loses a chance when the previous job outlives the start window", async () => {
    await addSchedule("windowed", { recurrenceInterval: "PT10M", startWindow: "PT2M" });
    await advance(13 * minute);
    await terminateJob("windowed:job-1");
    await api.service.sweep();
    expect(await jobIds("windowed")).toEqual(["windowed:job-1"]);
    expect((await schedule("windowed")).executionInfo.nextRunTime).toBe(iso(start + 20 * minute));
    await advance(7 * minute);
    expect(await jobIds("windowed")).toEqual(["windowed:job-1", "windowed:job-2"]);
  });

  it("completes a one-off schedule when its job completes, and stops at doNotRunAfter", async () => {
    await addSchedule("once", {});
    expect(await jobIds("once")).toEqual(["once:job-1"]);
    expect((await schedule("once")).state).toBe("active");
    await terminateJob("once:job-1");
    await api.service.sweep();
    const done = await schedule("once");
    expect(done.state).toBe("completed");
    expect(done.executionInfo.endTime).toBe(iso(start));
    expect(done.executionInfo.nextRunTime).toBeUndefined();

    await addSchedule("bounded", {
      recurrenceInterval: "PT10M",
      doNotRunAfter: iso(start + 15 * minute),
    });
    await terminateJob("bounded:job-1");
    await advance(10 * minute);
    await terminateJob("bounded:job-2");
    await advance(10 * minute);
    expect(await jobIds("bounded")).toEqual(["bounded:job-1", "bounded:job-2"]);
    expect((await schedule("bounded")).state).toBe("completed");
  });

  it("disables, enables, terminates (ending its job) and deletes (with its jobs)", async () => {
    await addSchedule("ops", { recurrenceInterval: "PT10M" });
    expect((await api.call("POST", "/jobschedules/ops/disable")).statusCode).toBe(204);
    await terminateJob("ops:job-1");
    await advance(10 * minute);
    expect(await jobIds("ops")).toEqual(["ops:job-1"]);
    expect((await schedule("ops")).state).toBe("disabled");
    expect((await api.call("POST", "/jobschedules/ops/enable")).statusCode).toBe(204);
    expect(await jobIds("ops")).toEqual(["ops:job-1", "ops:job-2"]);

    expect((await api.call("POST", "/jobschedules/ops/terminate")).statusCode).toBe(202);
    const job2 = json<CloudJob>(await api.call("GET", "/jobs/ops:job-2"));
    expect(job2.state).toBe("completed");
    expect(job2.executionInfo?.terminateReason).toBe("TerminateJobSchedule");
    expect((await schedule("ops")).state).toBe("completed");
    const refused = await api.call("POST", "/jobschedules/ops/disable");
    expect(refused.statusCode).toBe(409);
    expect(json(refused)).toMatchObject({ code: "JobScheduleCompleted" });

    expect((await api.call("DELETE", "/jobschedules/ops")).statusCode).toBe(202);
    expect((await api.call("GET", "/jobs/ops:job-1")).statusCode).toBe(404);
    expect((await api.call("GET", "/jobs/ops:job-2")).statusCode).toBe(404);
    const gone = await api.call("GET", "/jobschedules/ops");
    expect(gone.statusCode).toBe(404);
    expect(json(gone)).toMatchObject({ code: "JobScheduleNotFound" });
    expect((await api.call("HEAD", "/jobschedules/ops")).statusCode).toBe(404);
  });

  it("patches and replaces: a changed schedule is armed afresh; lists schedules", async () => {
    await addSchedule("later", { doNotRunUntil: iso(start + 60 * minute) });
    const patched = await api.call("PATCH", "/jobschedules/later", {
      schedule: { doNotRunUntil: iso(start + 30 * minute) },
      metadata: [{ name: "owner", value: "ops" }],
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(await schedule("later")).toMatchObject({
      executionInfo: { nextRunTime: iso(start + 30 * minute) },
      metadata: [{ name: "owner", value: "ops" }],
    });
    const replaced = await api.call("PUT", "/jobschedules/later", {
      schedule: {},
      jobSpecification: { poolInfo: { poolId: "pool" }, priority: 3 },
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    const now = await schedule("later");
    expect(now.metadata ?? []).toEqual([]);
    expect(now.jobSpecification.priority).toBe(3);
    expect(await jobIds("later")).toEqual(["later:job-1"]);
    const list = json<{ value: CloudJobSchedule[] }>(await api.call("GET", "/jobschedules"));
    expect(list.value.map((item) => item.id)).toEqual(["later"]);
  });

  it("refuses bad bodies with Batch's errors, naming the property, and stores nothing", async () => {
    const cases: [object, string, string][] = [
      [{ id: "a", schedule: {} }, "MissingRequiredProperty", "jobSpecification"],
      [
        { id: "a", schedule: { recurrenceInterval: "PT30S" }, jobSpecification: spec() },
        "InvalidPropertyValue",
        "schedule.recurrenceInterval",
      ],
      [
        { id: "a", schedule: { doNotRunUntil: "tomorrow" }, jobSpecification: spec() },
        "InvalidPropertyValue",
        "schedule.doNotRunUntil",
      ],
      [
        {
          id: "a",
          schedule: { doNotRunUntil: iso(start + minute), doNotRunAfter: iso(start) },
          jobSpecification: spec(),
        },
        "InvalidPropertyValue",
        "schedule.doNotRunAfter",
      ],
      [{ id: "a:b", schedule: {}, jobSpecification: spec() }, "InvalidPropertyValue", "id"],
      [{ id: "a", schedule: {}, jobSpecification: {} }, "MissingRequiredProperty", "poolInfo"],
    ];
    for (const [body, code, property] of cases) {
      const response = await api.call("POST", "/jobschedules", body);
      expect(response.statusCode, response.body).toBe(400);
      const error = json<{ code: string; values?: { key: string; value: string }[] }>(response);
      expect(error.code).toBe(code);
      expect(JSON.stringify(error.values ?? [])).toContain(property);
    }
    await addSchedule("dup", {});
    const dup = await api.call("POST", "/jobschedules", {
      id: "DUP",
      schedule: {},
      jobSpecification: spec(),
    });
    expect(dup.statusCode).toBe(409);
    expect(json(dup)).toMatchObject({ code: "JobScheduleExists" });
    const list = json<{ value: CloudJobSchedule[] }>(await api.call("GET", "/jobschedules"));
    expect(list.value.map((item) => item.id)).toEqual(["dup"]);
  });

  it("never creates two jobs for one due time: a lost write and a second server", async () => {
    await addSchedule("exact", { doNotRunUntil: iso(start + minute), recurrenceInterval: "PT5M" });
    // Two Batch services over one database (two servers, or one restarted) at the due time.
    const other = createBatchService({
      database,
      clock: api.clock,
      random: seededRandom(99),
      logger: silentLogger,
      taskFiles: openLocalStorage(`${process.cwd()}/.never-written`),
      localContainer: () => openLocalStorage(`${process.cwd()}/.never-written`),
    });
    api.clock.advance(minute);
    await Promise.all([api.service.sweep(), other.sweep(), api.service.sweep(), other.sweep()]);
    expect(await jobIds("exact")).toEqual(["exact:job-1"]);
    // A crash after the job was made but before the schedule recorded it: the next sweep
    // finds the job there and moves the schedule on, without a second job.
    await database.db
      .updateTable("job_schedules")
      .set({ job_count: 0, recent_job_id: null, next_due: start + minute })
      .execute();
    await other.sweep();
    expect(await jobIds("exact")).toEqual(["exact:job-1"]);
    expect((await schedule("exact")).executionInfo.recentJob?.id).toBe("exact:job-1");
    await other.stop();
  });
});

function spec() {
  return { poolInfo: { poolId: "pool" } };
}
