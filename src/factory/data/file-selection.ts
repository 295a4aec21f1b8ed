import { SluiceError } from "../../core/index.js";
import type { StorageConnector, StorageFile } from "../../storage/index.js";
import type { DatasetLocation } from "../connections/dataset-location.js";
import { itemPath } from "../connections/dataset-location.js";
import { compileWildcard, fixedFolderPrefix, hasWildcard, unescapeWildcard } from "./wildcard.js";

/** A source file chosen for a copy, with its path relative to the source's base folder. */
export interface SelectedFile {
  readonly file: StorageFile;
  /** Path below the base folder (`sub/a.csv`): what PreserveHierarchy keeps. */
  readonly relativePath: string;
}

/** ADF's read `storeSettings` that choose files. */
export interface FileFilter {
  /** Default true. */
  readonly recursive: boolean;
  readonly wildcardFolderPath?: string;
  readonly wildcardFileName?: string;
  /** Blob name prefix below the dataset's folder. */
  readonly prefix?: string;
  /** Inclusive, epoch ms. */
  readonly modifiedStart?: number;
  /** Exclusive, epoch ms. */
  readonly modifiedEnd?: number;
}

/** What a selection found: the files and the folder their relative paths start from. */
export interface Selection {
  readonly files: readonly SelectedFile[];
  readonly baseFolder: string;
  /** True when the dataset names one file (no wildcard, no folder listing). */
  readonly singleFile: boolean;
}

/**
 * Chooses source files as ADF's file connectors do. A `wildcardFolderPath` matches folders
 * (below the container); `recursive` then adds their subfolders' files. Without one, the
 * dataset's folder is listed (`recursive` default true). `wildcardFileName` (or a dataset
 * `fileName` with wildcards) filters names; a plain dataset `fileName` names one file.
 * Modified-time bounds apply to every file. Sorted by path.
 */
export async function selectFiles(
  connector: StorageConnector,
  location: DatasetLocation,
  filter: FileFilter,
): Promise<Selection> {
  const fileName = location.fileName;
  const namePattern =
    filter.wildcardFileName ??
    (fileName !== "" && (hasWildcard(fileName) || filter.wildcardFolderPath !== undefined)
      ? fileName
      : undefined);
  const inWindow = (file: StorageFile): boolean =>
    (filter.modifiedStart === undefined || file.lastModified.getTime() >= filter.modifiedStart) &&
    (filter.modifiedEnd === undefined || file.lastModified.getTime() < filter.modifiedEnd);
  if (filter.wildcardFolderPath === undefined && namePattern === undefined && fileName !== "") {
    const path = itemPath({ ...location, fileName: unescapeWildcard(fileName) });
    const file = await connector.stat(path);
    const files =
      file !== undefined && inWindow(file) ? [{ file, relativePath: baseName(file.path) }] : [];
    return { files, baseFolder: location.folderPath, singleFile: true };
  }
  const scope = listingScope(location, filter);
  const nameMatches = namePattern === undefined ? () => true : wildcardTest(namePattern);
  const files: SelectedFile[] = [];
  for await (const entry of connector.list(scope.listPrefix, { recursive: true })) {
    if (entry.kind !== "file" || !inWindow(entry)) continue;
    if (!scope.folderMatches(parentOf(entry.path)) || !nameMatches(baseName(entry.path))) continue;
    files.push({ file: entry, relativePath: relativeTo(scope.baseFolder, entry.path) });
  }
  const baseFolder = scope.baseFolder;
  return { files, baseFolder, singleFile: false };
}

interface ListingScope {
  readonly listPrefix: string;
  readonly baseFolder: string;
  readonly folderMatches: (folder: string) => boolean;
}

// `prefix` counts from the container root (ADF: "container_in_dataset/this_prefix"), and the
// path after its last '/' is what PreserveHierarchy keeps.
function listingScope(location: DatasetLocation, filter: FileFilter): ListingScope {
  if (filter.prefix !== undefined) {
    const baseFolder = parentOf(filter.prefix);
    const folderMatches = (folder: string): boolean =>
      filter.recursive || folder === parentOf(filter.prefix ?? "");
    return { listPrefix: filter.prefix, baseFolder, folderMatches };
  }
  const pattern = filter.wildcardFolderPath
    ?.split("/")
    .filter((part) => part !== "")
    .join("/");
  const baseFolder = pattern === undefined ? location.folderPath : fixedFolderPrefix(pattern);
  return {
    listPrefix: join(baseFolder, ""),
    baseFolder,
    folderMatches: folderMatcher(pattern, baseFolder, filter.recursive),
  };
}

function folderMatcher(
  pattern: string | undefined,
  base: string,
  recursive: boolean,
): (folder: string) => boolean {
  if (pattern === undefined) {
    return (folder) => folder === base || (recursive && folder.startsWith(join(base, "")));
  }
  const regex = compileWildcard(pattern);
  const depth = pattern.split("/").length;
  return (folder) => {
    const segments = folder === "" ? [] : folder.split("/");
    if (!recursive) return regex.test(folder);
    // Recursive: the folder itself or one of its ancestors matches the pattern.
    return segments.length >= depth && regex.test(segments.slice(0, depth).join("/"));
  };
}

function wildcardTest(pattern: string): (name: string) => boolean {
  const regex = compileWildcard(pattern);
  return (name) => regex.test(name);
}

function join(folder: string, name: string): string {
  return folder === "" ? name : `${folder}/${name}`;
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

function relativeTo(base: string, path: string): string {
  return base === "" ? path : path.slice(base.length + 1);
}

/** Reads the file-choosing `storeSettings` of a source (ADF's `*ReadSettings`). */
export function fileFilterOf(storeSettings: unknown): FileFilter {
  const settings =
    storeSettings !== null && typeof storeSettings === "object" && !Array.isArray(storeSettings)
      ? (storeSettings as Record<string, unknown>)
      : {};
  const text = (name: string): string | undefined => {
    const value = settings[name];
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value === "string") return value;
    throw new SluiceError("InvalidArgument", `storeSettings.${name} must be a string.`, {
      details: { field: `storeSettings.${name}`, value },
    });
  };
  const recursive = settings.recursive;
  return {
    recursive:
      recursive === undefined || recursive === null
        ? true
        : recursive === true || recursive === "true",
    ...optional("wildcardFolderPath", text("wildcardFolderPath")),
    ...optional("wildcardFileName", text("wildcardFileName")),
    ...optional("prefix", text("prefix")),
    ...optional("modifiedStart", utcTime(text("modifiedDatetimeStart"), "modifiedDatetimeStart")),
    ...optional("modifiedEnd", utcTime(text("modifiedDatetimeEnd"), "modifiedDatetimeEnd")),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** An ADF time in UTC (`2024-01-02T03:04:05Z`; a time without a zone is UTC too). */
export function utcTime(value: string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  const zoned = /(Z|[+-]\d\d:?\d\d)$/iu.test(trimmed) || /^\d{4}-\d\d-\d\d$/u.test(trimmed);
  const ms = Date.parse(zoned ? trimmed : `${trimmed}Z`);
  if (Number.isNaN(ms)) {
    throw new SluiceError(
      "InvalidArgument",
      `storeSettings.${field} '${value}' is not a date and time; use ISO 8601 such as 2024-01-31T00:00:00Z.`,
      { details: { field: `storeSettings.${field}`, value } },
    );
  }
  return ms;
}
