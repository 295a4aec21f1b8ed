// The ledger of task process groups a node agent has running, kept under its node root so a
// later agent (or the server that supervises it) can end them when the agent was killed
// without the chance to (SIGKILL, OOM). Each task runs in its own process group; its entry is
// one empty file named by the group id, written at spawn and removed once the group is ended.
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { uptime } from "node:os";
import { join, resolve } from "node:path";
import { isCode } from "./find-files.js";
import { parseProcStat, signalGroup } from "./process-group.js";

/** The ledger's folder: `<root>/volatile/process-groups` (the agent's own scratch space). */
export function ledgerDir(rootDir: string): string {
  return join(rootDir, "volatile", "process-groups");
}

/**
 * Records process group `pgid` as running a task of the node at `rootDir`; returns the call
 * that removes the entry. Synchronous: one small local write per task, like its directories.
 */
export function recordProcessGroup(rootDir: string, pgid: number): () => void {
  const dir = ledgerDir(rootDir);
  const entry = join(dir, String(pgid));
  try {
    writeFileSync(entry, "");
  } catch (error) {
    if (!isCode(error, "ENOENT")) throw error;
    mkdirSync(dir, { recursive: true });
    writeFileSync(entry, "");
  }
  return () => rmSync(entry, { force: true });
}

/**
 * Ends the task process groups a previous agent at `rootDir` left running: every group in the
 * ledger that still has live members started by a task of this node (their environment names
 * this `AZ_BATCH_NODE_ROOT_DIR`) gets SIGKILL; the ledger is emptied. Entries written before
 * the machine booted are dropped unread (their ids may now be other processes'). Resolves to
 * the group ids signalled. Call it only when no agent runs at `rootDir`.
 */
export async function reapProcessGroups(rootDir: string): Promise<number[]> {
  const root = resolve(rootDir);
  const dir = ledgerDir(root);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if (isCode(error, "ENOENT")) return [];
    throw error;
  }
  const bootedAt = Date.now() - uptime() * 1000;
  const killed: number[] = [];
  for (const name of names) {
    const entry = join(dir, name);
    const pgid = Number(name);
    if (Number.isSafeInteger(pgid) && pgid > 1 && writtenSince(entry, bootedAt)) {
      if ((await groupMembersOf(pgid, root)) > 0 && signalGroup(pgid, "SIGKILL")) {
        killed.push(pgid);
      }
    }
    rmSync(entry, { force: true });
  }
  return killed;
}

function writtenSince(entry: string, time: number): boolean {
  try {
    return statSync(entry).mtimeMs >= time;
  } catch (error) {
    if (isCode(error, "ENOENT")) return false;
    throw error;
  }
}

/**
 * How many live (non-zombie) processes of group `pgid` run with this node root in their
 * environment. Without `/proc`, a group that exists counts as one (nothing better to go on).
 */
export async function groupMembersOf(pgid: number, rootDir: string): Promise<number> {
  if (!signalGroup(pgid, 0)) return 0;
  let pids: string[];
  try {
    pids = (await readdir("/proc")).filter((name) => /^\d+$/.test(name));
  } catch (error) {
    if (isCode(error, "ENOENT")) return 1;
    throw error;
  }
  const marker = `AZ_BATCH_NODE_ROOT_DIR=${rootDir}`;
  let members = 0;
  for (const pid of pids) {
    // A process may exit (or be another user's) between the listing and the reads: then it
    // is simply not counted.
    const stat = parseProcStat(await readFile(`/proc/${pid}/stat`, "utf8").catch(() => ""));
    if (stat === undefined || stat.pgrp !== pgid || stat.state === "Z") continue;
    const environ = await readFile(`/proc/${pid}/environ`, "utf8").catch(() => "");
    if (environ.split("\0").includes(marker)) members += 1;
  }
  return members;
}
