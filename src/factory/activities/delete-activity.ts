import { readdir, rmdir } from "node:fs/promises";
import { join } from "node:path";
import type { Clock, JsonObject } from "../../core/index.js";
import { openDatasetStorage, type DatasetStorage } from "../connections/dataset-storage.js";
import type { LinkedStorageDeps } from "../connections/linked-storage.js";
import { openLinkedStorage } from "../connections/linked-storage.js";
import { resolveResource } from "../connections/resolve-definition.js";
import { dataMovementError } from "../data/copy-error.js";
import { fileFilterOf, selectFiles } from "../data/file-selection.js";
import type { ActivityExecutor, ActivityInvocation, ActivityOutcome } from "./activity-executor.js";

/** What Delete needs from the composition root. */
export interface DeleteDeps extends LinkedStorageDeps {
  readonly clock: Clock;
}

/** One deleted (or not deleted) file, for the log. */
interface LogEntry {
  readonly name: string;
  readonly status: "Deleted" | "Failed";
  readonly error: string;
}

/**
 * ADF's Delete activity on a file dataset: a named file, or the files of a folder chosen by
 * `storeSettings` (`recursive`, default false here as in ADF's Delete; `wildcardFileName`,
 * `modifiedDatetimeStart/End`). In a local folder, folders left empty below the dataset's
 * folder are removed too (a blob "folder" disappears with its last blob). `enableLogging`
 * writes a CSV (Name, Category, Status, Error) under `logStorageSettings.path`. Deleting
 * what does not exist succeeds with `filesDeleted: 0`, so a rerun does not fail.
 */
export function createDeleteExecutor(deps: DeleteDeps): ActivityExecutor {
  return {
    async run(invocation: ActivityInvocation): Promise<ActivityOutcome> {
      const props = invocation.typeProperties;
      const started = deps.clock.now();
      const opened = await openDatasetStorage(invocation.resources, props.dataset, deps);
      const settings = record(props.storeSettings);
      const recursive = settings.recursive ?? props.recursive ?? false;
      const filter = fileFilterOf({ ...settings, recursive });
      const entries: LogEntry[] = [];
      try {
        const selection = await selectFiles(opened.storage.connector, opened.location, filter);
        for (const selected of selection.files) {
          invocation.signal.throwIfAborted();
          await opened.storage.connector.delete(selected.file.path);
          entries.push({ name: selected.file.path, status: "Deleted", error: "" });
        }
        if (filter.recursive && opened.location.fileName === "") await removeEmptyFolders(opened);
        const logPath =
          props.enableLogging === true
            ? await writeLog(invocation, props, entries, deps)
            : undefined;
        const output: JsonObject = {
          datasetName: opened.dataset.name,
          type: opened.dataset.type,
          recursive: filter.recursive,
          isWildcardUsed:
            filter.wildcardFileName !== undefined || filter.wildcardFolderPath !== undefined,
          filesDeleted: entries.length,
          ...(logPath === undefined ? {} : { logPath }),
          effectiveIntegrationRuntime: "Sluice",
          executionDuration: Math.round((deps.clock.now() - started) / 1000),
        };
        return { status: "Succeeded", output };
      } catch (error) {
        return {
          status: "Failed",
          error: dataMovementError(invocation.activity.name, error, new Map()),
        };
      }
    },
  };
}

// rmdir only removes empty folders, so a folder that still holds a file is left alone.
async function removeEmptyFolders(opened: DatasetStorage): Promise<void> {
  const root = opened.storage.localRoot;
  if (root === undefined) return;
  const top = opened.location.folderPath === "" ? root : join(root, opened.location.folderPath);
  const visit = async (folder: string): Promise<void> => {
    const children = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const child of children) if (child.isDirectory()) await visit(join(folder, child.name));
    if (folder === root) return;
    await rmdir(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOTEMPTY" && error.code !== "ENOENT") throw error;
    });
  };
  await visit(top);
}

async function writeLog(
  invocation: ActivityInvocation,
  props: Readonly<Record<string, unknown>>,
  entries: readonly LogEntry[],
  deps: LinkedStorageDeps,
): Promise<string> {
  const settings = record(props.logStorageSettings);
  const ref = record(settings.linkedServiceName);
  const service = await resolveResource(
    invocation.resources,
    "linkedService",
    ref.referenceName,
    record(ref.parameters),
  );
  const segments = (typeof settings.path === "string" ? settings.path : "")
    .split("/")
    .filter((part) => part !== "");
  const container = service.type.toLowerCase() === "fileserver" ? "" : (segments.shift() ?? "");
  const storage = openLinkedStorage(service, container, deps);
  const folder = [...segments, invocation.activityRunId].join("/");
  const lines = ["Name,Category,Status,Error"];
  for (const entry of entries) {
    lines.push([entry.name, "File", entry.status, entry.error].map(csvField).join(","));
  }
  await storage.connector.write(`${folder}/deleted-files.csv`, lines.join("\r\n") + "\r\n");
  return [container, folder].filter((part) => part !== "").join("/");
}

function csvField(text: string): string {
  return /[",\r\n]/u.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
