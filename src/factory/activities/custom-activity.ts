import { SluiceError, systemClock, type Clock, type JsonValue } from "../../core/index.js";
import { isBatchError, type BatchService } from "../../batch/index.js";
import type { LinkedStorageDeps } from "../connections/linked-storage.js";
import { openLinkedStorage } from "../connections/linked-storage.js";
import { resolveResource, type ResolvedDefinition } from "../connections/resolve-definition.js";
import { userError } from "../engine/index.js";
import type { ActivityExecutor, ActivityInvocation, ActivityOutcome } from "./activity-executor.js";
import { taskStorageOf } from "./custom-locations.js";
import { customOutcome, type CustomEnd } from "./custom-outcome.js";
import { referenceOf, stageCustomFiles } from "./custom-staging.js";
import { adfJobsContainer, customJobId, customTaskBody, outputFolder } from "./custom-task.js";

/** What the Custom activity needs from the composition root. */
export interface CustomActivityDeps extends LinkedStorageDeps {
  /** The Batch service its tasks run on (the pool is the AzureBatch linked service's `poolName`). */
  readonly batch: BatchService;
  /** The server's URL once it listens: nodes fetch embedded-storage files through it. */
  readonly serverUrl: () => string;
  readonly clock?: Clock;
  /** Longest pause between looks at the task's state; default 250 ms (the first looks are quicker). */
  readonly maxPollMs?: number;
  /** An account-wide shared access URL of the embedded storage for tasks (see custom-staging.ts). */
  readonly localSasUri?: () => string;
}

/** Where an attempt's task is, saved before the task is added so a restart re-attaches. */
interface SavedTask {
  readonly jobId: string;
  readonly taskId: string;
}

/**
 * ADF's Custom activity on Sluice's Batch service: stages the runtime files and the
 * `folderPath` files, adds a task to the job `adfv2-<poolName>` and waits for it. A restart
 * finds the task through the saved state and waits for it again instead of adding another.
 */
export function createCustomActivityExecutor(deps: CustomActivityDeps): ActivityExecutor {
  const clock = deps.clock ?? systemClock;
  return {
    run: async (invocation) => {
      const batchService = await batchLinkedService(invocation);
      const poolName = stringProperty(batchService, "poolName");
      const jobsService = await jobsStorageService(invocation, batchService);
      const saved = savedTaskOf(invocation.resumedState);
      const task = saved ?? { jobId: customJobId(poolName), taskId: invocation.activityRunId };
      if (!saved || !(await taskExists(deps.batch, task))) {
        await submit(invocation, deps, { poolName, task, jobsService, now: clock.now() });
      }
      const ended = await waitForTask(deps, task, invocation.signal);
      if (ended === undefined) return cancelledOutcome(invocation);
      const jobs = openLinkedStorage(jobsService, adfJobsContainer, deps).connector;
      return customOutcome(invocation, ended, {
        jobs,
        outputFolder: outputFolder(invocation.activityRunId),
        stderrTail: () => stderrTail(deps.batch, task),
        shownUrl: async (path) => (await taskStorageShown(jobsService, deps, clock.now()))(path),
      });
    },
  };
}

async function submit(
  invocation: ActivityInvocation,
  deps: CustomActivityDeps,
  plan: { poolName: string; task: SavedTask; jobsService: ResolvedDefinition; now: number },
): Promise<void> {
  const command = invocation.typeProperties.command;
  if (typeof command !== "string" || command.trim() === "") {
    throw new SluiceError("InvalidArgument", "The Custom activity needs typeProperties.command.", {
      details: { field: "typeProperties.command", value: command ?? null },
    });
  }
  await ensureJob(deps.batch, plan.poolName, plan.task.jobId);
  const staged = await stageCustomFiles(invocation, plan.jobsService, {
    ...deps,
    now: plan.now,
  });
  await invocation.saveState(plan.task as unknown as JsonValue);
  const body = customTaskBody({
    taskId: plan.task.taskId,
    command,
    files: staged.files,
    jobsStorage: staged.jobsStorage,
    activityRunId: invocation.activityRunId,
    timeoutMs: invocation.timeoutMs,
  });
  await deps.batch.tasks.add(plan.task.jobId, body);
}

async function ensureJob(batch: BatchService, poolName: string, jobId: string): Promise<void> {
  try {
    await batch.pools.get(poolName);
  } catch (error) {
    if (isBatchError(error, "PoolNotFound")) {
      throw new SluiceError(
        "InvalidArgument",
        `The AzureBatch linked service names pool '${poolName}', which does not exist; create it (sluice pool create) or fix poolName.`,
        { details: { field: "poolName", value: poolName } },
      );
    }
    throw error;
  }
  try {
    await batch.jobs.add({ id: jobId, poolInfo: { poolId: poolName } });
  } catch (error) {
    if (!isBatchError(error, "JobExists")) throw error;
  }
}

