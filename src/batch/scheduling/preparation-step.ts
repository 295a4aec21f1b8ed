// Whether a node must run a job's preparation task before the job's tasks it just claimed.

/** A job's preparation task on one node, as the store keeps it. */
export interface PreparationView {
  /** Batch's `running` / `completed`; null before the node was first handed it. */
  readonly state: "running" | "completed" | null;
  /** When the current (or last) run was handed out, in ms. */
  readonly start: number | null;
  /** `completed` with `result` success. */
  readonly succeeded: boolean;
  /** The node may not run the job's tasks (it failed with `waitForSuccess`). */
  readonly blocked: boolean;
}

/**
 * `run`: hand out a new run of the preparation task first; `join`: one is running on the node
 * now, the tasks wait for it; `ready`: the tasks may start; `blocked`: the node may not run them.
 */
export type PreparationStep = "run" | "join" | "ready" | "blocked";

/** What the decision reads besides the stored run. */
export interface PreparationContext {
  /** The node's `lastBootTime` (its agent registered or rebooted then); null if never. */
  readonly lastBootTime: number | null;
  /** The job's `jobPreparationTask.rerunOnNodeRebootAfterSuccess`; default true. */
  readonly rerunOnNodeRebootAfterSuccess?: boolean;
}

/**
 * Batch's rules for a job preparation task on a node: it runs before the job's first task
 * there; a run handed out before the node's last boot died with it and runs again; a success
 * before that boot runs again unless `rerunOnNodeRebootAfterSuccess` is false; a failure
 * under `waitForSuccess` (stored as `blocked`) keeps the job's tasks off the node, a failure
 * without it lets them run. Pure.
 */
export function preparationStep(
  current: PreparationView | undefined,
  context: PreparationContext,
): PreparationStep {
  if (current === undefined || current.state === null) return "run";
  if (current.blocked) return "blocked";
  const beforeBoot = context.lastBootTime !== null && (current.start ?? 0) < context.lastBootTime;
  if (current.state === "running") return beforeBoot ? "run" : "join";
  if (current.succeeded && beforeBoot && context.rerunOnNodeRebootAfterSuccess !== false) {
    return "run";
  }
  return "ready";
}
