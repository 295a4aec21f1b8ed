import { chmod, mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "../support/databases.js";
import { startE2eServer, waitFor, type E2eServer } from "./e2e-kit.js";

/**
 * Job preparation and release tasks over real sockets with real agent processes: the
 * preparation task writes a file into the node's shared directory that the job's tasks then
 * read, and the release task runs on each node that prepared once the job is terminated.
 */
describeEachDialect("job preparation and release tasks on a local pool", (target) => {
  let e2e: E2eServer;
  let markers: string;

  beforeAll(async () => {
    e2e = await startE2eServer(target.config);
    markers = await mkdtemp(join(tmpdir(), "sluice-e2e-release-"));
    // Agents running as root run tasks as users of their own (task isolation): let them write.
    await chmod(markers, 0o777);
  }, 60_000);
  afterAll(async () => {
    await e2e?.close();
  }, 60_000);

  it("prepares each node before its tasks and releases it when the job ends", async () => {
    const { client } = e2e;
    await client.addPool({
      id: "prep",
      vmSize: "local",
      targetDedicatedNodes: 2,
      taskSlotsPerNode: 2,
    });
    await client.addJob({
      id: "prepared",
      poolInfo: { poolId: "prep" },
      jobPreparationTask: {
        commandLine: `/bin/sh -c "echo prepared-$AZ_BATCH_NODE_ID > $AZ_BATCH_NODE_SHARED_DIR/prepared.txt"`,
      },
      jobReleaseTask: {
        commandLine: `/bin/sh -c "rm $AZ_BATCH_NODE_SHARED_DIR/prepared.txt && echo $AZ_BATCH_JOB_PREP_DIR > $MARKERS/$AZ_BATCH_NODE_ID"`,
        environmentSettings: [{ name: "MARKERS", value: markers }],
      },
    });
    // Both nodes up before the work arrives, so spread (the default) shares it over both.
    await waitFor(
      async () => {
        const nodes = await client.listAllNodes("prep");
        return nodes.filter((node) => node.state === "idle").length === 2 ? true : undefined;
      },
      60_000,
      async () => JSON.stringify((await client.listAllNodes("prep")).map((node) => node.state)),
    );
    const ids = Array.from({ length: 8 }, (_, i) => `t${i}`);
    await client.addTasks(
      "prepared",
      ids.map((id) => ({
        id,
        commandLine: `/bin/sh -c "cat $AZ_BATCH_NODE_SHARED_DIR/prepared.txt && test -d $AZ_BATCH_JOB_PREP_WORKING_DIR"`,
      })),
    );
    await waitFor(
      async () => {
        const counts = await client.getTaskCounts("prepared");
        return counts.taskCounts.completed === ids.length ? true : undefined;
      },
      60_000,
      async () => JSON.stringify(await client.getTaskCounts("prepared")),
    );

    const tasks = await client.listAllTasks("prepared");
    const nodes = new Set<string>();
    for (const task of tasks) {
      expect(task.executionInfo?.exitCode, task.id).toBe(0);
      const nodeId = task.nodeInfo?.nodeId ?? "";
      nodes.add(nodeId);
      const stdout = await client.readTaskFile("prepared", task.id, "stdout.txt");
      expect(new TextDecoder().decode(stdout.content).trim()).toBe(`prepared-${nodeId}`);
    }
    // Both nodes ran tasks, so both prepared.
    expect(nodes.size).toBe(2);

    await client.terminateJob("prepared");
    const released = await waitFor(
      async () => {
        const names = await readdir(markers);
        return names.length === nodes.size ? names : undefined;
      },
      60_000,
      async () => `release markers: ${(await readdir(markers)).join(", ")}`,
    );
    expect(new Set(released)).toEqual(nodes);
    for (const nodeId of released) {
      const prepDir = (await readFile(join(markers, nodeId), "utf8")).trim();
      expect(prepDir).toMatch(/workitems\/prepared\/job-1\/jobpreparation$/);
    }
  }, 120_000);
});
