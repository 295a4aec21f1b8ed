import { chmod, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { TaskAddParameter } from "../../src/client/index.js";
import { describeEachDialect } from "../support/databases.js";
import {
  processAlive,
  readPid,
  startE2eServer,
  startFileServer,
  waitFor,
  type E2eServer,
} from "./e2e-kit.js";

/**
 * The Batch issue's scenario end to end, over real sockets and real processes: a pool of 2
 * embedded agents runs a job of 500 tasks with resource files (embedded storage and an HTTP
 * URL), output files, a dependency on all of them, a retry and a wall-clock timeout.
 */
const workerScript = `
const fs = require("node:fs");
const n = Number(process.argv[2]);
const greeting = fs.readFileSync("greeting.txt", "utf8").trim();
fs.mkdirSync("out", { recursive: true });
fs.writeFileSync("out/result.txt", greeting + " " + n * n);
console.log("task " + n + " on " + process.env.AZ_BATCH_NODE_ID);
`;
const flakyScript = `
const fs = require("node:fs");
const marker = process.env.FLAKY_MARKER;
if (!fs.existsSync(marker)) { fs.writeFileSync(marker, "failed once"); console.error("first try fails"); process.exit(3); }
console.log("second try works");
`;

const workCount = 496;

describeEachDialect("a 500-task job on a local pool of 2 agents", (target) => {
  let e2e: E2eServer;
  let files: { url: string; close(): Promise<void> };
  let markers: string;

  beforeAll(async () => {
    e2e = await startE2eServer(target.config);
    files = await startFileServer({ "greeting.txt": "hello" });
    markers = await mkdtemp(join(tmpdir(), "sluice-e2e-markers-"));
    // Agents running as root run tasks as users of their own (task isolation): let them write.
    await chmod(markers, 0o777);
  }, 60_000);
  afterAll(async () => {
    await e2e?.close();
    await files?.close();
  }, 60_000);

  it("runs every task with Batch's semantics", async () => {
    const { client, server } = e2e;
    await e2e.upload("scripts", "work.js", workerScript);
    await e2e.upload("scripts", "flaky.js", flakyScript);
    await client.addPool({
      id: "e2e",
      vmSize: "local",
      targetDedicatedNodes: 2,
      taskSlotsPerNode: 4,
    });
    await client.addJob({ id: "big", poolInfo: { poolId: "e2e" }, usesTaskDependencies: true });

    const scripts = { autoStorageContainerName: "scripts" };
    const greeting = { httpUrl: `${files.url}/greeting.txt`, filePath: "greeting.txt" };
    const tasks: TaskAddParameter[] = [];
    for (let i = 0; i < workCount; i++) {
      tasks.push({
        id: String(i),
        commandLine: `node work.js ${i}`,
        resourceFiles: [scripts, greeting],
        outputFiles: [
          {
            filePattern: "out/*.txt",
            destination: {
              container: {
                containerUrl: `${server.url}/sluice/storage/results`,
                path: `task-${i}`,
              },
            },
            uploadOptions: { uploadCondition: "tasksuccess" },
          },
        ],
      });
    }
    tasks.push({
      id: "flaky",
      commandLine: "node flaky.js",
      resourceFiles: [scripts],
      environmentSettings: [{ name: "FLAKY_MARKER", value: join(markers, "flaky") }],
      constraints: { maxTaskRetryCount: 2 },
    });
    tasks.push({
      id: "slow",
      commandLine: `/bin/sh -c "echo $$ > ${join(markers, "slow.pid")}; exec sleep 600"`,
      constraints: { maxWallClockTime: "PT2S" },
    });
    tasks.push({
      id: "final",
      commandLine: "/bin/sh -c 'echo all done'",
      dependsOn: { taskIdRanges: [{ start: 0, end: workCount - 1 }], taskIds: ["flaky"] },
    });
    tasks.push({ id: "blocked", commandLine: "/bin/true", dependsOn: { taskIds: ["slow"] } });
    expect(tasks).toHaveLength(500);
    const results = await client.addTasks("big", tasks);
    expect(results.filter((result) => result.status !== "success")).toEqual([]);

    const counts = await waitFor(
      async () => {
        const { taskCounts } = await client.getTaskCounts("big");
        // "blocked" waits forever on a failed dependency, as in Batch.
        return taskCounts.completed === 499 ? taskCounts : undefined;
      },
      240_000,
      async () => JSON.stringify((await client.getTaskCounts("big")).taskCounts),
    );
    expect(counts).toMatchObject({
      active: 1,
      running: 0,
      completed: 499,
      succeeded: 498,
      failed: 1,
    });

    const flaky = await client.getTask("big", "flaky");
    expect(flaky.executionInfo).toMatchObject({ result: "success", exitCode: 0, retryCount: 1 });

    const slow = await client.getTask("big", "slow");
    expect(slow.executionInfo?.result).toBe("failure");
    expect(slow.executionInfo?.failureInfo?.code).toBeTruthy();
    const slowPid = await readPid(join(markers, "slow.pid"));
    expect(processAlive(slowPid)).toBe(false);

    const blocked = await client.getTask("big", "blocked");
    expect(blocked.state).toBe("active");

    const all = await client.listAllTasks("big");
    const final = all.find((task) => task.id === "final");
    const lastWorkEnd = Math.max(
      ...all
        .filter((task) => /^\d+$/.test(task.id ?? ""))
        .map((task) => Date.parse(task.executionInfo?.endTime ?? "")),
    );
    expect(Date.parse(final?.executionInfo?.startTime ?? "")).toBeGreaterThanOrEqual(lastWorkEnd);

    const nodesUsed = new Set(all.map((task) => task.nodeInfo?.nodeId).filter(Boolean));
    expect(nodesUsed.size).toBe(2);

    const stdout = await client.readTaskFile("big", "7", "stdout.txt");
    expect(new TextDecoder().decode(stdout.content)).toMatch(/^task 7 on /);
    const output = await fetch(`${server.url}/sluice/storage/results/task-7/result.txt`, {
      headers: { authorization: `Bearer ${server.token}` },
    });
    expect(await output.text()).toBe("hello 49");
    const listing = await fetch(`${server.url}/sluice/storage/results/?list&prefix=task-`, {
      headers: { authorization: `Bearer ${server.token}` },
    });
    expect(((await listing.json()) as { files: unknown[] }).files).toHaveLength(workCount);
  }, 300_000);
});
