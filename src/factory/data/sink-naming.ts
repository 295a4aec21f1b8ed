import { SluiceError } from "../../core/index.js";
import type { DatasetLocation } from "../connections/dataset-location.js";
import type { SelectedFile } from "./file-selection.js";

/** ADF's `copyBehavior` of a file sink. */
export type CopyBehavior = "PreserveHierarchy" | "FlattenHierarchy" | "MergeFiles";

const behaviors: readonly CopyBehavior[] = ["PreserveHierarchy", "FlattenHierarchy", "MergeFiles"];

/** One file a copy writes, and the source files it is made of. */
export interface SinkFile {
  readonly path: string;
  readonly sources: readonly SelectedFile[];
}

/** How sink files are named. */
export interface NamingOptions {
  readonly behavior: CopyBehavior;
  /** Used in generated names (Flatten, Merge without a sink fileName): the activity run id. */
  readonly runId: string;
  /** Extension of generated names (`.parquet`); undefined keeps the source file's. */
  readonly extension: string | undefined;
}

/**
 * Where each source file lands, as ADF names sink files: the sink dataset's `fileName` when
 * it names one (one source file, or MergeFiles); otherwise PreserveHierarchy keeps each
 * file's path relative to the source folder, FlattenHierarchy puts every file in the sink
 * folder under a generated name (`data_<runId>_<n>`), and MergeFiles writes one file.
 */
export function sinkFiles(
  files: readonly SelectedFile[],
  sink: DatasetLocation,
  options: NamingOptions,
): SinkFile[] {
  const folder = sink.folderPath;
  if (options.behavior === "MergeFiles") {
    const name =
      sink.fileName !== "" ? sink.fileName : `data_${options.runId}${options.extension ?? ""}`;
    return [{ path: join(folder, name), sources: files }];
  }
  if (sink.fileName !== "") {
    if (files.length > 1) {
      throw new SluiceError(
        "InvalidArgument",
        `The sink dataset names one file ('${sink.fileName}') but the source has ${files.length} files; remove the sink fileName or set copyBehavior to MergeFiles.`,
        { details: { field: "sink.fileName", value: sink.fileName } },
      );
    }
    return files.map((file) => ({ path: join(folder, sink.fileName), sources: [file] }));
  }
  return files.map((file, index) => {
    if (options.behavior === "PreserveHierarchy") {
      return { path: join(folder, file.relativePath), sources: [file] };
    }
    const extension = options.extension ?? extensionOf(file.relativePath);
    return {
      path: join(folder, `data_${options.runId}_${index + 1}${extension}`),
      sources: [file],
    };
  });
}

/** Reads `copyBehavior` (PreserveHierarchy when absent). */
export function copyBehaviorOf(value: unknown): CopyBehavior {
  if (value === undefined || value === null || value === "") return "PreserveHierarchy";
  const found = behaviors.find((name) => name.toLowerCase() === String(value).toLowerCase());
  if (found !== undefined) return found;
  throw new SluiceError(
    "InvalidArgument",
    `sink.storeSettings.copyBehavior '${String(value)}' is not valid; allowed: ${behaviors.join(", ")}.`,
    { details: { field: "sink.storeSettings.copyBehavior", value, allowed: behaviors } },
  );
}

function join(folder: string, name: string): string {
  return folder === "" ? name : `${folder}/${name}`;
}

/** `a.csv.gz` -> `.csv.gz`; `README` -> "". */
function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.indexOf(".", 1);
  return dot < 0 ? "" : name.slice(dot);
}
