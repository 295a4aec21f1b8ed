// Task isolation: when the agent runs as root, each task runs as a numeric user of its own
// (no /etc/passwd entry needed) in a 0700 directory it owns while it runs.
//
// Why a reused id cannot reach an old task's files: ids come from a counter kept in the node
// root (`volatile/isolated-id`), so reuse needs the range of 100 million to wrap; and even then,
// once a task ends its directory is handed back to root and left 0700 (see sealTaskDirectory).
// Files inside keep the old id as owner, but nobody but root can traverse the directory above
// them, so a later task with the same id cannot open them. Only that one directory changes
// owner at the end, not the tree: one call, whatever the task wrote.
//
// A job's tasks share a group of their own (`volatile/job-groups/<jobId>`, from the same
// counter): the job directory is root:<group> 0710 (only the job's tasks can traverse it) and
// the job preparation task's directory stays root:<group> 0750 after it ends, so the job's
// tasks can read what it prepared (AZ_BATCH_JOB_PREP_WORKING_DIR) and no other job's can.
//
// All of it is synchronous on purpose, as the task's directories in run-task.ts: a handful of
// local metadata calls per task, each cheaper than an async thread-pool round trip.
import {
  chmodSync,
  chownSync,
  closeSync,
  ftruncateSync,
  lchownSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import * as path from "node:path";
import { isCode } from "./find-files.js";
import { nodeLayout, type TaskLayout } from "./node-layout.js";
import {
  nextIsolatedId,
  poolAutoUserId,
  startTaskUserId,
  type IdentityPlan,
} from "./task-identity.js";
import type { TaskKind } from "./task-run-spec.js";

/** The OS user and group a task process runs as. */
export interface TaskUser {
  readonly uid: number;
  readonly gid: number;
}

/**
 * True when tasks should run isolated: the agent is root (only root can start processes as
 * other users) and `SLUICE_TASK_ISOLATION` is not `off`.
 */
export function taskIsolationEnabled(
  env: Readonly<Record<string, string | undefined>> = process.env,
): boolean {
  if (env.SLUICE_TASK_ISOLATION?.trim().toLowerCase() === "off") return false;
  return process.getuid?.() === 0;
}

/**
 * Hands out the next id of the node's counter, kept in the node root across restarts. Read
 * each time (a few bytes) rather than cached, so the file is the one truth; read and written
 * in place through a descriptor kept open per node root: rewriting the file (truncate, then
 * write) made the file system reallocate its block for every task, which cost more than the
 * rest of the task's isolation together.
 */
export function allocateIsolatedId(rootDir: string): number {
  const fd = counterDescriptor(rootDir);
  const buffer = Buffer.alloc(32);
  const length = readSync(fd, buffer, 0, buffer.length, 0);
  const text = buffer.toString("utf8", 0, length);
  const last = text.trim() === "" ? poolAutoUserId : Number.parseInt(text, 10);
  const id = nextIsolatedId(last);
  const written = String(id);
  writeSync(fd, written, 0);
  // Ids are all ten digits; only a hand-edited file can be longer.
  if (length > written.length) ftruncateSync(fd, written.length);
  return id;
}

const counterDescriptors = new Map<string, number>();

function counterDescriptor(rootDir: string): number {
  const file = path.join(nodeLayout(rootDir).volatileDir, "isolated-id");
  const known = counterDescriptors.get(file);
  if (known !== undefined) return known;
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // "a+" creates it without truncating; position-0 writes then need a descriptor opened "r+".
  closeSync(openSync(file, "a+"));
  const fd = openSync(file, "r+");
  counterDescriptors.set(file, fd);
  return fd;
}

const jobGroups = new Map<string, number>();

/** The group of job `jobId`'s tasks on this node: allocated once, then kept in the node root. */
export function jobGroupId(rootDir: string, jobId: string): number {
  const file = path.join(nodeLayout(rootDir).volatileDir, "job-groups", jobId);
  const known = jobGroups.get(file);
  if (known !== undefined) return known;
  let gid: number;
  try {
    gid = Number.parseInt(readFileSync(file, "utf8"), 10);
  } catch (error) {
    if (!isCode(error, "ENOENT")) throw error;
    gid = allocateIsolatedId(rootDir);
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, String(gid));
  }
  jobGroups.set(file, gid);
  return gid;
}

/**
 * The user for `plan`: undefined runs the task as the agent (root). `jobGid` is the job's
 * group ({@link jobGroupId}); undefined for the start task, which gets its own group.
 */
