// Rules on resource files and output files that a schema cannot state: which source is set,
// and paths that must stay inside the task's working directory.
import { BatchError } from "../batch-error.js";
import type { OutputFile, ResourceFile, UserIdentity } from "../../api/index.js";
import { invalidValue } from "./schema.js";

const sources = ["autoStorageContainerName", "storageContainerUrl", "httpUrl"] as const;

/**
 * Why `filePath` would leave the task's working directory, or `undefined` when it stays
 * inside. Both `/` and `\` count as separators (Batch also runs Windows nodes), so
 * `..\x`, `C:\x`, `\\server\x` and `/etc/x` are all refused, as is any `..` segment.
 */
export function filePathEscape(filePath: string): string | undefined {
  if (filePath.includes("\0")) return "must not contain a NUL character";
  if (/^[\\/]/.test(filePath))
    return "must be relative to the task working directory, not absolute";
  if (/^[A-Za-z]:/.test(filePath))
    return "must be relative to the task working directory, not a drive path";
  if (filePath.split(/[\\/]/).some((segment) => segment === "..")) {
    return "must not contain '..': it would escape the task working directory";
  }
  return undefined;
}

/** True when `text` is an absolute http or https URL. */
export function isHttpUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const protocol = new URL(text).protocol;
  return protocol === "http:" || protocol === "https:";
}

/** Checks one resource file at `path` (`resourceFiles[2]`). */
export function checkResourceFile(file: ResourceFile, path: string): void {
  const set = sources.filter((name) => file[name] !== undefined);
  if (set.length !== 1) {
    const found = set.length === 0 ? "none" : set.join(" and ");
    throw invalidValue(
      path,
      found,
      `exactly one of ${sources.join(", ")} must be set (found ${found})`,
    );
  }
  for (const name of ["storageContainerUrl", "httpUrl"] as const) {
    const url = file[name];
    if (url !== undefined && !isHttpUrl(url))
      throw invalidValue(`${path}.${name}`, url, "must be an http or https URL");
  }
  if (file.httpUrl !== undefined) {
    if (file.filePath === undefined || file.filePath === "") {
      throw new BatchError(
        "MissingRequiredProperty",
        `Property '${path}.filePath' is required when httpUrl is set.`,
        {
          PropertyName: `${path}.filePath`,
        },
      );
    }
    if (file.blobPrefix !== undefined) {
      throw invalidValue(
        `${path}.blobPrefix`,
        file.blobPrefix,
        "is allowed only with autoStorageContainerName or storageContainerUrl",
      );
    }
    if (/[\\/]$/.test(file.filePath)) {
      throw invalidValue(
        `${path}.filePath`,
        file.filePath,
        "must name a file (not end with a separator) when httpUrl is set",
      );
    }
  }
  if (file.filePath !== undefined) {
    const escape = filePathEscape(file.filePath);
    if (escape !== undefined) throw invalidValue(`${path}.filePath`, file.filePath, escape);
  }
  if (file.fileMode !== undefined && !/^[0-7]{3,4}$/.test(file.fileMode)) {
    throw invalidValue(
      `${path}.fileMode`,
      file.fileMode,
      "must be an octal mode such as 0770 or 644",
    );
  }
}

/** Checks every resource file of a list at `path`. */
export function checkResourceFiles(files: readonly ResourceFile[] | undefined, path: string): void {
  files?.forEach((file, index) => checkResourceFile(file, `${path}[${index}]`));
}

/** Checks every output file of a list at `path`. */
export function checkOutputFiles(files: readonly OutputFile[] | undefined, path: string): void {
  files?.forEach((file, index) => {
    const at = `${path}[${index}]`;
    const container = file.destination.container;
    if (container === undefined) {
      throw new BatchError(
        "MissingRequiredProperty",
        `Property '${at}.destination.container' is required.`,
        {
          PropertyName: `${at}.destination.container`,
        },
      );
    }
    if (!isHttpUrl(container.containerUrl)) {
      throw invalidValue(
        `${at}.destination.container.containerUrl`,
        container.containerUrl,
        "must be an http or https URL",
      );
    }
  });
}

/** `userName` and `autoUser` are alternatives. */
export function checkUserIdentity(identity: UserIdentity | undefined, path: string): void {
  if (identity?.userName !== undefined && identity.autoUser !== undefined) {
    throw invalidValue(path, "userName and autoUser", "may set userName or autoUser, not both");
  }
}
