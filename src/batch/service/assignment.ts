// What an agent gets for a claim: Batch's task properties resolved into a runnable
// assignment (environment merged, durations in ms, storage locations resolved). Pure.
import type {
  EnvironmentSetting,
  OutputFile,
  OutputFileAssignment,
  OutputFileTarget,
  ResourceFile,
  ResourceFileAssignment,
  ResourceFileOrigin,
  TaskAssignment,
  UserIdentity,
} from "../../api/index.js";
import { parseDuration } from "../duration.js";

/** `/sluice/storage/<container>[/<path>]` in a URL: the server's embedded local storage. */
const localStoragePath = /^\/sluice\/storage\/([^/]+)(?:\/(.*))?$/;

/** The container and path a URL names in the server's embedded storage, if it does. */
export function localStorageOf(url: string): { container: string; path: string } | undefined {
  if (!URL.canParse(url)) return undefined;
  const match = localStoragePath.exec(new URL(url).pathname);
  if (match === null) return undefined;
  const decode = (text: string | undefined): string =>
    (text ?? "").split("/").filter(Boolean).map(decodeURIComponent).join("/");
  return { container: decode(match[1]), path: decode(match[2]) };
}

const joinPath = (...parts: (string | undefined)[]): string =>
  parts.filter((part): part is string => part !== undefined && part !== "").join("/");

/**
 * Where a resource file comes from: `autoStorageContainerName` is a container of the
 * embedded storage; a `storageContainerUrl` pointing at `/sluice/storage/<c>` too, and an
 * `httpUrl` at `/sluice/storage/<c>/<path>` one file of it (agents reach both through the
 * server with their token); other URLs are fetched as given.
 */
export function resourceOrigin(file: ResourceFile): ResourceFileOrigin {
  const prefix = file.blobPrefix === undefined ? {} : { blobPrefix: file.blobPrefix };
  if (file.autoStorageContainerName !== undefined) {
    return { sluiceContainer: file.autoStorageContainerName, ...prefix };
  }
  if (file.storageContainerUrl !== undefined) {
    const local = localStorageOf(file.storageContainerUrl);
    if (local === undefined) return { storageContainerUrl: file.storageContainerUrl, ...prefix };
    const blobPrefix = joinPath(local.path, file.blobPrefix);
    return { sluiceContainer: local.container, ...(blobPrefix ? { blobPrefix } : {}) };
  }
  const local = file.httpUrl === undefined ? undefined : localStorageOf(file.httpUrl);
  // A single file of the embedded storage: agents read it through the server, with their token.
  if (local !== undefined && local.path !== "") {
    return { sluiceFile: local.container, path: local.path };
  }
  return { httpUrl: file.httpUrl ?? "" };
}

export function resourceAssignments(
  files: readonly ResourceFile[] | undefined,
): ResourceFileAssignment[] {
  return (files ?? []).map((file) => ({
    source: resourceOrigin(file),
    ...(file.filePath === undefined ? {} : { filePath: file.filePath }),
    ...(file.fileMode === undefined ? {} : { fileMode: file.fileMode }),
  }));
}

/** An output destination; a container URL of the embedded storage becomes its container. */
export function outputTarget(file: OutputFile): OutputFileTarget {
  const container = file.destination.container;
  const path = container?.path;
  const local = container === undefined ? undefined : localStorageOf(container.containerUrl);
  if (local !== undefined) {
    const joined = joinPath(local.path, path);
    return { sluiceContainer: local.container, ...(joined ? { path: joined } : {}) };
  }
  return { containerUrl: container?.containerUrl ?? "", ...(path === undefined ? {} : { path }) };
}

export function outputAssignments(
  files: readonly OutputFile[] | undefined,
): OutputFileAssignment[] {
  return (files ?? []).map((file) => ({
    filePattern: file.filePattern,
    destination: outputTarget(file),
    uploadCondition: file.uploadOptions.uploadCondition,
  }));
}

/** The job's common settings, then the task's (a task's value wins for the same name). */
export function mergedEnvironment(
  common: readonly EnvironmentSetting[] | undefined,
  own: readonly EnvironmentSetting[] | undefined,
): { name: string; value: string }[] {
  const merged = new Map<string, string>();
  for (const setting of [...(common ?? []), ...(own ?? [])]) {
    merged.set(setting.name, setting.value ?? "");
  }
  return [...merged].map(([name, value]) => ({ name, value }));
}

/** `maxWallClockTime` in ms, or undefined for no limit (absent or infinite). */
export function wallClockMs(maxWallClockTime: string | undefined): number | undefined {
  if (maxWallClockTime === undefined) return undefined;
  const ms = parseDuration(maxWallClockTime);
  return ms === undefined || !Number.isFinite(ms) || ms > 8.64e15 ? undefined : ms;
}

/** A task's Batch `userIdentity` as an assignment field (absent: the non-admin auto-user). */
export function identityField(
  identity: UserIdentity | undefined,
): Pick<TaskAssignment, "userIdentity"> {
  return identity === undefined ? {} : { userIdentity: identity };
}

/** An assignment with no files and no environment, filled in by the callers. */
export type AssignmentBase = Pick<TaskAssignment, "claimToken" | "kind" | "poolId" | "leaseExpiry">;
