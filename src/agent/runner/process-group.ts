import { readdir, readFile } from "node:fs/promises";
import { isCode } from "./find-files.js";

/** Sends `signal` to process group `pgid`; false when the group no longer exists. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    if (isCode(error, "ESRCH")) return false;
    throw error;
  }
}

/** The state and process group of a `/proc/<pid>/stat` line; undefined if malformed. Pure. */
export function parseProcStat(text: string): { state: string; pgrp: number } | undefined {
  // The command name is in parentheses and may itself contain spaces or ")": skip to the last.
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  const state = fields[0];
  const pgrp = Number(fields[2]);
  return state === undefined || !Number.isInteger(pgrp) ? undefined : { state, pgrp };
}

/**
 * True while a process of group `pgid` is still running. Zombies do not count: a killed
 * grandchild is reparented to PID 1, which in a container may reap it only seconds later,
 * yet it will never run again. Without `/proc`, any member (zombie or not) counts.
 */
export async function groupHasLiveMembers(pgid: number): Promise<boolean> {
  if (!signalGroup(pgid, 0)) return false;
  let pids: string[];
  try {
    pids = (await readdir("/proc")).filter((name) => /^\d+$/.test(name));
  } catch (error) {
    if (isCode(error, "ENOENT")) return true;
    throw error;
  }
  for (const pid of pids) {
    // A process may exit between the listing and the read: then it is simply not a member.
    const text = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
    const stat = parseProcStat(text);
    if (stat !== undefined && stat.pgrp === pgid && stat.state !== "Z") return true;
  }
  return false;
}
