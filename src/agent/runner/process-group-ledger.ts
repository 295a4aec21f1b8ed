// The ledger of task process groups a node agent has running, kept under its node root so a
// later agent (or the server that supervises it) can end them when the agent was killed
// without the chance to (SIGKILL, OOM). Each task runs in its own process group.
//
// The ledger is one append-only file: `+<pgid> <epoch ms>` when a group starts, `-<pgid>`
// when it has ended; a group is live while its last line is a `+`. Appending to one open file
// costs a small write per task, where a file per group cost creating and deleting an inode
// (the dearest file system operations here). Only one agent runs at a root (agent.pid), so
// its writes never interleave with another's; past a size it rewrites the file with its live
// entries (temporary name, then rename).
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { uptime } from "node:os";
import { dirname, join, resolve } from "node:path";
import { isCode } from "./find-files.js";
import { parseProcStat, signalGroup } from "./process-group.js";

/** The ledger: `<root>/volatile/process-groups.log` (the agent's own scratch space). */
export function ledgerFile(rootDir: string): string {
  return join(resolve(rootDir), "volatile", "process-groups.log");
}

/** Where agents before the log kept an empty file per group; still reaped. */
function legacyLedgerDir(rootDir: string): string {
  return join(rootDir, "volatile", "process-groups");
}

/** Past this many bytes the writer rewrites the log with its live entries only. */
const compactAtBytes = 256 * 1024;

interface OpenLedger {
  fd: number;
  bytes: number;
  readonly live: Map<number, number>;
}

const ledgers = new Map<string, OpenLedger>();

/**
 * Records process group `pgid` as running a task of the node at `rootDir`; returns the call
 * that records its end. Synchronous: one small local write per task, like its directories.
 */
export function recordProcessGroup(rootDir: string, pgid: number): () => void {
  const file = ledgerFile(rootDir);
  const ledger = openLedger(file);
  const time = Date.now();
  append(ledger, `+${pgid} ${time}\n`);
  ledger.live.set(pgid, time);
  return () => {
    ledger.live.delete(pgid);
    append(ledger, `-${pgid}\n`);
    if (ledger.bytes > compactAtBytes) compact(file, ledger);
  };
}

function openLedger(file: string): OpenLedger {
  const known = ledgers.get(file);
  if (known !== undefined) return known;
  mkdirSync(dirname(file), { recursive: true });
  const live = readLedger(file);
  // Starts from what the file holds (nothing, after a reap), without the ended entries.
  writeEntries(file, live);
  const ledger = { fd: openSync(file, "a"), bytes: 0, live };
  ledgers.set(file, ledger);
  return ledger;
}

function append(ledger: OpenLedger, line: string): void {
  ledger.bytes += writeSync(ledger.fd, line);
}

function compact(file: string, ledger: OpenLedger): void {
  writeEntries(file, ledger.live);
  closeSync(ledger.fd);
  ledger.fd = openSync(file, "a");
  ledger.bytes = 0;
}

/** Replaces the log with `live`'s entries: a temporary file renamed over it. */
function writeEntries(file: string, live: ReadonlyMap<number, number>): void {
  const lines = [...live].map(([pgid, time]) => `+${pgid} ${time}\n`).join("");
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, lines);
  renameSync(temporary, file);
}

/** The live entries of the log at `file`: process group id to the time it was recorded. */
function readLedger(file: string): Map<number, number> {
  const live = new Map<number, number>();
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if (isCode(error, "ENOENT")) return live;
    throw error;
  }
  for (const line of text.split("\n")) {
    const match = /^([+-])(\d+)(?: (\d+))?$/.exec(line);
    if (match === null) continue;
    const pgid = Number(match[2]);
    if (match[1] === "-") live.delete(pgid);
    else live.set(pgid, Number(match[3] ?? 0));
  }
  return live;
}

/** The process groups the ledger at `rootDir` holds as running (for tests and diagnostics). */
export function ledgerGroups(rootDir: string): number[] {
  const file = ledgerFile(rootDir);
  const open = ledgers.get(file);
  return [...(open?.live ?? readLedger(file)).keys()];
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
  const file = ledgerFile(root);
  const entries = [...readLedger(file), ...legacyEntries(root)];
  const bootedAt = Date.now() - uptime() * 1000;
  const killed: number[] = [];
  for (const [pgid, time] of entries) {
    if (pgid > 1 && time >= bootedAt && !killed.includes(pgid)) {
      if ((await groupMembersOf(pgid, root)) > 0 && signalGroup(pgid, "SIGKILL")) {
        killed.push(pgid);
      }
    }
  }
  rmSync(file, { force: true });
  rmSync(legacyLedgerDir(root), { recursive: true, force: true });
  // A ledger this process had open for the root starts again from the (now empty) file.
  const open = ledgers.get(file);
  if (open !== undefined) closeSync(open.fd);
  ledgers.delete(file);
  return killed;
}

/** Entries of the older ledger (a file per group, its modification time the record's). */
function legacyEntries(root: string): Array<[number, number]> {
  let names: string[];
  try {
    names = readdirSync(legacyLedgerDir(root));
  } catch (error) {
    if (isCode(error, "ENOENT") || isCode(error, "ENOTDIR")) return [];
    throw error;
  }
  const entries: Array<[number, number]> = [];
  for (const name of names) {
    const pgid = Number(name);
    if (!Number.isSafeInteger(pgid)) continue;
    try {
      entries.push([pgid, statSync(join(legacyLedgerDir(root), name)).mtimeMs]);
    } catch (error) {
      if (!isCode(error, "ENOENT")) throw error;
    }
  }
  return entries;
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
