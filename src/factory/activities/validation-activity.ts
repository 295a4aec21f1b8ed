import { setTimeout as delay } from "node:timers/promises";
import type { Clock } from "../../core/index.js";
import { SluiceError } from "../../core/index.js";
import { itemPath } from "../connections/dataset-location.js";
import { openDatasetStorage, type DatasetStorage } from "../connections/dataset-storage.js";
import type { LinkedStorageDeps } from "../connections/linked-storage.js";
import { parseTimeSpan, userError } from "../engine/index.js";
import type { ActivityExecutor, ActivityInvocation, ActivityOutcome } from "./activity-executor.js";

/** What Validation needs: the clock, and how to wait between checks (injected for tests). */
export interface ValidationDeps extends LinkedStorageDeps {
  readonly clock: Clock;
  /** Waits `ms` or until `signal` aborts; default a real timer. */
  readonly wait?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const defaultTimeout = "7.00:00:00";

/**
 * ADF's Validation activity: checks the dataset every `sleep` seconds (default 10) until it
 * holds or `timeout` (default 7 days) passes. A file must exist and have at least
 * `minimumSize` bytes (default 0); a folder must exist and, with `childItems` true, hold at
 * least one item, or with `childItems` false, be empty.
 */
export function createValidationExecutor(deps: ValidationDeps): ActivityExecutor {
  const wait = deps.wait ?? ((ms, signal) => delay(ms, undefined, { signal }));
  return {
    async run(invocation: ActivityInvocation): Promise<ActivityOutcome> {
      const props = invocation.typeProperties;
      const timeoutMs = parseTimeSpan(props.timeout ?? defaultTimeout, {
        field: "typeProperties.timeout",
        maxMs: 7 * 24 * 3600 * 1000,
        maxText: "7 days",
      });
      const sleepMs = seconds(props.sleep, 10, "sleep") * 1000;
      const minimumSize = seconds(props.minimumSize, 0, "minimumSize");
      const opened = await openDatasetStorage(invocation.resources, props.dataset, deps);
      const deadline = deps.clock.now() + timeoutMs;
      for (;;) {
        if (await holds(opened, minimumSize, props.childItems)) {
          return { status: "Succeeded", output: {} };
        }
        if (deps.clock.now() >= deadline)
          return timedOut(invocation.activity.name, opened, props.timeout);
        try {
          await wait(
            Math.min(sleepMs, Math.max(deadline - deps.clock.now(), 0)),
            invocation.signal,
          );
        } catch (error) {
          if (!invocation.signal.aborted) throw error;
          return {
            status: "Failed",
            error: userError(
              invocation.activity.name,
              "OperationCanceled",
              "The Validation activity was cancelled or timed out.",
            ),
          };
        }
      }
    },
  };
}

async function holds(
  opened: DatasetStorage,
  minimumSize: number,
  childItems: unknown,
): Promise<boolean> {
  const { location, storage } = opened;
  if (location.fileName !== "") {
    const file = await storage.connector.stat(itemPath(location));
    return file !== undefined && file.size >= minimumSize;
  }
  if (!(await storage.folderExists(location.folderPath))) return false;
  if (childItems === undefined || childItems === null) return true;
  const prefix = location.folderPath === "" ? "" : `${location.folderPath}/`;
  let hasChild = false;
  for await (const entry of storage.connector.list(prefix, { recursive: false })) {
    hasChild = entry !== undefined;
    break;
  }
  return childItems === true || childItems === "true" ? hasChild : !hasChild;
}

function timedOut(name: string, opened: DatasetStorage, timeout: unknown): ActivityOutcome {
  const path = itemPath(opened.location) || "(container root)";
  const message = `Validation timed out after ${String(timeout ?? defaultTimeout)}: '${path}' of dataset '${opened.dataset.name}' did not meet the conditions (exists, minimumSize, childItems).`;
  return {
    status: "Failed",
    error: userError(name, "ValidationTimeout", message),
    retryable: false,
  };
}

function seconds(value: unknown, fallback: number, field: string): number {
  if (value === undefined || value === null || value === "") return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) {
    throw new SluiceError(
      "InvalidArgument",
      `typeProperties.${field} must be a number >= 0, not ${JSON.stringify(value)}.`,
      {
        details: { field, value },
      },
    );
  }
  return number;
}
