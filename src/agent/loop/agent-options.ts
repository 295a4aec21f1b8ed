import { SluiceError, type Clock, type Logger, type RandomSource } from "../../core/index.js";
import type { TaskAssignment, TaskRunOutcome } from "../../client/index.js";

/** What `runAgent` needs to join a pool. */
export interface AgentOptions {
  /** The server's base URL, e.g. `http://127.0.0.1:7070`. */
  readonly serverUrl: string;
  /** The server's bearer token. Never logged. */
  readonly token: string;
  readonly poolId: string;
  /** The node root directory (`AZ_BATCH_NODE_ROOT_DIR`); made absolute against the cwd. */
  readonly root: string;
  /** Task slots to offer; default the pool's `taskSlotsPerNode` (the server decides). */
  readonly slots?: number;
  /** Where the node id is kept so a restart rejoins as the same node; default `<root>/node-id`. */
  readonly nodeIdFile?: string;
  /** How long a claim long-polls, in milliseconds; default 20,000. */
  readonly claimWaitMs?: number;
  /** On shutdown, how long running tasks may still run before they are cancelled; default 10,000. */
  readonly shutdownGraceMs?: number;
  /** Milliseconds between log appends while a task runs; default 1,000. */
  readonly logIntervalMs?: number;
  /** Longest wait between retries of an unreachable server; default 5,000. */
  readonly maxRetryDelayMs?: number;
  /**
   * How task processes start: `helper` (the default) through a small long-lived Perl spawn
   * helper, whose forks are cheap, falling back to `direct` (forking the agent) where there
   * is no perl; `SLUICE_AGENT_SPAWNER=direct` picks the fallback.
   */
  readonly spawner?: "helper" | "direct";
  /**
   * A file holding the server's current URL (a local pool's agents get one in the data
   * directory): read again whenever a request fails to reach the server, so an agent that
   * outlived its server follows it to a restart on another port. Default: none.
   */
  readonly serverUrlFile?: string;
  /**
   * Once orphaned (see {@link AgentContext.orphaned}), how long the server may stay
   * unreachable before the agent cancels its tasks and exits; default the node lease the
   * server gave at registration (after it, the server requeues the node's tasks anyway).
   */
  readonly orphanGraceMs?: number;
}

/** What the agent reports as it goes (the CLI prints these as progress lines). */
export type AgentEvent =
  | {
      readonly kind: "registered";
      readonly nodeId: string;
      readonly poolId: string;
      readonly slots: number;
    }
  | { readonly kind: "taskStarted"; readonly task: TaskAssignment }
  | {
      readonly kind: "taskEnded";
      readonly task: TaskAssignment;
      readonly outcome: TaskRunOutcome;
      /** `completed`: the server took the result; `leaseLost` / `cancelled`: it was dropped. */
      readonly reported: "completed" | "leaseLost" | "cancelled" | "unreported";
    }
  | { readonly kind: "serverUnreachable"; readonly error: string }
  | { readonly kind: "serverReachable" }
  | { readonly kind: "command"; readonly command: "reboot" | "leave" }
  | { readonly kind: "stopping"; readonly reason: "signal" | "leave" | "orphaned" };

/** The environment of `runAgent`. */
export interface AgentContext {
  /** Task start and end times. */
  readonly clock: Clock;
  /** Aborting it shuts the agent down gracefully (SIGTERM / SIGINT). */
  readonly signal: AbortSignal;
  /**
   * Aborting it says the process that started this agent (its server) is gone: the agent
   * claims nothing more, lets running tasks finish and reports them (retrying until the
   * server is back, at the URL in `serverUrlFile` if it moved), then exits; if the server
   * stays unreachable for `orphanGraceMs`, it cancels what runs and exits. For an embedded
   * agent whose server was killed: a restart re-attaches to its tasks instead of running
   * them again.
   */
  readonly orphaned?: AbortSignal;
  /** Default: silent. */
  readonly logger?: Logger;
  /** Default: none. */
  readonly onEvent?: (event: AgentEvent) => void;
  /** Jitter of retry delays; default the platform's generator. */
  readonly random?: RandomSource;
  /** Environment inherited by tasks (PATH, HOME...); default `process.env`. */
  readonly agentEnvironment?: Readonly<Record<string, string | undefined>>;
}

function invalid(field: string, value: unknown, allowed: string): SluiceError {
  return new SluiceError(
    "InvalidArgument",
    `Agent option ${field} is ${JSON.stringify(value)}; ${allowed}.`,
    { details: { field, value } },
  );
}

/** Refuses options the agent cannot run with, naming the field. */
export function validateAgentOptions(options: AgentOptions): void {
  if (!URL.canParse(options.serverUrl) || !/^https?:$/.test(new URL(options.serverUrl).protocol))
    throw invalid("serverUrl", options.serverUrl, "expected an http:// or https:// URL");
  if (options.token === "") throw invalid("token", "", "it must not be empty");
  if (options.poolId === "") throw invalid("poolId", "", "it must not be empty");
  if (options.root === "") throw invalid("root", "", "it must name a directory");
  if (options.slots !== undefined && !(Number.isInteger(options.slots) && options.slots >= 1))
    throw invalid("slots", options.slots, "expected an integer of 1 or more");
  for (const field of [
    "claimWaitMs",
    "shutdownGraceMs",
    "logIntervalMs",
    "maxRetryDelayMs",
    "orphanGraceMs",
  ] as const) {
    const value = options[field];
    if (value !== undefined && !(Number.isFinite(value) && value >= 0))
      throw invalid(field, value, "expected a number of milliseconds, 0 or more");
  }
}
