import { hostname } from "node:os";
import { ApiError, type AgentClient, type RegisterNodeResponse } from "../../client/index.js";
import type { RandomSource } from "../../core/index.js";
import type { AgentEvent } from "./agent-options.js";
import { backoffDelay, pause } from "./backoff.js";
import { readOrCreateNodeId, writeNodeId } from "./node-id-file.js";

/** The agent's version, sent at registration. */
export const agentVersion = "0.1.0";

/** True when the server answered that it does not know this node (it forgot it). */
export function isNodeForgotten(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

/**
 * True when the server answered and refused for good (bad token, no such pool): retrying
 * cannot help. Network errors, timeouts, 5xx, 408 and 429 are worth retrying.
 */
export function isRefusal(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  return error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
}

/** What the session needs. */
export interface SessionOptions {
  readonly client: AgentClient;
  readonly poolId: string;
  readonly slots?: number;
  readonly nodeIdFile: string;
  readonly random: RandomSource;
  readonly maxRetryDelayMs: number;
  readonly emit: (event: AgentEvent) => void;
}

/**
 * The agent's standing with the server: its registration (kept in the node id file so a
 * restart rejoins as the same node), re-registration when the server forgot the node, and
 * whether the server is reachable (reported once per change).
 */
export class ServerSession {
  registration: RegisterNodeResponse | undefined;
  private reregistering: Promise<void> | undefined;
  private reachable = true;

  constructor(private readonly options: SessionOptions) {}

  get nodeId(): string {
    if (this.registration === undefined) throw new Error("the agent is not registered yet");
    return this.registration.nodeId;
  }

  /**
   * Registers, retrying with backoff while the server is unreachable. Resolves false when
   * `signal` aborts first; rejects when the server refuses (no such pool, bad token).
   */
  async register(signal: AbortSignal): Promise<boolean> {
    const known =
      this.registration?.nodeId ??
      (await readOrCreateNodeId(this.options.nodeIdFile, this.options.random));
    for (let attempt = 0; !signal.aborted; attempt++) {
      try {
        const response = await this.options.client.register(
          this.options.poolId,
          {
            nodeId: known,
            ...(this.options.slots === undefined ? {} : { slots: this.options.slots }),
            hostname: hostname(),
            agentVersion,
            // The address other nodes reach this one at (multi-instance tasks' host list).
            ...(nodeAddress() === undefined ? {} : { ipAddress: nodeAddress() }),
          },
          signal,
        );
        this.markReachable();
        if (response.nodeId !== known) await writeNodeId(this.options.nodeIdFile, response.nodeId);
        this.registration = response;
        const { nodeId, poolId, slots } = response;
        this.options.emit({ kind: "registered", nodeId, poolId, slots });
        return true;
      } catch (error) {
        if (signal.aborted) return false;
        if (isRefusal(error)) throw error;
        await this.unreachable(error, attempt, signal);
      }
    }
    return false;
  }

  /** Registers again as the same node; concurrent callers share one attempt. */
  reregister(signal: AbortSignal): Promise<void> {
    this.reregistering ??= this.register(signal)
      .then(() => undefined)
      .finally(() => (this.reregistering = undefined));
    return this.reregistering;
  }

  /**
   * After a failed call: re-registers when the server forgot the node, rethrows a refusal,
   * otherwise notes the server unreachable and waits a backoff delay.
   */
  async recover(error: unknown, attempt: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    if (isNodeForgotten(error)) return this.reregister(signal);
    if (isRefusal(error)) throw error;
    await this.unreachable(error, attempt, signal);
  }

  markReachable(): void {
    if (this.reachable) return;
    this.reachable = true;
    this.options.emit({ kind: "serverReachable" });
  }

  private async unreachable(error: unknown, attempt: number, signal: AbortSignal): Promise<void> {
    if (this.reachable) {
      this.reachable = false;
      this.options.emit({ kind: "serverUnreachable", error: describe(error) });
    }
    const delay = backoffDelay(attempt, this.options.random.next(), {
      maxMs: this.options.maxRetryDelayMs,
    });
    await pause(delay, signal);
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
}

/** `SLUICE_NODE_ADDRESS`, when set: this node's address for other nodes (default loopback). */
function nodeAddress(): string | undefined {
  const address = process.env.SLUICE_NODE_ADDRESS?.trim();
  return address === undefined || address === "" ? undefined : address;
}
