// A minimal in-memory server of the node agent protocol, for the agent's tests: real HTTP on
// 127.0.0.1 through createHttpServer, with just enough behaviour to drive an agent (queue,
// claims, leases by hand, log appends, local storage). It is a fixture for the agent, not the
// Batch service: the service's own rules are tested in its own suites.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type {
  HeartbeatRequest,
  HeartbeatResponse,
  RegisterNodeRequest,
  TaskAssignment,
  TaskRunOutcome,
} from "../../src/api/index.js";
import { createHttpServer } from "../../src/server/index.js";
import { openLocalStorage, type StorageConnector } from "../../src/storage/index.js";

export const fixtureToken = "fixture-token";

/** A task to queue: an assignment without the claim's fields. */
export type QueuedTask = Omit<TaskAssignment, "claimToken" | "leaseExpiry" | "poolId" | "kind"> &
  Partial<Pick<TaskAssignment, "kind">>;

export interface FixtureNode {
  readonly nodeId: string;
  readonly poolId: string;
  readonly slots: number;
  registrations: number;
  heartbeats: HeartbeatRequest[];
  command: HeartbeatResponse["command"];
  cancel: Set<string>;
}

export interface FixtureClaim {
  readonly task: TaskAssignment;
  readonly nodeId: string;
  lost: boolean;
}

/** What the fixture knows; it survives a restart of the HTTP side (or is cleared by `forget`). */
export interface FixtureState {
  readonly nodes: Map<string, FixtureNode>;
  readonly queue: TaskAssignment[];
  readonly claims: Map<string, FixtureClaim>;
  readonly completions: Map<string, TaskRunOutcome>;
  readonly logs: Map<string, Buffer>;
  readonly requests: string[];
}

export interface FixtureOptions {
  readonly poolId?: string;
  readonly slots?: number;
  readonly heartbeatIntervalMs?: number;
  readonly startTask?: QueuedTask;
}

type Waiter = () => void;

export class FixtureServer {
  readonly state: FixtureState = {
    nodes: new Map(),
    queue: [],
    claims: new Map(),
    completions: new Map(),
    logs: new Map(),
    requests: [],
  };
  port = 0;
  storageRoot = "";
  /** Claims being held open now (long-polls). */
  pendingClaims = 0;
  private app: FastifyInstance | undefined;
  private waiters: Waiter[] = [];
  private counter = 0;
  private closing = false;

  constructor(readonly options: FixtureOptions = {}) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get poolId(): string {
    return this.options.poolId ?? "pool1";
  }

  /** Starts listening (again, on the same port after a `close`). */
  async start(): Promise<void> {
    if (this.storageRoot === "") this.storageRoot = await mkdtemp(join(tmpdir(), "sluice-fx-"));
    const app = createHttpServer({
      token: fixtureToken,
      routes: [(instance) => this.routes(instance)],
    });
    await app.listen({ host: "127.0.0.1", port: this.port });
    const address = app.server.address();
    this.port = typeof address === "object" && address ? address.port : 0;
    this.app = app;
    this.closing = false;
  }

  /** Stops listening; pending claims answer empty first so the close is quick. */
  async close(): Promise<void> {
    this.closing = true;
    this.wake();
    const closed = this.app?.close();
    // Keep-alive connections would hold the close for the keep-alive timeout: cut them, as a
    // server going down does.
    this.app?.server.closeAllConnections();
    await closed;
    this.app = undefined;
  }

  async dispose(): Promise<void> {
    await this.close();
    await rm(this.storageRoot, { recursive: true, force: true });
  }

  /** Queues a task; a waiting claim gets it at once. */
  addTask(task: QueuedTask): string {
    const claimToken = `claim-${++this.counter}`;
    this.state.queue.push({
      kind: "task",
      poolId: this.poolId,
      claimToken,
      leaseExpiry: new Date(Date.now() + 60_000).toISOString(),
      ...task,
    });
    this.wake();
    return claimToken;
  }

  /** A container of the fixture's local storage. */
  container(name: string): StorageConnector {
    return openLocalStorage(join(this.storageRoot, name));
  }

  log(claimToken: string, name: "stdout.txt" | "stderr.txt"): string {
    return this.state.logs.get(`${claimToken}/${name}`)?.toString("utf8") ?? "";
  }

  /** Forgets every node, as a server with a fresh database would. */
  forgetNodes(): void {
    this.state.nodes.clear();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }

  private node(request: FastifyRequest, reply: FastifyReply): FixtureNode | undefined {
    const { nodeId } = request.params as { nodeId: string };
    const node = this.state.nodes.get(nodeId);
    if (node === undefined) void reply.code(404).send(batchError("NodeNotFound", nodeId));
    return node;
  }

