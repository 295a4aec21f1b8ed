import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { RandomSource } from "../../core/index.js";

/** The node id kept from an earlier run, or undefined on a first start. */
export async function readNodeId(file: string): Promise<string | undefined> {
  try {
    const text = (await readFile(file, "utf8")).trim();
    return text === "" ? undefined : text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Keeps the node id (written to a temp file and renamed, so a crash never leaves half). */
export async function writeNodeId(file: string, nodeId: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${nodeId}\n`);
  await rename(temp, file);
}

/**
 * The node id kept from an earlier run, or a new one (in the shape of Batch's node ids,
 * `tvmps_<32 hex digits>_d`) kept before it is first sent: an agent killed at any moment after
 * its registration reached the server rejoins as that node when it starts again, instead of
 * leaving a node behind that nobody serves. The server takes an id it does not know as a
 * new node's.
 */
export async function readOrCreateNodeId(file: string, random: RandomSource): Promise<string> {
  const kept = await readNodeId(file);
  if (kept !== undefined) return kept;
  const hex = Array.from(random.bytes(16), (byte) => byte.toString(16).padStart(2, "0"));
  const nodeId = `tvmps_${hex.join("")}_d`;
  await writeNodeId(file, nodeId);
  return nodeId;
}
