import { chmod, mkdir } from "node:fs/promises";
import { createWriteStream } from "node:fs";
import * as path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { downloadFailureCode, errorMessage, failure } from "./failure-info.js";
import type { ResourceFileSource, TaskFailureInfo } from "./task-run-spec.js";

/** Batch's default mode for a resource file on Linux. */
export const defaultFileMode = 0o770;

/**
 * Resolves a resource file's `filePath` inside `workingDir`, or returns undefined when it would
 * land outside it (`..`, an absolute path). The server refuses such paths when the task is
 * added; this is the agent's own line of defence. Pure.
 */
export function resolveInside(workingDir: string, filePath: string): string | undefined {
  if (filePath === "" || path.isAbsolute(filePath)) return undefined;
  const target = path.resolve(workingDir, filePath);
  const relative = path.relative(workingDir, target);
  if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) return undefined;
  return target;
}

/** Parses Batch's octal `fileMode` (`"0755"`, `"755"`); undefined when it is not octal. Pure. */
export function parseFileMode(fileMode: string | undefined): number | undefined {
  if (fileMode === undefined) return defaultFileMode;
  if (!/^0?[0-7]{3,4}$/.test(fileMode)) return undefined;
  return Number.parseInt(fileMode, 8);
}

/**
 * Writes every resource file into `workingDir`, in order, stopping at the first failure, which
 * is returned as Batch reports a pre-processing error (the command then does not run).
 */
export async function writeResourceFiles(
  workingDir: string,
  files: readonly ResourceFileSource[],
  signal: AbortSignal,
): Promise<TaskFailureInfo | undefined> {
  for (const file of files) {
    if (signal.aborted) return undefined;
    const failed = await writeOne(workingDir, file, signal);
    if (failed !== undefined) return failed;
  }
  return undefined;
}

async function writeOne(
  workingDir: string,
  file: ResourceFileSource,
  signal: AbortSignal,
): Promise<TaskFailureInfo | undefined> {
  const facts = { filePath: file.filePath };
  const target = resolveInside(workingDir, file.filePath);
  if (target === undefined) {
    const message = `Resource file filePath ${JSON.stringify(file.filePath)} is not a relative path inside the task working directory.`;
    return failure("ResourceFileCreateFailed", message, facts, "usererror");
  }
  const mode = parseFileMode(file.fileMode);
  if (mode === undefined) {
    const message = `Resource file ${JSON.stringify(file.filePath)} has fileMode ${JSON.stringify(file.fileMode)}; expected octal digits such as "0755".`;
    return failure("ResourceFileCreateFailed", message, facts, "usererror");
  }
  try {
    await mkdir(path.dirname(target), { recursive: true });
  } catch (error) {
    return failure(
      "ResourceDirectoryCreateFailed",
      `Cannot create the directory of resource file ${JSON.stringify(file.filePath)}: ${errorMessage(error)}`,
      facts,
    );
  }
  let source: Readable;
  try {
    source = await file.open();
  } catch (error) {
    return downloadFailure(file, error);
  }
  return copy(source, target, mode, file, signal);
}

async function copy(
  source: Readable,
  target: string,
  mode: number,
  file: ResourceFileSource,
  signal: AbortSignal,
): Promise<TaskFailureInfo | undefined> {
  const facts = { filePath: file.filePath };
  const sink = createWriteStream(target);
  // Errors of the source are download errors; errors of the file are the node's own.
  let sourceError: unknown;
  source.once("error", (error) => (sourceError = error));
  try {
    await pipeline(source, sink, { signal });
    await chmod(target, mode);
    return undefined;
  } catch (error) {
    if (signal.aborted) return undefined;
    if (sourceError !== undefined) return downloadFailure(file, sourceError);
    const code = isOpenError(error) ? "ResourceFileCreateFailed" : "ResourceFileWriteFailed";
    return failure(
      code,
      `Cannot write resource file ${JSON.stringify(file.filePath)}: ${errorMessage(error)}`,
      facts,
    );
  }
}

function isOpenError(error: unknown): boolean {
  const syscall = (error as { syscall?: unknown } | null)?.syscall;
  return syscall === "open";
}

function downloadFailure(file: ResourceFileSource, error: unknown): TaskFailureInfo {
  return failure(
    downloadFailureCode(error),
    `Resource file ${JSON.stringify(file.filePath)} could not be downloaded: ${errorMessage(error)}`,
    { filePath: file.filePath },
  );
}
