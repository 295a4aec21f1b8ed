// The pool's start task on a node: handed out at registration, its result reported by the
// agent (in a heartbeat or as a completion). With `waitForSuccess` (default true) the node
// waits in `waitingforstarttask`, then turns `idle`, or `starttaskfailed` and gets no tasks.
// A failure with retries left (`maxTaskRetryCount`) asks the agent to reboot, which runs the
// start task again when it registers anew.
import type {
  StartTask,
  StartTaskInformation,
  TaskAssignment,
  TaskRunOutcome,
} from "../../api/index.js";
import type { NodeRecord, PoolRecord } from "../../store/index.js";
import { toBatchTime } from "../duration.js";
import { nextNodeState } from "../state/node-state.js";
import { canRetry } from "../state/task-state.js";
import { identityField, mergedEnvironment, resourceAssignments } from "./assignment.js";
import { startTaskClaimToken } from "./claim-token.js";
import { asJson, nodeInfoOf, poolSpecOf, type NodeInfo } from "./records.js";
import type { ServiceContext } from "./service-deps.js";

/** What a node keeps about start task retries, beside Batch's `startTaskInfo`. */
interface StartTaskBook extends NodeInfo {
  readonly startTaskRetries?: number;
}

/** The start task as an assignment for the node, or undefined when the pool has none. */
export function startTaskAssignment(
  ctx: ServiceContext,
  pool: PoolRecord,
  nodeId: string,
  attempt: number,
): TaskAssignment | undefined {
  const startTask = poolSpecOf(pool).startTask;
  if (startTask === undefined) return undefined;
  return {
    claimToken: startTaskClaimToken(nodeId, attempt),
    kind: "startTask",
    poolId: pool.id,
    commandLine: startTask.commandLine,
    environmentSettings: mergedEnvironment(undefined, startTask.environmentSettings),
    resourceFiles: resourceAssignments(startTask.resourceFiles),
    outputFiles: [],
    requiredSlots: 1,
    leaseExpiry: toBatchTime(ctx.clock.now() + ctx.settings.leaseMs),
    ...identityField(startTask.userIdentity),
  };
}

/** `startTaskInfo` for a start task that just began, keeping the retries so far. */
export function startTaskBegun(node: NodeRecord | undefined, now: number): StartTaskBook {
  const info = (node === undefined ? {} : nodeInfoOf(node)) as StartTaskBook;
  const retryCount = info.startTaskRetries ?? 0;
  return {
    ...info,
    startTaskInfo: { state: "running", startTime: toBatchTime(now), retryCount },
  };
}

/** Applies a start task result to the node, once; true when the agent must reboot to retry. */
export async function applyStartTaskResult(
  ctx: ServiceContext,
  node: NodeRecord,
  pool: PoolRecord,
  result: TaskRunOutcome,
): Promise<boolean> {
  const startTask = poolSpecOf(pool).startTask;
  const info = nodeInfoOf(node) as StartTaskBook;
  const previous = info.startTaskInfo;
  if (startTask === undefined || previous === undefined || previous.state === "completed")
    return false;
  const retries = info.startTaskRetries ?? 0;
  const succeeded = result.result === "success";
  const retry = !succeeded && canRetry(retries, startTask.maxTaskRetryCount ?? 0);
  const now = ctx.clock.now();
  const startTaskInfo: StartTaskInformation = {
    ...previous,
    state: "completed",
    endTime: toBatchTime(now),
    ...(result.exitCode === undefined ? {} : { exitCode: result.exitCode }),
    ...(result.failureInfo === undefined ? {} : { failureInfo: result.failureInfo }),
    result: succeeded ? "success" : "failure",
    ...(retry ? { lastRetryTime: toBatchTime(now) } : {}),
  };
  const state = retry ? node.state : nextState(node, startTask, succeeded);
  const book: StartTaskBook = {
    ...info,
    startTaskInfo,
    ...(retry ? { startTaskRetries: retries + 1, command: "reboot" } : { startTaskRetries: 0 }),
  };
  await ctx.nodes.update(node.id, {
    state,
    ...(state === node.state ? {} : { stateTransitionTime: now }),
    info: asJson(book),
  });
  if (state === "idle") ctx.signal.notify(node.poolKey);
  return retry;
}

function nextState(node: NodeRecord, startTask: StartTask, succeeded: boolean) {
  const view = { state: node.state, schedulingState: node.schedulingState, runningTaskSlots: 0 };
  return succeeded
    ? nextNodeState(view, { kind: "startTaskSucceeded" })
    : nextNodeState(view, {
        kind: "startTaskFailed",
        ...(startTask.waitForSuccess === undefined
          ? {}
          : { waitForSuccess: startTask.waitForSuccess }),
      });
}
