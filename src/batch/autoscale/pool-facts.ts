// What a formula reads from the pool itself.

/** The pool's values a formula starts from. */
export interface PoolFacts {
  readonly targetDedicatedNodes: number;
  readonly targetLowPriorityNodes: number;
  readonly currentDedicatedNodes: number;
  readonly currentLowPriorityNodes: number;
  readonly taskSlotsPerNode: number;
  /** Default "requeue". */
  readonly nodeDeallocationOption?: string;
}
