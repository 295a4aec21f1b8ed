import { SluiceError, isSluiceError } from "../../core/index.js";
import type { TriggerRunRecord, TriggerRunStatus, TriggerStore } from "../../store/index.js";
import type { RunStarter } from "./scheduler-deps.js";

const cancellable: TriggerRunStatus[] = ["Waiting", "WaitingOnDependency", "Running"];

/**
 * ADF's trigger run cancel for a tumbling window: a waiting window becomes Cancelled at once;
 * a running one too, and its pipeline run is cancelled (with the runs it started). The
 * window keeps its place: a rerun runs it again. A window that ended, or a schedule or event
 * fire, is refused with `InvalidArgument` naming the run.
 */
export async function cancelWindow(
  store: TriggerStore,
  engine: RunStarter,
  run: TriggerRunRecord,
): Promise<TriggerRunRecord> {
  const cancelled =
    run.windowStart === null
      ? undefined
      : await store.updateRun(
          run.triggerRunId,
          { status: "Cancelled", message: "Cancelled by the user.", leaseOwner: null },
          { ifStatus: cancellable },
        );
  if (cancelled === undefined) {
    const now = run.windowStart === null ? run : await store.getRun(run.triggerRunId);
    throw new SluiceError(
      "InvalidArgument",
      `Trigger run "${run.triggerRunId}" is ${now.windowStart === null ? `a ${now.triggerType} fire` : `a window that is ${now.status}`}; only a tumbling window that is ${cancellable.join(", ")} can be cancelled (cancel a fire's pipeline runs with sluice runs cancel).`,
      { details: { field: "runId", value: run.triggerRunId, status: now.status } },
    );
  }
  // The window is Cancelled first, so the scheduler does not read the cancelled run as a
  // failure to retry; the run it had (if it had one) is cancelled after.
  if (run.status === "Running" && run.runId !== null) {
    // A run not created yet is cancelled by the scheduler when it finds the window Cancelled.
    await engine.cancelRun(run.factory, run.runId, { isRecursive: true }).catch((error) => {
      if (!isSluiceError(error) || error.code !== "StoreNotFound") throw error;
    });
  }
  return cancelled;
}
