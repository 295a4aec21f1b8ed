// Which exit options apply to a finished task, per Batch's `exitConditions` rules.
import type { DependencyAction, JobAction, OnTaskFailure } from "../../api/index.js";
import type { ExitConditions, ExitOptions } from "../../api/index.js";

/** How a task's final attempt ended, as far as exit conditions are concerned. */
export type TaskEnding =
  | { readonly kind: "exit"; readonly exitCode: number }
  | { readonly kind: "preProcessingError" }
  | { readonly kind: "fileUploadError"; readonly exitCode: number };

/** Exit options with both actions decided. */
export interface ResolvedExitOptions {
  readonly jobAction: JobAction;
  readonly dependencyAction: DependencyAction;
}

/** The options listed for `exitCode` in `exitCodes` or (first match) `exitCodeRanges`. */
function listedFor(
  conditions: ExitConditions | undefined,
  exitCode: number,
): ExitOptions | undefined {
  const exact = conditions?.exitCodes?.find((entry) => entry.code === exitCode);
  if (exact !== undefined) return exact.exitOptions;
  return conditions?.exitCodeRanges?.find(
    (range) => exitCode >= range.start && exitCode <= range.end,
  )?.exitOptions;
}

/**
 * The exit options for a task's final outcome. Exit code 0 uses its listed options, else
 * `{ none, satisfy }`; a non-zero code uses its listed options, else `default`; a
 * pre-processing error uses `preProcessingError`, else `default`; a file upload error uses
 * the exit code's listed options if any, else `fileUploadError`, else `default`. Unset
 * actions default to `none`/`satisfy` for exit code 0 and `terminate`/`block` otherwise.
 */
export function resolveExitOptions(
  conditions: ExitConditions | undefined,
  ending: TaskEnding,
): ResolvedExitOptions {
  const success = ending.kind === "exit" && ending.exitCode === 0;
  let chosen: ExitOptions | undefined;
  if (ending.kind === "exit") {
    chosen = listedFor(conditions, ending.exitCode) ?? (success ? undefined : conditions?.default);
  } else if (ending.kind === "preProcessingError") {
    chosen = conditions?.preProcessingError ?? conditions?.default;
  } else {
    chosen =
      listedFor(conditions, ending.exitCode) ?? conditions?.fileUploadError ?? conditions?.default;
  }
  return {
    jobAction: chosen?.jobAction ?? (success ? "none" : "terminate"),
    dependencyAction: chosen?.dependencyAction ?? (success ? "satisfy" : "block"),
  };
}

/** The job action actually taken: Batch acts on `jobAction` only under `performexitoptionsjobaction`. */
export function effectiveJobAction(
  options: ResolvedExitOptions,
  onTaskFailure: OnTaskFailure | undefined,
): JobAction {
  return onTaskFailure === "performexitoptionsjobaction" ? options.jobAction : "none";
}
