// Multi-instance tasks (Batch's MPI tasks): the runs of their instances on several nodes,
// and the nodes holding themselves for one until enough have joined.
import type { JsonObject } from "../core/index.js";
import type { TaskRecord } from "./task-store.js";
import type { ClaimNode } from "./task-types.js";

export type SubtaskState = "running" | "completed";

/** One instance of a multi-instance task's run; instance 0 is the primary. */
export interface SubtaskRecord {
  readonly jobKey: string;
  readonly taskKey: string;
  readonly instance: number;
  readonly poolKey: string;
  /** The task's store claim token of the run. */
  readonly runToken: string;
  readonly nodeId: string;
  readonly delivered: boolean;
  readonly state: SubtaskState;
  readonly stateTransitionTime: number;
  readonly previousState: SubtaskState | null;
  readonly previousStateTransitionTime: number | null;
  /** How its coordination command ended, once it has. */
  readonly coordination: "success" | "failure" | null;
  readonly startTime: number;
  readonly endTime: number | null;
  readonly exitCode: number | null;
  readonly result: "success" | "failure" | null;
  readonly failureInfo: JsonObject | null;
}

/** One instance handed to the claiming node: its run's task and every instance's node. */
export interface GangDelivery {
  readonly task: TaskRecord;
  readonly instance: number;
  /** Node ids of instances 0..n-1 (0 is the master). */
  readonly members: readonly string[];
}

/** What a gang claim decided for the node. */
export interface GangClaim {
  readonly node: ClaimNode | undefined;
  /** Instances handed to the node now. */
  readonly deliveries: readonly GangDelivery[];
  /** The node waits for a multi-instance task to gather its nodes: it takes nothing else. */
  readonly holding: boolean;
}

export interface GangClaimRequest {
  readonly nodeId: string;
  readonly leaseMs: number;
  /** How long a reservation lasts unless the node claims again. */
  readonly reservationMs: number;
  /** Whether the node may join a task now (free slot, schedulable, pool fit for them). */
  readonly mayReserve: (node: ClaimNode) => boolean;
  /** Whether another node of the pool counts towards a task's instances. */
  readonly schedulable: (node: { state: string; schedulingState: string }) => boolean;
  /** The task's number of instances, from its spec. */
  readonly instancesOf: (spec: JsonObject) => number;
}

/** How an instance's command ended. */
export interface SubtaskEnd {
  readonly exitCode: number | null;
  readonly result: "success" | "failure";
  readonly failureInfo: JsonObject | null;
}

/** A running multi-instance task one of whose instances' nodes was lost. */
export interface LostGang {
  readonly jobKey: string;
  readonly taskKey: string;
  readonly runToken: string;
  readonly poolKey: string;
}

/** The store of multi-instance runs. Each call is one atomic write (or a read). */
export interface SubtaskStore {
  /** Whether the pool has multi-instance work a claim must look at (ready, or not yet handed out). */
  poolHasGangWork(poolId: string): Promise<boolean>;
  /**
   * A node's claim for multi-instance work, in one transaction: hands it instances of runs
   * formed meanwhile; otherwise reserves it for the pool's first ready multi-instance task
   * that the pool has nodes enough for (every node picks the same one, so reservations
   * never split between tasks), and starts that task when it has its instances' nodes.
   */
  claimGang(request: GangClaimRequest): Promise<GangClaim>;
  /** The instances of the task's current or last run, in instance order. */
  list(jobId: string, taskId: string): Promise<SubtaskRecord[]>;
  /** Records an instance's coordination result; false when the run is no longer that one. */
  recordCoordination(
    ref: { jobId: string; taskId: string; instance: number; runToken: string },
    end: SubtaskEnd,
  ): Promise<boolean>;
  /** Completes an instance's run; false when it is not running under that run. */
  finish(
    ref: { jobId: string; taskId: string; instance: number; runToken: string },
    end: SubtaskEnd,
  ): Promise<boolean>;
  /**
   * Running multi-instance tasks with an instance on a node that is gone or not live (or on
   * `restarted`, a node whose agent restarted: its processes are gone).
   */
  lostGangs(liveStates: readonly string[], restarted?: string): Promise<LostGang[]>;
  /** Puts a running multi-instance task back to active (a requeue) if it still runs that run. */
  requeueRun(gang: LostGang): Promise<TaskRecord | undefined>;
}
