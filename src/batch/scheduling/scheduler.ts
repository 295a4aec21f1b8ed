// Pure task placement: which ready tasks go to which nodes' free slots. Deterministic (same
// input, same answer) and linear in tasks × fitting nodes, so 10,000s of tasks are cheap.
import type { ComputeNodeFillType } from "../../api/index.js";

/** A node that can take tasks, with its free slots. */
export interface NodeCapacity {
  readonly id: string;
  readonly freeSlots: number;
}

/** A task whose dependencies are met, waiting in the `active` state. */
export interface ReadyTask {
  readonly jobId: string;
  readonly taskId: string;
  /** Default 1. */
  readonly requiredSlots?: number;
  /** The job's priority, -1000..1000; higher first. */
  readonly priority: number;
  /** When the task was added (or last went back to active): older first. */
  readonly enqueuedAt: number;
}

/** A job's parallelism limit: `maxParallelTasks` (-1 = unlimited) and tasks it runs now. */
export interface JobParallelism {
  readonly maxParallelTasks: number;
  readonly runningTasks: number;
}

/** One placement: run `taskId` of `jobId` on `nodeId`. */
export interface Assignment {
  readonly nodeId: string;
  readonly jobId: string;
  readonly taskId: string;
  readonly requiredSlots: number;
}

/** Input of {@link scheduleTasks}. */
export interface ScheduleInput {
  readonly nodes: readonly NodeCapacity[];
  readonly tasks: readonly ReadyTask[];
  /** Jobs with a limit; a job not listed is unlimited. */
  readonly jobs?: ReadonlyMap<string, JobParallelism>;
  /** Default `spread`. */
  readonly nodeFillType?: ComputeNodeFillType;
}

const byQueueOrder = (a: ReadyTask, b: ReadyTask): number =>
  b.priority - a.priority ||
  a.enqueuedAt - b.enqueuedAt ||
  (a.jobId < b.jobId ? -1 : a.jobId > b.jobId ? 1 : 0) ||
  (a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : 0);

/**
 * Places ready tasks on free slots: job priority first (higher), then the oldest, each on
 * a node with room for its `requiredSlots`. `pack` fills the busiest node that fits first;
 * `spread` the node with the most free slots. A task that fits nowhere is skipped and
 * smaller ones behind it may still run (backfill). `maxParallelTasks` caps each job.
 */
export function scheduleTasks(input: ScheduleInput): Assignment[] {
  const free = input.nodes.map((node) => ({ id: node.id, free: Math.max(0, node.freeSlots) }));
  free.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let totalFree = free.reduce((sum, node) => sum + node.free, 0);
  if (totalFree === 0 || input.tasks.length === 0) return [];
  const running = new Map<string, number>();
  const pack = input.nodeFillType === "pack";
  const assignments: Assignment[] = [];
  for (const task of [...input.tasks].sort(byQueueOrder)) {
    const slots = task.requiredSlots ?? 1;
    if (slots > totalFree) continue;
    const limit = input.jobs?.get(task.jobId);
    const jobRunning = running.get(task.jobId) ?? limit?.runningTasks ?? 0;
    if (
      limit !== undefined &&
      limit.maxParallelTasks !== -1 &&
      jobRunning >= limit.maxParallelTasks
    )
      continue;
    const node = pickNode(free, slots, pack);
    if (node === undefined) continue;
    node.free -= slots;
    totalFree -= slots;
    running.set(task.jobId, jobRunning + 1);
    assignments.push({
      nodeId: node.id,
      jobId: task.jobId,
      taskId: task.taskId,
      requiredSlots: slots,
    });
    if (totalFree === 0) break;
  }
  return assignments;
}

function pickNode(
  nodes: { id: string; free: number }[],
  slots: number,
  pack: boolean,
): { id: string; free: number } | undefined {
  let best: { id: string; free: number } | undefined;
  for (const node of nodes) {
    if (node.free < slots) continue;
    if (best === undefined || (pack ? node.free < best.free : node.free > best.free)) best = node;
  }
  return best;
}