async function taskExists(batch: BatchService, task: SavedTask): Promise<boolean> {
  try {
    await batch.tasks.get(task.jobId, task.taskId);
    return true;
  } catch (error) {
    if (isBatchError(error, "TaskNotFound") || isBatchError(error, "JobNotFound")) return false;
    throw error;
  }
}

// Quick looks first (a short command ends in milliseconds), then at most every maxPollMs.
async function waitForTask(
  deps: CustomActivityDeps,
  task: SavedTask,
  signal: AbortSignal,
): Promise<CustomEnd | undefined> {
  let pause = 5;
  for (;;) {
    if (signal.aborted) {
      // A server letting go of the run leaves the task running; it re-attaches later.
      if (signal.reason !== "serverStopping") {
        await deps.batch.tasks.terminate(task.jobId, task.taskId).catch(() => undefined);
      }
      return undefined;
    }
    const current = await deps.batch.tasks.get(task.jobId, task.taskId);
    if (current.state === "completed") return { task: current };
    await pauseFor(pause, signal);
    pause = Math.min(pause * 2, deps.maxPollMs ?? 250);
  }
}

function pauseFor(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

async function stderrTail(batch: BatchService, task: SavedTask): Promise<string> {
  try {
    const file = await batch.tasks.readFile(task.jobId, task.taskId, "stderr.txt", {
      suffix: 2048,
    });
    const chunks: Buffer[] = [];
    for await (const chunk of file.body) chunks.push(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks).toString("utf8");
  } catch {
    // No stderr (a task that never started): the message simply has no tail.
    return "";
  }
}

function cancelledOutcome(invocation: ActivityInvocation): ActivityOutcome {
  return {
    status: "Failed",
    retryable: false,
    error: userError(
      invocation.activity.name,
      "OperationCanceled",
      "The Custom activity's task was stopped.",
    ),
  };
}

async function batchLinkedService(invocation: ActivityInvocation): Promise<ResolvedDefinition> {
  const reference = referenceOf(invocation.activity.linkedServiceName);
  if (!reference) {
    throw new SluiceError(
      "InvalidArgument",
      "The Custom activity needs linkedServiceName: an AzureBatch linked service naming the pool.",
      { details: { field: "linkedServiceName" } },
    );
  }
  const service = await resolveResource(
    invocation.resources,
    "linkedService",
    reference.name,
    reference.parameters,
  );
  if (service.type.toLowerCase() !== "azurebatch") {
    throw new SluiceError(
      "InvalidArgument",
      `The Custom activity's linked service '${service.name}' is of type '${service.type}'; it must be AzureBatch.`,
      { details: { field: "linkedServiceName", value: service.type, allowed: ["AzureBatch"] } },
    );
  }
  return service;
}

async function jobsStorageService(
  invocation: ActivityInvocation,
  batchService: ResolvedDefinition,
): Promise<ResolvedDefinition> {
  const reference = referenceOf(batchService.typeProperties.linkedServiceName);
  if (!reference) {
    throw new SluiceError(
      "InvalidArgument",
      `The AzureBatch linked service '${batchService.name}' needs typeProperties.linkedServiceName: the storage for the task's files and logs.`,
      { details: { field: "typeProperties.linkedServiceName" } },
    );
  }
  return resolveResource(
    invocation.resources,
    "linkedService",
    reference.name,
    reference.parameters,
  );
}

function stringProperty(service: ResolvedDefinition, name: string): string {
  const value = service.typeProperties[name];
  if (typeof value === "string" && value.trim() !== "") return value;
  throw new SluiceError(
    "InvalidArgument",
    `The AzureBatch linked service '${service.name}' needs typeProperties.${name}.`,
    { details: { field: `typeProperties.${name}`, value: value ?? null } },
  );
}

function savedTaskOf(state: JsonValue | undefined): SavedTask | undefined {
  if (typeof state !== "object" || state === null || Array.isArray(state)) return undefined;
  const { jobId, taskId } = state as Record<string, unknown>;
  return typeof jobId === "string" && typeof taskId === "string" ? { jobId, taskId } : undefined;
}

async function taskStorageShown(
  service: ResolvedDefinition,
  deps: CustomActivityDeps,
  now: number,
): Promise<(path: string) => string> {
  const storage = await taskStorageOf(service, adfJobsContainer, { ...deps, now });
  return (path) => storage.shownUrl(path);
}
