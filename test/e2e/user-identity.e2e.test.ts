import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "../support/databases.js";
import { startE2eServer, waitFor, type E2eServer } from "./e2e-kit.js";

/**
 * A task's `userIdentity` reaches its node: with `elevationLevel: admin` the task runs as root
 * when the agent isolates tasks (it runs as root); an ordinary task runs as a user of its own.
 * Without root there is no other user to run as: both run as the agent's user.
 */
describeEachDialect("userIdentity on a local pool", (target) => {
  let e2e: E2eServer;
  beforeAll(async () => {
    e2e = await startE2eServer(target.config);
  }, 60_000);
  afterAll(async () => {
    await e2e?.close();
  }, 60_000);

  it("runs an admin auto-user task as root and an ordinary one as its own user", async () => {
    const { client } = e2e;
    await client.addPool({ id: "ids", vmSize: "local", targetDedicatedNodes: 1 });
    await client.addJob({ id: "ids", poolInfo: { poolId: "ids" } });
    await client.addTask("ids", {
      id: "admin",
      commandLine: "/usr/bin/id -u",
      userIdentity: { autoUser: { scope: "task", elevationLevel: "admin" } },
    });
    await client.addTask("ids", { id: "plain", commandLine: "/usr/bin/id -u" });
    const uidOf = async (taskId: string): Promise<number> => {
      await waitFor(
        async () =>
          (await client.getTask("ids", taskId)).state === "completed" ? true : undefined,
        60_000,
        async () => JSON.stringify(await client.getTask("ids", taskId)),
      );
      const task = await client.getTask("ids", taskId);
      expect(task.executionInfo?.exitCode, JSON.stringify(task)).toBe(0);
      const stdout = await client.readTaskFile("ids", taskId, "stdout.txt");
      return Number(new TextDecoder().decode(stdout.content).trim());
    };
    const agentUid = process.getuid?.() ?? -1;
    const admin = await uidOf("admin");
    const plain = await uidOf("plain");
    if (agentUid === 0 && process.env.SLUICE_TASK_ISOLATION !== "off") {
      expect(admin).toBe(0);
      expect(plain).not.toBe(0);
    } else {
      expect(admin).toBe(agentUid);
      expect(plain).toBe(agentUid);
    }
  }, 120_000);
});
