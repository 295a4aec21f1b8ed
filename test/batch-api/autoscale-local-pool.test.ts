// End to end over real sockets and real agent processes: an embedded pool driven by
// `$PendingTasks` grows when tasks queue and shrinks when they finish, with a 2-second
// evaluation interval and half-second samples (server settings; Batch's minimum is 5 minutes,
// its sample period 30 s). Formula after Example 2 of batch-automatic-scaling.md.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../../src/app/index.js";
import { BatchClient, type CloudPool } from "../../src/client/index.js";
import { waitFor } from "../e2e/e2e-kit.js";

// Each task waits until the gate file exists, so the queue stays put while the pool grows.
const gateScript = `
const fs = require("node:fs");
const gate = process.argv[2];
const timer = setInterval(() => { if (fs.existsSync(gate)) { clearInterval(timer); console.log("through"); } }, 100);
`;

const formula = `// At most 3 nodes, one per pending task.
$tasks = max(0, $PendingTasks.GetSample(1));
$TargetDedicatedNodes = min(3, $tasks);
$NodeDeallocationOption = taskcompletion;`;

describe("a local pool autoscaled by $PendingTasks", () => {
  let server: RunningServer;
  let client: BatchClient;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "sluice-autoscale-"));
    server = await startServer({
      dataDir,
      port: 0,
      batchSettings: {
        autoScaleSamplePeriodMs: 500,
        minAutoScaleEvaluationIntervalMs: 1_000,
        heartbeatIntervalMs: 1_000,
      },
    });
    client = new BatchClient({ url: server.url, token: server.token });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  const pool = () => client.getPool("auto");
  const describePool = async () => {
    const p = await pool();
    return `target ${p.targetDedicatedNodes}, current ${p.currentDedicatedNodes}, ${p.allocationState}, run ${JSON.stringify(p.autoScaleRun)}`;
  };
  const until = (check: (p: CloudPool) => boolean) =>
    waitFor(async () => ((p) => (check(p) ? p : undefined))(await pool()), 60_000, describePool);

  it("grows to one node per queued task, then shrinks to none", async () => {
    const upload = await fetch(`${server.url}/sluice/storage/scripts/gate.js`, {
      method: "PUT",
      headers: {
        authorization: `Bearer ${server.token}`,
        "content-type": "application/octet-stream",
      },
      body: gateScript,
    });
    expect(upload.ok).toBe(true);
    await client.addPool({
      id: "auto",
      vmSize: "local",
      enableAutoScale: true,
      autoScaleFormula: formula,
      autoScaleEvaluationInterval: "PT2S",
    });
    const idle = await pool();
    expect(idle).toMatchObject({ enableAutoScale: true, targetDedicatedNodes: 0 });

    const gate = join(dataDir, "gate-open");
    await client.addJob({ id: "work", poolInfo: { poolId: "auto" } });
    await client.addTasks(
      "work",
      [1, 2, 3].map((n) => ({
        id: `t${n}`,
        commandLine: `node gate.js ${gate}`,
        resourceFiles: [{ autoStorageContainerName: "scripts" }],
      })),
    );
    const grown = await until((p) => p.targetDedicatedNodes === 3 && p.currentDedicatedNodes === 3);
    expect(grown.autoScaleRun?.results).toContain("$tasks=3");

    await writeFile(gate, "open");
    await waitFor(
      async () =>
        (await client.getTaskCounts("work")).taskCounts.completed === 3 ? true : undefined,
      60_000,
      async () => JSON.stringify(await client.getTaskCounts("work")),
    );
    const shrunk = await until(
      (p) => p.targetDedicatedNodes === 0 && p.currentDedicatedNodes === 0,
    );
    expect(shrunk.autoScaleRun?.results).toContain("$TargetDedicatedNodes=0;");
    await waitFor(
      async () => ((server.localAgents().get("auto") ?? []).length === 0 ? true : undefined),
      60_000,
      () => `agents still running: ${JSON.stringify([...server.localAgents()])}`,
    );
  }, 180_000);
});
