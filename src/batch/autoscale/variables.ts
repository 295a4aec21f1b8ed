// Batch's service-defined variables (batch-automatic-scaling.md, "Variables"), and Sluice's
// slot-aware ones. Their names are matched regardless of case (Batch's REST examples write
// `$targetDedicatedNodes` and the older `$CurrentDedicated`).

/** How a service-defined variable behaves in a formula. */
export type ServiceVariableKind =
  /** Read-write: a node target (a double). */
  | "target"
  /** Read-write: `$NodeDeallocationOption` (a string). */
  | "option"
  /** Read-only: a number the pool has now. */
  | "double"
  /** Read-only: an object of timestamped samples with methods (`GetSample`...). */
  | "samples";

export interface ServiceVariable {
  /** As results show it, with `$`. */
  readonly name: string;
  readonly kind: ServiceVariableKind;
  /** For an alias: the variable it stands for. */
  readonly aliasOf?: string;
}

/** The metrics a {@link SampleSource} is asked for, without `$`. */
export const sampledVariables = [
  "CPUPercent",
  "WallClockSeconds",
  "MemoryBytes",
  "DiskBytes",
  "DiskReadBytes",
  "DiskWriteBytes",
  "DiskReadOps",
  "DiskWriteOps",
  "NetworkInBytes",
  "NetworkOutBytes",
  "SampleNodeCount",
  "ActiveTasks",
  "RunningTasks",
  "PendingTasks",
  "SucceededTasks",
  "FailedTasks",
  "PreemptedNodeCount",
  // Beyond Batch: task slots (each task counts its requiredSlots), see docs/autoscale.md.
  "ActiveTaskSlots",
  "RunningTaskSlots",
  "PendingTaskSlots",
] as const;

export type SampledVariable = (typeof sampledVariables)[number];

const all: readonly ServiceVariable[] = [
  { name: "$TargetDedicatedNodes", kind: "target" },
  { name: "$TargetLowPriorityNodes", kind: "target" },
  { name: "$TargetDedicated", kind: "target", aliasOf: "$TargetDedicatedNodes" },
  { name: "$TargetLowPriority", kind: "target", aliasOf: "$TargetLowPriorityNodes" },
  { name: "$NodeDeallocationOption", kind: "option" },
  { name: "$CurrentDedicatedNodes", kind: "double" },
  { name: "$CurrentDedicated", kind: "double", aliasOf: "$CurrentDedicatedNodes" },
  { name: "$CurrentLowPriorityNodes", kind: "double" },
  { name: "$TaskSlotsPerNode", kind: "double" },
  ...sampledVariables.map((name) => ({ name: `$${name}`, kind: "samples" as const })),
];

const byLowerName = new Map(all.map((variable) => [variable.name.toLowerCase(), variable]));

/** The service-defined variable `name` (with `$`, any case), or undefined. */
export function serviceVariable(name: string): ServiceVariable | undefined {
  return name.startsWith("$") ? byLowerName.get(name.toLowerCase()) : undefined;
}

/**
 * The key of a user-defined variable: Batch's `$` is optional there, so `x` and `$x` are the
 * same variable; results show it as `$x`.
 */
export function userVariableKey(name: string): string {
  return name.startsWith("$") ? name : `$${name}`;
}
