import { SluiceError } from "../../core/index.js";
import type { TaskStorage } from "./custom-locations.js";

/** The container ADF keeps a Custom activity's runtime files and logs in. */
export const adfJobsContainer = "adfjobs";

/** Where one activity run's files live in the `adfjobs` container. */
export function runtimeFolder(activityRunId: string): string {
  return `${activityRunId}/runtime`;
}
export function outputFolder(activityRunId: string): string {
  return `${activityRunId}/output`;
}

/** The Batch job ADF submits Custom activities of a pool to. */
export function customJobId(poolName: string): string {
  return `adfv2-${poolName}`;
}

/** A file the task gets in its working directory, by URL, flattened to its name. */
export interface StagedFile {
  readonly url: string;
  readonly name: string;
}

/** What {@link customTaskBody} turns into a Batch task. */
export interface CustomTaskSpec {
  readonly taskId: string;
  readonly command: string;
  /** activity.json, linkedServices.json, datasets.json, then the folderPath files. */
  readonly files: readonly StagedFile[];
  /** Where stdout.txt, stderr.txt and outputs.json go. */
  readonly jobsStorage: TaskStorage;
  readonly activityRunId: string;
  /** The activity's `policy.timeout`: the task's wall-clock limit. */
  readonly timeoutMs: number;
}

/**
 * The Batch task of a Custom activity attempt, as ADF submits it: the command (run without a
 * shell, as Batch runs command lines), the staged files in the working directory, the
 * logs and `outputs.json` uploaded to `adfjobs/<activityRunId>/output/` whatever the exit
 * code, no Batch retries (each activity retry is a new task) and the activity's timeout as
 * the wall-clock limit. Pure.
 */
export function customTaskBody(spec: CustomTaskSpec): Record<string, unknown> {
  const names = new Set<string>();
  for (const file of spec.files) {
    if (names.has(file.name)) {
      throw new SluiceError(
        "InvalidArgument",
        `Two files of the Custom activity would land as '${file.name}' in the working directory (ADF flattens folderPath); rename one.`,
        { details: { field: "folderPath", value: file.name } },
      );
    }
    names.add(file.name);
  }
  const destination = (path: string) => ({
    container: { containerUrl: spec.jobsStorage.containerUrl(), path },
  });
  const upload = (filePattern: string, path: string) => ({
    filePattern,
    destination: destination(path),
    uploadOptions: { uploadCondition: "taskcompletion" },
  });
  const output = outputFolder(spec.activityRunId);
  return {
    id: spec.taskId,
    displayName: `ADF Custom activity run ${spec.activityRunId}`,
    commandLine: spec.command,
    resourceFiles: spec.files.map((file) => ({ httpUrl: file.url, filePath: file.name })),
    outputFiles: [
      upload("../stdout.txt", `${output}/stdout.txt`),
      upload("../stderr.txt", `${output}/stderr.txt`),
      upload("outputs.json", `${output}/outputs.json`),
    ],
    constraints: { maxWallClockTime: isoDuration(spec.timeoutMs), maxTaskRetryCount: 0 },
  };
}

/** Milliseconds as an ISO 8601 duration (`PT43200S`), as Batch's time spans are written. */
export function isoDuration(ms: number): string {
  return `PT${Math.max(1, Math.ceil(ms / 1000))}S`;
}
