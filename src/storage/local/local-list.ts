import type { Dirent, Stats } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import { join } from "node:path";
import type { StorageEntry, StorageFile } from "../storage-connector.js";
import { comparePaths, splitPrefix } from "../storage-path.js";
import type { StorageErrorSubject } from "../storage-errors.js";
import { isInside, realInside } from "./contained-path.js";
import { fsError, isMissing } from "./fs-errors.js";
import { tempPrefix } from "./local-path.js";

/** Where a listing runs: the real root, and the description used in errors. */
export interface ListContext {
  readonly realRoot: string;
  readonly storage: string;
}

/**
 * Lists a local folder tree like a `/`-delimited blob listing: a depth-first walk whose
 * children are sorted by name, with folders keyed as `name/`, gives full paths in code-point
 * order without collecting the tree first. Symbolic links to files inside the root are listed;
 * links to folders are not followed (no cycles), and links leading out of the root are skipped.
 */
export async function* listLocal(
  context: ListContext,
  prefix: string,
  recursive: boolean,
): AsyncGenerator<StorageEntry> {
  const { folder, namePrefix } = splitPrefix(prefix);
  const subject: StorageErrorSubject = { storage: context.storage, path: prefix };
  const realFolder = await realInside(context.realRoot, join(context.realRoot, folder), subject);
  if (realFolder === undefined) return;
  yield* walk(context, realFolder, folder, namePrefix, recursive);
}

async function* walk(
  context: ListContext,
  realFolder: string,
  folder: string,
  namePrefix: string,
  recursive: boolean,
): AsyncGenerator<StorageEntry> {
  for (const child of await sortedChildren(realFolder, namePrefix, context.storage, folder)) {
    const path = folder + child.name;
    const fullPath = join(realFolder, child.name);
    const stats = await childStats(context, child, fullPath, path);
    if (stats === undefined) continue;
    if (stats.isFile()) yield fileEntry(path, stats);
    else if (child.isDirectory() && recursive) {
      yield* walk(context, fullPath, `${path}/`, "", true);
    } else if (child.isDirectory()) yield { kind: "directory", path };
  }
}

async function sortedChildren(
  realFolder: string,
  namePrefix: string,
  storage: string,
  folder: string,
): Promise<Dirent[]> {
  let children: Dirent[];
  try {
    children = await readdir(realFolder, { withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) return [];
    throw fsError(error, { storage, path: folder });
  }
  const key = (child: Dirent): string => (child.isDirectory() ? `${child.name}/` : child.name);
  return children
    .filter((child) => child.name.startsWith(namePrefix) && !child.name.startsWith(tempPrefix))
    .sort((a, b) => comparePaths(key(a), key(b)));
}

// Undefined for entries to leave out: vanished since readdir, dangling or outside links,
// and links to folders.
async function childStats(
  context: ListContext,
  child: Dirent,
  fullPath: string,
  path: string,
): Promise<Stats | undefined> {
  try {
    const stats = await stat(fullPath);
    if (!child.isSymbolicLink()) return stats;
    return stats.isFile() && isInside(context.realRoot, await realpath(fullPath))
      ? stats
      : undefined;
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw fsError(error, { storage: context.storage, path });
  }
}

/** The listing entry of a regular file. */
export function fileEntry(path: string, stats: Stats): StorageFile {
  return {
    kind: "file",
    path,
    size: stats.size,
    lastModified: stats.mtime,
    // Changes whenever the file is replaced (new inode) or rewritten (size, time).
    etag: `"${stats.ino.toString(16)}-${stats.size.toString(16)}-${Math.trunc(stats.mtimeMs).toString(16)}"`,
  };
}