export function taskUser(
  plan: IdentityPlan,
  kind: TaskKind,
  rootDir: string,
  jobGid: number | undefined,
): TaskUser | undefined {
  if (plan.kind !== "task" && plan.kind !== "pool") return undefined;
  let uid: number;
  if (plan.kind === "pool") uid = poolAutoUserId;
  // The start task runs again on every reboot and keeps what it installed (in shared/ too):
  // its runs share one user of their own, never a job task's.
  else if (kind === "startTask") uid = startTaskUserId;
  // A job's preparation and release tasks are the job's own user (its group's number), so
  // the release task can clean up what the preparation task made, in shared/ too.
  else if (jobGid !== undefined && (kind === "jobPreparationTask" || kind === "jobReleaseTask"))
    uid = jobGid;
  else uid = allocateIsolatedId(rootDir);
  return { uid, gid: jobGid ?? uid };
}

/**
 * Gives the node directories their isolated modes: the root, `workitems/` and `fsmounts/`
 * traversable but not writable by tasks, `shared/` writable by all with the sticky bit (as
 * /tmp: a task cannot delete another's files), the agent's `volatile/` root's alone. The
 * root's parent directories get search permission for others where they lack it (`o+x`, never
 * read or write): tasks reach their directories and `shared/` by absolute path
 * (`AZ_BATCH_*`), which a 0700 parent (a `mkdtemp` directory, `/root`) would deny them.
 */
export function isolateNodeDirectories(rootDir: string): void {
  const node = nodeLayout(rootDir);
  for (let dir = path.dirname(rootDir); ; dir = path.dirname(dir)) {
    const mode = statSync(dir).mode & 0o7777;
    if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
    if (path.dirname(dir) === dir) break;
  }
  for (const dir of [node.rootDir, node.workitemsDir, node.mountsDir]) chmodSync(dir, 0o755);
  chmodSync(node.sharedDir, 0o1777);
  mkdirSync(node.volatileDir, { recursive: true });
  chmodSync(node.volatileDir, 0o700);
}

/**
 * Makes the freshly created task directory the task's: the job directory (`job`, absent for
 * the start task) root:<job group> 0710, then the whole task tree (stdout/stderr, resource files, and on a retry whatever the
 * last attempt left, owned by another id) owned by `user`, the task directory 0700 (0750 for a
 * job preparation task). With `user` undefined (an admin task) the tree stays root's.
 */
export function claimTaskDirectory(
  layout: TaskLayout,
  kind: TaskKind,
  job: { readonly dir: string; readonly gid: number } | undefined,
  user: TaskUser | undefined,
): void {
  if (job !== undefined) ensureOwnerAndMode(job.dir, 0, job.gid, 0o710);
  if (user !== undefined) chownTree(layout.taskDir, user.uid, user.gid);
  // The job's tasks read the preparation task's working directory (its group's r-x).
  const mode = kind === "jobPreparationTask" ? 0o750 : 0o700;
  ensureMode(layout.taskDir, mode);
  ensureMode(layout.workingDir, mode);
}

/**
 * Sets what differs only: a stat reads, while chown and chmod write the inode (a journal
 * entry each), and the job directory is the same for all of a job's tasks.
 */
function ensureOwnerAndMode(dir: string, uid: number, gid: number, mode: number): void {
  const stat = statSync(dir);
  if (stat.uid !== uid || stat.gid !== gid) chownSync(dir, uid, gid);
  if ((stat.mode & 0o7777) !== mode) chmodSync(dir, mode);
}

function ensureMode(dir: string, mode: number): void {
  if ((statSync(dir).mode & 0o7777) !== mode) chmodSync(dir, mode);
}

/** Hands the task directory back to root once the task has ended (see the file comment). */
export function sealTaskDirectory(
  layout: TaskLayout,
  kind: TaskKind,
  user: TaskUser | undefined,
): void {
  const shared = kind === "jobPreparationTask" && user !== undefined;
  chownSync(layout.taskDir, 0, shared ? user.gid : 0);
  chmodSync(layout.taskDir, shared ? 0o750 : 0o700);
}

/**
 * Changes the owner of `dir` and everything below it. Never follows a symbolic link (`lchown`,
 * no descent): a link a task left behind must not make root chown what it points to.
 */
export function chownTree(dir: string, uid: number, gid: number): void {
  lchownSync(dir, uid, gid);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(child, uid, gid);
    else lchownSync(child, uid, gid);
  }
}