  private routes(app: FastifyInstance): void {
    app.addContentTypeParser(
      "application/octet-stream",
      { parseAs: "buffer", bodyLimit: 4 * 1024 * 1024 },
      (_request, body, done) => done(null, body),
    );
    app.addHook("onRequest", async (request) => {
      this.state.requests.push(`${request.method} ${request.url}`);
    });
    app.post("/sluice/agent/pools/:poolId/nodes", async (request, reply) => {
      const { poolId } = request.params as { poolId: string };
      if (poolId !== this.poolId) return reply.code(404).send(batchError("PoolNotFound", poolId));
      return this.register(request.body as RegisterNodeRequest);
    });
    app.post("/sluice/agent/nodes/:nodeId/heartbeat", async (request, reply) => {
      const node = this.node(request, reply);
      if (node === undefined) return reply;
      node.heartbeats.push(request.body as HeartbeatRequest);
      const cancelClaims = [...node.cancel];
      node.cancel.clear();
      return { cancelClaims, command: node.command };
    });
    app.post("/sluice/agent/nodes/:nodeId/claim", async (request, reply) => {
      const node = this.node(request, reply);
      if (node === undefined) return reply;
      const body = request.body as { freeSlots: number; waitMs?: number };
      // A client that hung up (an agent stopping) must not be handed tasks.
      let gone = false;
      reply.raw.once("close", () => {
        gone = true;
        this.wake();
      });
      this.pendingClaims++;
      try {
        const tasks = await this.claim(node, body.freeSlots, body.waitMs ?? 20_000, () => gone);
        return { tasks };
      } finally {
        this.pendingClaims--;
      }
    });
    app.post("/sluice/agent/nodes/:nodeId/claims/:claim/complete", async (request, reply) => {
      const node = this.node(request, reply);
      if (node === undefined) return reply;
      const { claim } = request.params as { claim: string };
      const held = this.state.claims.get(claim);
      if (held === undefined || held.lost)
        return reply.code(409).send(batchError("LeaseLost", claim));
      this.state.completions.set(claim, request.body as TaskRunOutcome);
      return reply.code(204).send();
    });
    app.put("/sluice/agent/nodes/:nodeId/claims/:claim/files/:name", async (request, reply) => {
      const { claim, name } = request.params as { claim: string; name: string };
      const offset = Number((request.query as { offset?: string }).offset ?? "0");
      const key = `${claim}/${name}`;
      const current =
        offset === 0 ? Buffer.alloc(0) : (this.state.logs.get(key) ?? Buffer.alloc(0));
      if (current.length !== offset) {
        return reply.code(409).send({
          ...batchError("AppendOffsetMismatch", key),
          values: [{ key: "CurrentLength", value: String(current.length) }],
        });
      }
      this.state.logs.set(key, Buffer.concat([current, request.body as Buffer]));
      return reply.code(204).send();
    });
    app.get("/sluice/storage/:container/*", async (request, reply) => this.read(request, reply));
    app.put("/sluice/storage/:container/*", async (request, reply) => {
      const { container, "*": path } = request.params as { container: string; "*": string };
      await this.container(container).write(path, request.body as Buffer);
      return reply.code(201).send();
    });
  }

  private register(body: RegisterNodeRequest): unknown {
    const nodeId = body.nodeId ?? `node-${++this.counter}`;
    const existing = this.state.nodes.get(nodeId);
    const node: FixtureNode = existing ?? {
      nodeId,
      poolId: this.poolId,
      slots: body.slots ?? this.options.slots ?? 1,
      registrations: 0,
      heartbeats: [],
      command: "none",
      cancel: new Set(),
    };
    node.registrations++;
    this.state.nodes.set(nodeId, node);
    const start = this.options.startTask;
    return {
      nodeId,
      poolId: this.poolId,
      slots: node.slots,
      heartbeatIntervalMs: this.options.heartbeatIntervalMs ?? 100,
      leaseMs: 5000,
      accountName: "fixture",
      ...(start === undefined
        ? {}
        : {
            startTask: {
              kind: "startTask",
              poolId: this.poolId,
              claimToken: `start-${nodeId}`,
              leaseExpiry: new Date(Date.now() + 60_000).toISOString(),
              ...start,
            },
          }),
    };
  }

  private async claim(node: FixtureNode, freeSlots: number, waitMs: number, gone: () => boolean) {
    const deadline = Date.now() + waitMs;
    for (;;) {
      if (gone()) return [];
      const taken = this.take(node, freeSlots);
      if (taken.length > 0 || Date.now() >= deadline || this.closing) return taken;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private take(node: FixtureNode, freeSlots: number): TaskAssignment[] {
    const taken: TaskAssignment[] = [];
    let free = freeSlots;
    while (this.state.queue.length > 0 && (this.state.queue[0]?.requiredSlots ?? 1) <= free) {
      const task = this.state.queue.shift()!;
      free -= task.requiredSlots;
      this.state.claims.set(task.claimToken, { task, nodeId: node.nodeId, lost: false });
      taken.push(task);
    }
    return taken;
  }

  private async read(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    const { container, "*": path } = request.params as { container: string; "*": string };
    const query = request.query as { list?: string; prefix?: string };
    const storage = this.container(container);
    if (query.list !== undefined) {
      const files: { path: string; size: number }[] = [];
      for await (const entry of storage.list(query.prefix ?? "")) {
        if (entry.kind === "file") files.push({ path: entry.path, size: entry.size });
      }
      return { files };
    }
    if (!(await storage.exists(path)))
      return reply.code(404).send(batchError("BlobNotFound", path));
    return reply.type("application/octet-stream").send(await storage.read(path));
  }
}

function batchError(code: string, subject: string): { code: string; message: object } {
  return { code, message: { lang: "en-US", value: `${code}: ${subject}` } };
}

/** Polls `check` until it holds, failing after `timeoutMs`: for effects of other processes. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
