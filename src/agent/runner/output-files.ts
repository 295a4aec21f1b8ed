import { errorMessage, failure, uploadFailureCode } from "./failure-info.js";
import { expandVariables } from "./file-pattern.js";
import { findFiles } from "./find-files.js";
import type { OutputFileSpec, TaskFailureInfo, UploadCondition } from "./task-run-spec.js";

const conditions: readonly UploadCondition[] = ["tasksuccess", "taskfailure", "taskcompletion"];

/** Normalises an upload condition (Batch's JSON says `taskSuccess`, the SDK `tasksuccess`). */
export function normaliseCondition(value: string): UploadCondition | undefined {
  const lower = value.toLowerCase();
  return conditions.find((condition) => condition === lower);
}

/** True when an output file with `condition` is uploaded after a run that `succeeded` or not. Pure. */
export function shouldUpload(condition: UploadCondition, succeeded: boolean): boolean {
  return condition === "taskcompletion" || (condition === "tasksuccess") === succeeded;
}

/** The outcome of uploading a task's output files. */
export interface UploadOutcome {
  readonly uploaded: readonly string[];
  /** The first failure; later output file declarations are still attempted, none is retried. */
  readonly error?: TaskFailureInfo;
}

/**
 * Uploads the output files whose condition fits the run's outcome, one at a time, after the
 * process has exited. `env` is the task's environment, for `$VAR` in patterns.
 */
export async function uploadOutputFiles(
  specs: readonly OutputFileSpec[],
  succeeded: boolean,
  workingDir: string,
  env: Readonly<Record<string, string>>,
): Promise<UploadOutcome> {
  const uploaded: string[] = [];
  let firstError: TaskFailureInfo | undefined;
  for (const spec of specs) {
    const condition = normaliseCondition(spec.uploadCondition);
    if (condition === undefined) {
      const message = `Output file ${JSON.stringify(spec.filePattern)} has uploadCondition ${JSON.stringify(spec.uploadCondition)}; allowed: ${conditions.join(", ")}.`;
      firstError ??= failure("FileUploadMiscError", message, { filePattern: spec.filePattern });
      continue;
    }
    if (!shouldUpload(condition, succeeded)) continue;
    const error = await uploadOne(spec, workingDir, env, uploaded);
    firstError ??= error;
  }
  return firstError === undefined ? { uploaded } : { uploaded, error: firstError };
}

async function uploadOne(
  spec: OutputFileSpec,
  workingDir: string,
  env: Readonly<Record<string, string>>,
  uploaded: string[],
): Promise<TaskFailureInfo | undefined> {
  const pattern = expandVariables(spec.filePattern, env);
  let current = pattern;
  try {
    for (const file of await findFiles(pattern, workingDir)) {
      current = file.absolutePath;
      await spec.upload(file.relativePath, file.absolutePath);
      uploaded.push(file.absolutePath);
    }
    return undefined;
  } catch (error) {
    return failure(
      uploadFailureCode(error),
      `Output file ${JSON.stringify(current)} (pattern ${JSON.stringify(spec.filePattern)}) could not be uploaded: ${errorMessage(error)}`,
      { filePattern: spec.filePattern },
    );
  }
}
