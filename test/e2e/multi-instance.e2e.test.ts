import { chmod, mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { CloudTask } from "../../src/client/index.js";
import { describeEachDialect } from "../support/databases.js";
import { startE2eServer, startFileServer, waitFor, type E2eServer } from "./e2e-kit.js";

// The coordination command every instance runs: a file in the task's shared directory (the
// primary checks its own), a marker per node outside (the test counts the nodes), and a
// background service, as MPI's coordination commands start one (it must outlive the command).
const coordination = `/bin/sh -c "echo $AZ_BATCH_NODE_ID > $AZ_BATCH_TASK_SHARED_DIR/coordinated && cp $AZ_BATCH_TASK_SHARED_DIR/common.txt $MARKERS/$AZ_BATCH_NODE_ID && (sleep 300 > /dev/null 2>&1 & echo $! > $AZ_BATCH_TASK_SHARED_DIR/service.pid)"`;
// The application command, on the primary only: Batch's variables as documented.
const application = [
  "/bin/sh -c '",
  'test "$(echo $AZ_BATCH_HOST_LIST | tr , "\\n" | wc -l)" -eq 3',
  '&& test "$AZ_BATCH_IS_CURRENT_NODE_MASTER" = true',
  '&& test "$AZ_BATCH_MASTER_NODE" = 127.0.0.1:6000',
  '&& test "$(cat $AZ_BATCH_TASK_SHARED_DIR/coordinated)" = "$AZ_BATCH_NODE_ID"',
  "&& test -f app.txt",
  // Running or sleeping, not a zombie waiting to be reaped.
  '&& grep -q ") [RSD] " /proc/$(cat $AZ_BATCH_TASK_SHARED_DIR/service.pid)/stat',
  "&& echo hosts=$AZ_BATCH_HOST_LIST master=$AZ_BATCH_MASTER_NODE",
  "&& cat $AZ_BATCH_TASK_SHARED_DIR/service.pid'",
].join(" ");

/** Whether process `pid` runs (a zombie not yet reaped does not). */
async function running(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  return /\) [RSD] /.test(stat);
}

/**
 * Multi-instance tasks over real sockets with real agent processes: three instances on three
 * nodes of a local pool, and a task waiting (without holding nodes) until its pool grows.
 */
describeEachDialect("multi-instance tasks on a local pool", (target) => {
  let e2e: E2eServer;
  let files: Awaited<ReturnType<typeof startFileServer>>;
  let markers: string;

  beforeAll(async () => {
    e2e = await startE2eServer(target.config);
    files = await startFileServer({ common: "common-file", app: "app-file" });
    markers = await mkdtemp(join(tmpdir(), "sluice-e2e-mpi-"));
    // Agents running as root run tasks as users of their own (task isolation): let them write.
    await chmod(markers, 0o777);
  }, 60_000);
  afterAll(async () => {
    await e2e?.close();
    await files?.close();
  }, 60_000);

  const mpiTask = (id: string) => ({
    id,
    commandLine: application,
    resourceFiles: [{ httpUrl: `${files.url}/app`, filePath: "app.txt" }],
    environmentSettings: [{ name: "MARKERS", value: markers }],
    multiInstanceSettings: {
      numberOfInstances: 3,
      coordinationCommandLine: coordination,
      commonResourceFiles: [{ httpUrl: `${files.url}/common`, filePath: "common.txt" }],
    },
  });

  const completed = (jobId: string, taskId: string) =>
    waitFor(
      async () => {
        const task = await e2e.client.getTask(jobId, taskId);
        return task.state === "completed" ? task : undefined;
      },
      90_000,
      async () => JSON.stringify(await e2e.client.getTask(jobId, taskId)),
    );

  async function checkRun(jobId: string, task: CloudTask): Promise<void> {
    expect(task.executionInfo, JSON.stringify(task)).toMatchObject({
      exitCode: 0,
      result: "success",
    });
    const stdout = await e2e.client.readTaskFile(jobId, task.id, "stdout.txt");
    const [line, pid] = new TextDecoder().decode(stdout.content).trim().split("\n");
    expect(line).toBe("hosts=127.0.0.1,127.0.0.1,127.0.0.1 master=127.0.0.1:6000");
    expect(Number(pid)).toBeGreaterThan(0);
    // The coordination command's service ran through the application and ends with the task.
    await waitFor(
      async () => ((await running(Number(pid))) ? undefined : true),
      30_000,
      () => `service ${pid} still running`,
    );
    const subtasks = await waitFor(
      async () => {
        const { value } = await e2e.client.listSubtasks(jobId, task.id);
        return value.every((subtask) => subtask.state === "completed") ? value : undefined;
      },
      60_000,
      async () => JSON.stringify(await e2e.client.listSubtasks(jobId, task.id)),
    );
    expect(subtasks.map((subtask) => [subtask.id, subtask.exitCode, subtask.result])).toEqual([
      [1, 0, "success"],
      [2, 0, "success"],
    ]);
    const nodes = new Set([task.nodeInfo?.nodeId, ...subtasks.map((s) => s.nodeInfo?.nodeId)]);
    expect(nodes.size).toBe(3);
  }

  it("runs the coordination command on three nodes, then the application on the primary", async () => {
    const { client } = e2e;
    await client.addPool({
      id: "mpi",
      vmSize: "local",
      targetDedicatedNodes: 3,
      taskSlotsPerNode: 1,
      enableInterNodeCommunication: true,
    });
    await client.addJob({ id: "mpi-job", poolInfo: { poolId: "mpi" } });
    await client.addTask("mpi-job", mpiTask("hello"));
    const task = await completed("mpi-job", "hello");
    await checkRun("mpi-job", task);
    // Every instance downloaded the common file and coordinated, on its own node.
    const marked = await readdir(markers);
    expect(marked).toHaveLength(3);
    expect(new Set(marked)).toEqual(
      new Set([
        task.nodeInfo?.nodeId,
        ...(await client.listSubtasks("mpi-job", "hello")).value.map((s) => s.nodeInfo?.nodeId),
      ]),
    );
  }, 180_000);

  it("waits in a pool with too few nodes, running other work, and starts when the pool grows", async () => {
    const { client } = e2e;
    await client.addPool({
      id: "small",
      vmSize: "local",
      targetDedicatedNodes: 2,
      taskSlotsPerNode: 1,
      enableInterNodeCommunication: true,
    });
    await client.addJob({ id: "grow", poolInfo: { poolId: "small" } });
    await client.addTask("grow", mpiTask("big"));
    await client.addTask("grow", { id: "plain", commandLine: "/bin/true" });
    // The two nodes are not held for the big task: the ordinary one runs meanwhile.
    const plain = await completed("grow", "plain");
    expect(plain.executionInfo?.exitCode).toBe(0);
    expect((await client.getTask("grow", "big")).state).toBe("active");
    // Batch resizes a pool only once its allocation is steady (its two nodes are up).
    await waitFor(
      async () => ((await client.getPool("small")).allocationState === "steady" ? true : undefined),
      60_000,
      async () => JSON.stringify(await client.getPool("small")),
    );
    await client.resizePool("small", { targetDedicatedNodes: 3 });
    await checkRun("grow", await completed("grow", "big"));
  }, 180_000);
});
