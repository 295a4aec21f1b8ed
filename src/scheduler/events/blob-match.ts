import type { BlobEventsSpec } from "../definition/trigger-spec.js";

/** A blob as ADF's storage events name it: its container and its path in the container. */
export interface BlobRef {
  readonly container: string;
  readonly path: string;
}

/** ADF's full path of a blob, `/<container>/blobs/<path>`, which begins/ends-with match. */
export function eventPath(blob: BlobRef): string {
  return `/${blob.container}/blobs/${blob.path}`;
}

/**
 * Whether a blob's event fires the trigger: its full path begins with `blobPathBeginsWith`
 * and ends with `blobPathEndsWith` (plain string tests: ADF has no wildcards). An ends-with
 * pattern without a leading `/` matches in any container (`april/shoes.csv`). The
 * begins-with form `/<container>/` (no `blobs/`) means every blob of that container.
 */
export function blobMatches(
  spec: Pick<BlobEventsSpec, "blobPathBeginsWith" | "blobPathEndsWith">,
  blob: BlobRef,
): boolean {
  const full = eventPath(blob);
  const begins = spec.blobPathBeginsWith;
  if (begins !== undefined && begins !== "" && !full.startsWith(begins)) {
    const containerOnly = /^\/[^/]+\/?$/.test(begins);
    const container = begins.replace(/^\/|\/$/g, "");
    if (!(containerOnly && container === blob.container)) return false;
  }
  const ends = spec.blobPathEndsWith;
  return ends === undefined || ends === "" || full.endsWith(ends);
}

/**
 * The container a begins-with pattern confines the trigger to, so a poller lists only it;
 * undefined when any container may match.
 */
export function containerOf(spec: Pick<BlobEventsSpec, "blobPathBeginsWith">): string | undefined {
  const match = /^\/([^/]+)(?:\/|$)/.exec(spec.blobPathBeginsWith ?? "");
  return match?.[1];
}

/** The path prefix inside the container a begins-with pattern lists (after `/blobs/`). */
export function listPrefixOf(spec: Pick<BlobEventsSpec, "blobPathBeginsWith">): string {
  const match = /^\/[^/]+\/blobs\/(.*)$/.exec(spec.blobPathBeginsWith ?? "");
  return match?.[1] ?? "";
}

/** `@triggerBody()` of a blob event: `folderPath` is `<container>/<folders>`, `fileName` the name. */
export function triggerBodyOf(blob: BlobRef): { folderPath: string; fileName: string } {
  const slash = blob.path.lastIndexOf("/");
  const folder = slash < 0 ? "" : blob.path.slice(0, slash);
  return {
    folderPath: folder === "" ? blob.container : `${blob.container}/${folder}`,
    fileName: slash < 0 ? blob.path : blob.path.slice(slash + 1),
  };
}
