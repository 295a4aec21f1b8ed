import { beforeAll, beforeEach, expect, it } from "vitest";
import {
  createSubtaskStore,
  type Database,
  type GangClaimRequest,
  type SubtaskStore,
} from "../../src/store/index.js";
import { seededRandom } from "../../src/core/index.js";
import { describeEachDialect } from "../support/databases.js";
import { addPool, freshStores, newJob, newTask, type Stores } from "./batch-fixtures.js";

/** A multi-instance task of `instances` instances. */
const gangTask = (id: string, instances: number) =>
  newTask(id, {
    gang: true,
    spec: {
      commandLine: "/bin/true",
      multiInstanceSettings: { numberOfInstances: instances, coordinationCommandLine: "/bin/true" },
    },
  });

describeEachDialect("SubtaskStore: multi-instance tasks", (target) => {
  let database: Database;
  let stores: Stores;
  let subtasks: SubtaskStore;

  beforeAll(async () => {
    database = await target.open();
  });

  beforeEach(async () => {
    stores = await freshStores(database);
    subtasks = createSubtaskStore(database, { clock: stores.clock, random: seededRandom(3) });
    await addPool(stores, "pool", 1);
    await stores.jobs.create(newJob("job"));
    for (const id of ["n1", "n2", "n3"]) await addNode(id);
  });

  async function addNode(id: string, state: "idle" | "unusable" = "idle"): Promise<void> {
    await stores.nodes.register({
      id,
      poolId: "pool",
      state,
      schedulingState: "enabled",
      taskSlots: 1,
      info: {},
    });
  }

  const request = (nodeId: string, extra: Partial<GangClaimRequest> = {}): GangClaimRequest => ({
    nodeId,
    leaseMs: 60_000,
    reservationMs: 10_000,
    mayReserve: (node) => node.runningSlots === 0,
    schedulable: (node) => node.state === "idle" || node.state === "running",
    instancesOf: (spec) =>
      (spec.multiInstanceSettings as { numberOfInstances: number }).numberOfInstances,
    ...extra,
  });

  it("keeps a multi-instance task from the one-by-one claim, and says the pool has gang work", async () => {
    expect(await subtasks.poolHasGangWork("POOL")).toBe(false);
    await stores.tasks.addMany("job", [gangTask("mpi", 2), newTask("plain")]);
    expect(await subtasks.poolHasGangWork("pool")).toBe(true);
    const claimed = await stores.tasks.claim({
      poolId: "pool",
      nodeId: "n1",
      freeSlots: 4,
      maxTasks: 4,
      leaseMs: 1000,
    });
    expect(claimed.map((task) => task.id)).toEqual(["plain"]);
  });

  it("holds nodes until the task has them all, then starts it on distinct nodes, master first", async () => {
    await stores.tasks.addMany("job", [gangTask("mpi", 3)]);
    const first = await subtasks.claimGang(request("n2"));
    expect(first).toMatchObject({ deliveries: [], holding: true });
    stores.clock.advance(5);
    expect(await subtasks.claimGang(request("n1"))).toMatchObject({ holding: true });
    expect((await stores.tasks.get({ jobId: "job", taskId: "mpi" })).state).toBe("active");
    stores.clock.advance(5);
    const formed = await subtasks.claimGang(request("n3"));
    expect(formed.holding).toBe(false);
    expect(formed.deliveries).toHaveLength(1);
    const delivery = formed.deliveries[0]!;
    expect(delivery.members).toEqual(["n2", "n1", "n3"]);
    expect(delivery.instance).toBe(2);
    expect(delivery.task).toMatchObject({ state: "running", nodeId: "n2" });
    const task = await stores.tasks.get({ jobId: "job", taskId: "mpi" });
    expect(task.claimToken).toBe(delivery.task.claimToken);

    // The others get theirs at their next claim, once.
    const master = await subtasks.claimGang(request("n2"));
    expect(master.deliveries.map((d) => d.instance)).toEqual([0]);
    expect((await subtasks.claimGang(request("n1"))).deliveries.map((d) => d.instance)).toEqual([
      1,
    ]);
    expect(await subtasks.claimGang(request("n1"))).toMatchObject({
      deliveries: [],
      holding: false,
    });
    expect(await subtasks.poolHasGangWork("pool")).toBe(false);

    const rows = await subtasks.list("JOB", "MPI");
    expect(rows.map((row) => [row.instance, row.nodeId, row.state, row.delivered])).toEqual([
      [0, "n2", "running", true],
      [1, "n1", "running", true],
      [2, "n3", "running", true],
    ]);
  });

  it("holds no node for a task needing more nodes than the pool has", async () => {
    await stores.tasks.addMany("job", [gangTask("big", 4), gangTask("small", 2)]);
    // The 4-instance task cannot fit 3 nodes: the claim goes for the 2-instance one.
    expect(await subtasks.claimGang(request("n1"))).toMatchObject({ holding: true });
    const formed = await subtasks.claimGang(request("n2"));
    expect(formed.deliveries[0]?.task.id).toBe("small");
    expect((await stores.tasks.get({ jobId: "job", taskId: "big" })).state).toBe("active");
    expect(await subtasks.claimGang(request("n3"))).toMatchObject({
      holding: false,
      deliveries: [],
    });
    // A fourth node: now the big one can gather (n3, n4 and the two freed later).
    await addNode("n4");
    expect(await subtasks.claimGang(request("n3"))).toMatchObject({ holding: true });
  });

  it("never reserves a node for a job whose preparation task failed there", async () => {
    await stores.tasks.addMany("job", [gangTask("a", 2)]);
    await database.db
      .insertInto("job_preparations")
      .values({
        job_id_key: "job",
        node_id: "n1",
        job_id: "job",
        pool_id_key: "pool",
        prep_token: null,
        prep_state: "completed",
        prep_start: null,
        blocked: 1,
        prep_info: "{}",
        release_token: null,
        release_state: null,
        release_spec: null,
        release_info: null,
      })
      .execute();
    expect(await subtasks.claimGang(request("n1"))).toMatchObject({ holding: false });
    expect(await subtasks.claimGang(request("n2"))).toMatchObject({ holding: true });
    const formed = await subtasks.claimGang(request("n3"));
    expect(formed.deliveries[0]?.members).toEqual(["n2", "n3"]);
  });

  it("lets reservations lapse", async () => {
    await stores.tasks.addMany("job", [gangTask("a", 3)]);
    await subtasks.claimGang(request("n1"));
    stores.clock.advance(10_001);
    // n1's reservation lapsed: n2 and n3 alone are not enough.
    await subtasks.claimGang(request("n2"));
    stores.clock.advance(1);
    const third = await subtasks.claimGang(request("n3"));
    expect(third).toMatchObject({ holding: true, deliveries: [] });
    stores.clock.advance(1);
    const formed = await subtasks.claimGang(request("n1"));
    expect(formed.deliveries[0]?.members).toEqual(["n2", "n3", "n1"]);
  });

  it("moves every holding node to the first task, so reservations never split", async () => {
    await stores.tasks.addMany("job", [gangTask("a", 3)]);
    await subtasks.claimGang(request("n1"));
    await subtasks.claimGang(request("n2"));
    // A more urgent job's task arrives: nodes move to it as they claim again.
    await stores.jobs.create(newJob("urgent", { priority: 100 }));
    await stores.tasks.addMany("urgent", [gangTask("b", 2)]);
    stores.clock.advance(1);
    expect(await subtasks.claimGang(request("n1"))).toMatchObject({ holding: true });
    stores.clock.advance(1);
    const formed = await subtasks.claimGang(request("n2"));
    expect(formed.deliveries[0]).toMatchObject({ task: { id: "b" }, members: ["n1", "n2"] });
    expect((await stores.tasks.get({ jobId: "job", taskId: "a" })).state).toBe("active");
  });

  it("releases a node that may no longer join, and never forms without live nodes", async () => {
    await stores.tasks.addMany("job", [gangTask("a", 2)]);
    await subtasks.claimGang(request("n1"));
    // n1 is now busy: its reservation goes.
    expect(await subtasks.claimGang(request("n1", { mayReserve: () => false }))).toMatchObject({
      holding: false,
    });
    expect(await subtasks.claimGang(request("n2"))).toMatchObject({ holding: true });
    await stores.nodes.update("n3", { state: "unusable" });
    expect(await subtasks.claimGang(request("n1"))).toMatchObject({ holding: false });
  });

  it("records coordination and completion per instance of the current run only", async () => {
    await stores.tasks.addMany("job", [gangTask("mpi", 2)]);
    await subtasks.claimGang(request("n1"));
    const runToken = (await subtasks.claimGang(request("n2"))).deliveries[0]!.task.claimToken!;
    const ref = { jobId: "job", taskId: "mpi", instance: 1, runToken };
    const ok = { exitCode: 0, result: "success" as const, failureInfo: null };
    expect(await subtasks.recordCoordination(ref, ok)).toBe(true);
    expect(await subtasks.recordCoordination({ ...ref, runToken: "other" }, ok)).toBe(false);
    stores.clock.advance(100);
    expect(await subtasks.finish(ref, { ...ok, exitCode: 3, result: "failure" })).toBe(true);
    expect(await subtasks.finish(ref, ok)).toBe(false);
    const [, second] = await subtasks.list("job", "mpi");
    expect(second).toMatchObject({
      state: "completed",
      previousState: "running",
      coordination: "success",
      exitCode: 3,
      result: "failure",
      endTime: stores.clock.now(),
    });
  });

  it("finds runs with a lost node and requeues them once", async () => {
    await stores.tasks.addMany("job", [gangTask("mpi", 2)]);
    await subtasks.claimGang(request("n1"));
    await subtasks.claimGang(request("n2"));
    expect(await subtasks.lostGangs(["idle", "running"])).toEqual([]);
    await stores.nodes.update("n2", { state: "unusable" });
    const lost = await subtasks.lostGangs(["idle", "running"]);
    expect(lost).toHaveLength(1);
    const requeued = await subtasks.requeueRun(lost[0]!);
    expect(requeued).toMatchObject({ state: "active", requeueCount: 1, nodeId: null });
    expect(await subtasks.requeueRun(lost[0]!)).toBeUndefined();
    expect(await subtasks.lostGangs(["idle", "running"])).toEqual([]);
    // Ready again for the gang claim, still never for the one-by-one claim.
    expect(await subtasks.poolHasGangWork("pool")).toBe(true);
  });
});
