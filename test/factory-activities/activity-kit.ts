// What the execution-activity suites share: an invocation as the engine hands it over, a
// factory's linked services and datasets, and a real HTTP server on loopback.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { JsonObject, JsonValue } from "../../src/core/index.js";
import type {
  ActivityInvocation,
  FactoryResources,
  NamedDefinition,
} from "../../src/factory/index.js";

/** Linked services and datasets by name, compared case-insensitively as ADF does. */
export function resourcesOf(defs: {
  linkedServices?: readonly NamedDefinition[];
  datasets?: readonly NamedDefinition[];
}): FactoryResources {
  const find = (list: readonly NamedDefinition[] | undefined, name: string) =>
    list?.find((def) => def.name.toLowerCase() === name.toLowerCase());
  return {
    linkedService: async (name) => find(defs.linkedServices, name),
    dataset: async (name) => find(defs.datasets, name),
  };
}

/** An invocation of one attempt; `saved` collects what the executor saved, `progress` what it reported. */
export interface TestInvocation extends ActivityInvocation {
  readonly saved: JsonValue[];
  readonly progress: JsonValue[];
}

export interface InvocationOptions {
  readonly resources?: FactoryResources;
  readonly resumedState?: JsonValue;
  readonly signal?: AbortSignal;
  readonly factory?: string;
  readonly activityRunId?: string;
}

/** The attempt of activity `name` of `type` with these (already resolved) typeProperties. */
export function invocationOf(
  type: string,
  typeProperties: Record<string, unknown>,
  options: InvocationOptions = {},
): TestInvocation {
  const saved: JsonValue[] = [];
  const progress: JsonValue[] = [];
  return {
    activity: { name: `My${type}`, type, typeProperties },
    typeProperties,
    scope: {},
    factory: options.factory ?? "default",
    pipelineName: "pipeline1",
    pipelineRunId: "run-1",
    activityRunId: options.activityRunId ?? "activity-run-1",
    retryAttempt: 0,
    timeoutMs: 12 * 3_600_000,
    signal: options.signal ?? new AbortController().signal,
    resources: options.resources ?? resourcesOf({}),
    resumedState: options.resumedState,
    saved,
    progress,
    async saveState(state) {
      saved.push(state);
    },
    async reportProgress(report) {
      progress.push(report);
    },
  };
}

/** A request the test server received, body read whole. */
export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage["headers"];
  readonly body: string;
}

export type TestHandler = (
  request: ReceivedRequest,
  response: ServerResponse,
) => void | Promise<void>;

/** A node:http server on a free loopback port. */
export interface TestServer {
  readonly url: string;
  readonly requests: ReceivedRequest[];
  close(): Promise<void>;
}

export async function startTestServer(handler: TestHandler): Promise<TestServer> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const received = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(received);
      void Promise.resolve(handler(received, res)).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers with a JSON body. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "Content-Type": "application/json" });
  response.end(JSON.stringify(body));
}

/** Polls `check` until it returns a value, or fails after `timeoutMs`. */
export async function waitUntil<T>(check: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The output of a Succeeded outcome, or a failure naming what happened instead. */
export function outputOf(outcome: { status: string; output?: JsonValue }): JsonObject {
  if (outcome.status !== "Succeeded")
    throw new Error(`expected Succeeded: ${JSON.stringify(outcome)}`);
  return outcome.output as JsonObject;
}
