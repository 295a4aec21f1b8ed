import type { BatchService } from "../../batch/index.js";
import type { JsonValue } from "../../core/index.js";
import type { StorageConnector } from "../../storage/index.js";
import { userError } from "../engine/index.js";
import type { ActivityInvocation, ActivityOutcome } from "./activity-executor.js";

/** A Batch task as the Batch service reports it. */
type BatchTask = Awaited<ReturnType<BatchService["tasks"]["get"]>>;

/** A Custom activity's task once it completed. */
export interface CustomEnd {
  readonly task: BatchTask;
}

/** ADF's limit on `outputs.json` (its content becomes `customOutput`). */
export const maxCustomOutputBytes = 2 * 1024 * 1024;

/** What turning a completed task into the activity's outcome reads. */
export interface OutcomeSources {
  /** The `adfjobs` container. */
  readonly jobs: StorageConnector;
  /** `<activityRunId>/output`. */
  readonly outputFolder: string;
  /** The last lines of the task's stderr. */
  stderrTail(): Promise<string>;
  /** A file's URL as the output shows it. */
  shownUrl(path: string): Promise<string>;
}

/**
 * ADF's Custom activity output from the completed task: `exitcode`, `outputs` (the stdout and
 * stderr URLs), `customOutput` (the task's `outputs.json`, at most 2 MB),
 * `effectiveIntegrationRuntime`, `executionDuration` (seconds). A non-zero exit, or a task
 * that could not start (a resource file that would not download), fails the activity with the
 * exit code and the last lines of stderr.
 */
export async function customOutcome(
  invocation: ActivityInvocation,
  ended: CustomEnd,
  sources: OutcomeSources,
): Promise<ActivityOutcome> {
  const info = ended.task.executionInfo;
  const exitCode = info?.exitCode;
  const customOutput = await readCustomOutput(sources);
  const output: Record<string, JsonValue> = {
    exitcode: exitCode ?? null,
    outputs: [
      await sources.shownUrl(`${sources.outputFolder}/stdout.txt`),
      await sources.shownUrl(`${sources.outputFolder}/stderr.txt`),
    ],
    ...(customOutput.ok && customOutput.value !== undefined
      ? { customOutput: customOutput.value }
      : {}),
    effectiveIntegrationRuntime: "DefaultIntegrationRuntime (Sluice)",
    executionDuration: durationSeconds(info?.startTime, info?.endTime),
    durationInQueue: { integrationRuntimeQueue: 0 },
  };
  const name = invocation.activity.name;
  if (info?.failureInfo && exitCode === undefined) {
    const message = `The Custom activity's task could not run: ${info.failureInfo.message ?? info.failureInfo.code ?? "unknown failure"}`;
    return {
      status: "Failed",
      output,
      error: userError(name, "CustomActivityTaskFailed", message),
    };
  }
  // The command ended well but Batch could not finish the task (its files did not upload).
  if (exitCode === 0 && info?.result === "failure") {
    const reason =
      info.failureInfo?.message ??
      info.failureInfo?.code ??
      "the task failed after its command ended";
    const message = `The command exited with code 0, but its task failed: ${reason}`;
    return {
      status: "Failed",
      output,
      error: userError(name, "CustomActivityTaskFailed", message),
    };
  }
  if (exitCode !== 0) {
    const tail = (await sources.stderrTail()).trimEnd();
    const message = `The command exited with code ${String(exitCode)}.${tail ? ` Last lines of stderr:\n${lastLines(tail, 10)}` : ""}`;
    return { status: "Failed", output, error: userError(name, "CustomActivityExitCode", message) };
  }
  if (!customOutput.ok) {
    return {
      status: "Failed",
      output,
      error: userError(name, "CustomOutputInvalid", customOutput.message),
    };
  }
  return { status: "Succeeded", output };
}

type CustomOutput =
  | { readonly ok: true; readonly value: JsonValue | undefined }
  | { readonly ok: false; readonly message: string };

async function readCustomOutput(sources: OutcomeSources): Promise<CustomOutput> {
  const path = `${sources.outputFolder}/outputs.json`;
  const file = await sources.jobs.stat(path);
  if (!file) return { ok: true, value: undefined };
  if (file.size > maxCustomOutputBytes) {
    return {
      ok: false,
      message: `outputs.json is ${file.size} bytes; ADF's limit for customOutput is ${maxCustomOutputBytes} bytes (2 MB).`,
    };
  }
  const chunks: Buffer[] = [];
  for await (const chunk of await sources.jobs.read(path))
    chunks.push(Buffer.from(chunk as Uint8Array));
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return { ok: true, value: JSON.parse(text) as JsonValue };
  } catch (error) {
    return { ok: false, message: `outputs.json is not valid JSON: ${(error as Error).message}` };
  }
}

function durationSeconds(start: string | undefined, end: string | undefined): number {
  if (!start || !end) return 0;
  return Math.max(0, Math.round((Date.parse(end) - Date.parse(start)) / 1000));
}

function lastLines(text: string, count: number): string {
  return text.split("\n").slice(-count).join("\n");
}
