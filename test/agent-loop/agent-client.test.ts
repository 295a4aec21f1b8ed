import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AgentClient, ApiError } from "../../src/client/index.js";
import { FixtureServer, fixtureToken } from "./fixture-server.js";
import { task } from "./agent-support.js";

describe("AgentClient against the fixture server", () => {
  let fixture: FixtureServer;
  let client: AgentClient;

  beforeEach(async () => {
    fixture = new FixtureServer();
    await fixture.start();
    client = new AgentClient({ url: fixture.url, token: fixtureToken });
  });

  afterEach(() => fixture.dispose());

  it("appends at offsets and learns the server's length on a mismatch", async () => {
    const { nodeId } = await client.register("pool1", { hostname: "h", agentVersion: "t" });
    const bytes = new TextEncoder().encode("hello");
    expect(await client.appendTaskFile(nodeId, "c1", "stdout.txt", 0, bytes)).toEqual({
      kind: "appended",
    });
    expect(await client.appendTaskFile(nodeId, "c1", "stdout.txt", 2, bytes)).toEqual({
      kind: "offsetMismatch",
      serverLength: 5,
    });
  });

  it("reports LeaseLost as a result, and other refusals as ApiErrors", async () => {
    const { nodeId } = await client.register("pool1", { hostname: "h", agentVersion: "t" });
    const claim = fixture.addTask(task("t1", "/bin/true"));
    const { tasks } = await client.claim(nodeId, { freeSlots: 1, waitMs: 0 });
    expect(tasks.map((t) => t.claimToken)).toEqual([claim]);
    fixture.state.claims.get(claim)!.lost = true;
    const outcome = { startTime: "", endTime: "", result: "success" as const };
    expect(await client.complete(nodeId, claim, outcome)).toBe("leaseLost");
    const error = await client.heartbeat("ghost", { runningClaims: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, batchCode: "NodeNotFound" });
  });

  it("reads, writes and lists the server's storage, with Storage* errors", async () => {
    await client.writeBlob("box", "a/b.txt", new TextEncoder().encode("data"));
    expect(await client.listBlobs("box", "a/")).toEqual([{ path: "a/b.txt", size: 4 }]);
    const chunks: Buffer[] = [];
    for await (const chunk of await client.readBlob("box", "a/b.txt")) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe("data");
    await expect(client.readBlob("box", "missing")).rejects.toMatchObject({
      code: "StorageNotFound",
    });
    const refused = new AgentClient({ url: fixture.url, token: "wrong" });
    await expect(refused.readBlob("box", "a/b.txt")).rejects.toMatchObject({
      code: "StorageAccessDenied",
    });
  });
});
