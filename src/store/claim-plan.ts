/** A ready task a claim may take, in add order (`pk`). */
export interface ClaimCandidate {
  readonly pk: number;
  readonly jobKey: string;
  readonly requiredSlots: number;
}

/** What a claim may still take: slots, tasks, and per capped job, tasks it may still start. */
export interface ClaimBudget {
  readonly slots: number;
  readonly tasks: number;
  /** Jobs with `max_parallel_tasks`: how many more may run. Jobs absent here have no cap. */
  readonly jobCapacity: ReadonlyMap<string, number>;
}

/** How many more tasks of `jobKey` the budget admits (ignoring their slots). */
export function jobAllowance(budget: ClaimBudget, jobKey: string): number {
  const cap = budget.jobCapacity.get(jobKey) ?? Number.POSITIVE_INFINITY;
  return Math.max(0, Math.min(cap, budget.tasks, budget.slots));
}

/** True when nothing more can be claimed. */
export function budgetSpent(budget: ClaimBudget): boolean {
  return budget.slots <= 0 || budget.tasks <= 0;
}

/**
 * Takes `candidates` greedily in the order given (best first): each one whose slots fit what
 * is left and whose job is under its cap. Pure: returns the picks and the budget left.
 */
export function pickClaims(
  candidates: readonly ClaimCandidate[],
  budget: ClaimBudget,
): { picked: ClaimCandidate[]; left: ClaimBudget } {
  let slots = budget.slots;
  let tasks = budget.tasks;
  const capacity = new Map(budget.jobCapacity);
  const picked: ClaimCandidate[] = [];
  for (const candidate of candidates) {
    if (slots <= 0 || tasks <= 0) break;
    const cap = capacity.get(candidate.jobKey);
    if (candidate.requiredSlots > slots || cap === 0) continue;
    picked.push(candidate);
    slots -= candidate.requiredSlots;
    tasks -= 1;
    if (cap !== undefined) capacity.set(candidate.jobKey, cap - 1);
  }
  return { picked, left: { slots, tasks, jobCapacity: capacity } };
}

/** A node of the claiming pool, as a claim's slot limit sees it. */
export interface PoolNodeLoad {
  readonly id: string;
  /** Batch node `state` and `schedulingState`, for the caller to tell which nodes may run tasks. */
  readonly state: string;
  readonly schedulingState: string;
  readonly slots: number;
  /** Slots of the tasks running (or preparing) on it. */
  readonly runningSlots: number;
}

/**
 * The pool's load inside a claim's transaction: every node of the pool, and on request the
 * `requiredSlots` of up to `most` ready tasks of its active jobs, oldest first (a sample large
 * enough to tell whether the work fills every node).
 */
export interface PoolLoad {
  readonly nodes: readonly PoolNodeLoad[];
  readySlots(most: number): Promise<readonly number[]>;
}
