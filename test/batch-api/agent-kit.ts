// A node agent as a test drives it: the protocol's calls, one by one, over the API.
import { expect } from "vitest";
import type {
  ClaimResponse,
  HeartbeatResponse,
  RegisterNodeResponse,
  TaskAssignment,
  TaskRunOutcome,
} from "../../src/api/index.js";
import { agentPaths } from "../../src/api/index.js";
import { json, type BatchApi } from "./batch-api-kit.js";

export const ok: TaskRunOutcome = {
  startTime: "2026-01-01T00:00:00.000Z",
  endTime: "2026-01-01T00:00:01.000Z",
  exitCode: 0,
  result: "success",
};

export const exitWith = (exitCode: number): TaskRunOutcome => ({
  ...ok,
  exitCode,
  result: exitCode === 0 ? "success" : "failure",
  ...(exitCode === 0 ? {} : { failureKind: "exitCode" as const }),
});

/** A fake agent: the calls a real one makes, as a test orders them. */
export class TestAgent {
  constructor(
    readonly api: BatchApi,
    readonly nodeId: string,
  ) {}

  static async register(api: BatchApi, poolId = "pool", extra: object = {}): Promise<TestAgent> {
    const response = await api.call("POST", agentPaths.register(poolId), {
      hostname: "test-host",
      agentVersion: "0.1.0",
      ...extra,
    });
    expect(response.statusCode, response.body).toBe(201);
    return new TestAgent(api, json<RegisterNodeResponse>(response).nodeId);
  }

  async claim(freeSlots = 1, waitMs = 0): Promise<TaskAssignment[]> {
    const response = await this.api.call("POST", agentPaths.claim(this.nodeId), {
      freeSlots,
      waitMs,
    });
    expect(response.statusCode, response.body).toBe(200);
    return [...json<ClaimResponse>(response).tasks];
  }

  async heartbeat(
    runningClaims: readonly string[] = [],
    extra: object = {},
  ): Promise<HeartbeatResponse> {
    const response = await this.api.call("POST", agentPaths.heartbeat(this.nodeId), {
      runningClaims,
      ...extra,
    });
    expect(response.statusCode, response.body).toBe(200);
    return json<HeartbeatResponse>(response);
  }

  complete(claimToken: string, outcome: TaskRunOutcome = ok) {
    return this.api.call("POST", agentPaths.complete(this.nodeId, claimToken), outcome);
  }

  append(claimToken: string, name: "stdout.txt" | "stderr.txt", offset: number, text: string) {
    return this.api.app.inject({
      method: "PUT",
      url: `${agentPaths.taskFile(this.nodeId, claimToken, name)}?offset=${offset}`,
      headers: { authorization: "Bearer test-token", "content-type": "application/octet-stream" },
      payload: Buffer.from(text),
    });
  }

  /** Claims one task and completes it with `outcome`; returns the assignment. */
  async runOne(outcome: TaskRunOutcome = ok): Promise<TaskAssignment> {
    const [task] = await this.claim();
    expect(task).toBeDefined();
    const response = await this.complete(task!.claimToken, outcome);
    expect(response.statusCode, response.body).toBe(204);
    return task!;
  }
}
