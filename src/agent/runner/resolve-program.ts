import { accessSync, constants, statSync } from "node:fs";
import * as path from "node:path";

/** Where a program name was found, or why it was not. */
export type ProgramLookup =
  | { readonly found: true; readonly path: string }
  | {
      readonly found: false;
      readonly reason: "notFound" | "notExecutable";
      readonly tried: readonly string[];
    };

/**
 * Finds the file to execute for `program` (argv[0]). A name with a `/` is a path, relative to
 * the working directory. A bare name is looked up in the working directory first, as Batch
 * runs programs shipped as resource files (`myapp input.txt`), then in each `PATH` entry of the
 * task's own environment.
 */
export async function resolveProgram(
  program: string,
  workingDir: string,
  searchPath: string | undefined,
): Promise<ProgramLookup> {
  const candidates = program.includes("/")
    ? [path.resolve(workingDir, program)]
    : [workingDir, ...(searchPath ?? "").split(":")].map((dir) =>
        // An empty PATH entry means the current directory, as in execvp.
        path.resolve(workingDir, dir === "" ? "." : dir, program),
      );
  let sawFile = false;
  for (const candidate of candidates) {
    const kind = fileKind(candidate);
    if (kind === "executable") return { found: true, path: candidate };
    if (kind === "file") sawFile = true;
  }
  return { found: false, reason: sawFile ? "notExecutable" : "notFound", tried: candidates };
}

/**
 * Synchronous: one or two stat calls per candidate, once per task, cheaper than the
 * thread-pool round trips of their async forms.
 */
function fileKind(candidate: string): "executable" | "file" | "none" {
  try {
    if (!statSync(candidate).isFile()) return "none";
  } catch {
    return "none"; // missing, or a path component is not a directory: not this candidate
  }
  try {
    accessSync(candidate, constants.X_OK);
    return "executable";
  } catch {
    return "file";
  }
}
