// Batch's `nodeFillType: spread` in a pull model: nodes claim their own work, so the rule is
// a cap on one node's claim, decided from the pool's load at that moment. Pure.

/** A schedulable node of the pool as a claim sees it. */
export interface NodeLoad {
  readonly id: string;
  /** The node's task slots. */
  readonly slots: number;
  /** Slots its running (or preparing) tasks occupy. */
  readonly runningSlots: number;
}

/** Input of {@link spreadAllowance}. */
export interface SpreadInput {
  /** The node claiming; it should be one of `nodes` (it is added, idle, when it is not). */
  readonly claimer: NodeLoad;
  /** The pool's nodes that may run tasks now (claimer included or not). */
  readonly nodes: readonly NodeLoad[];
  /**
   * `requiredSlots` of ready tasks of the pool (a sample bounded by the pool's free slots is
   * enough: more work than free slots fills every node anyway).
   */
  readonly readySlots: readonly number[];
}

const free = (node: NodeLoad): number => Math.max(0, node.slots - node.runningSlots);

/** Slots the nodes would take if each filled up to `level` running slots. */
function takenAtLevel(nodes: readonly NodeLoad[], level: number): number {
  let taken = 0;
  for (const node of nodes) taken += Math.min(free(node), Math.max(0, level - node.runningSlots));
  return taken;
}

/**
 * The most slots the claimer may take under `spread`: the ready work is poured over the
 * schedulable nodes like water, each filling up to the lowest common level of running slots
 * that holds all of it (or every free slot), and the claimer takes what its share is. So a
 * 4-task job on two idle nodes of 4 slots runs 2 + 2, and a node that is already busier than
 * the others waits while they catch up. When its share rounds to less than the smallest ready
 * task, the least-loaded node that fits that task may still take it, so a task needing several
 * slots is never left waiting by rounding. `pack` needs no cap: a node takes its free slots.
 */
export function spreadAllowance(input: SpreadInput): number {
  const claimer = input.claimer;
  const nodes = input.nodes.some((node) => node.id === claimer.id)
    ? input.nodes
    : [...input.nodes, claimer];
  const mine = free(claimer);
  if (mine === 0 || input.readySlots.length === 0) return 0;
  const totalFree = nodes.reduce((sum, node) => sum + free(node), 0);
  const work = Math.min(
    totalFree,
    input.readySlots.reduce((sum, slots) => sum + Math.max(1, slots), 0),
  );
  // The lowest level that holds the work: binary search over [0, most slots of any node].
  let low = 0;
  let high = nodes.reduce((most, node) => Math.max(most, node.slots), 0);
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (takenAtLevel(nodes, middle) >= work) high = middle;
    else low = middle + 1;
  }
  const share = Math.min(mine, Math.max(0, low - claimer.runningSlots));
  const smallest = Math.max(1, Math.min(...input.readySlots));
  if (share >= smallest || mine < smallest) return share;
  return isLeastLoaded(claimer, nodes, smallest) ? smallest : share;
}

/** True when no other node that fits `slots` runs fewer slots than the claimer. */
function isLeastLoaded(claimer: NodeLoad, nodes: readonly NodeLoad[], slots: number): boolean {
  return nodes.every(
    (node) =>
      node.id === claimer.id || free(node) < slots || node.runningSlots >= claimer.runningSlots,
  );
}

/**
 * True when the claimer may take `slots` more without asking how much work waits: even then it
 * runs no more than any other node that could still take work. (Busy nodes claiming the slot
 * a finished task freed are the common case, and skip reading the queue.)
 */
export function staysLeastLoaded(
  claimer: NodeLoad,
  nodes: readonly NodeLoad[],
  slots: number,
): boolean {
  const after = claimer.runningSlots + slots;
  return nodes.every(
    (node) => node.id === claimer.id || free(node) === 0 || node.runningSlots >= after,
  );
}
