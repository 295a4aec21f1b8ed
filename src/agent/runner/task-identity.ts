import { failure } from "./failure-info.js";
import type { TaskFailureInfo } from "./task-run-spec.js";

/**
 * Batch's `userIdentity` as the runner needs it: a named pool user or an auto-user. Omitted
 * means the non-admin auto-user.
 */
export interface TaskUserIdentity {
  readonly userName?: string;
  readonly autoUser?: {
    readonly scope?: "task" | "pool" | string;
    readonly elevationLevel?: "nonadmin" | "admin" | string;
  };
}

/**
 * Numeric ids of isolated tasks; no `/etc/passwd` entry is needed for either. They sit above
 * the ranges Linux distributions hand out to people (1000+), to containers (`/etc/subuid`
 * 100000+, systemd-nspawn 524288 to 1878982655) and below systemd's reserved top ranges
 * (2147352576+), and under 2^31 because Node's spawn takes 32-bit signed ids.
 */
export const poolAutoUserId = 1_900_000_000;
/** The pool start task's user: the same on every run of it (see task-isolation.ts). */
export const startTaskUserId = poolAutoUserId - 1;
/** The first id handed to a task (or a job's group); ids wrap after {@link isolatedIdCount}. */
export const firstIsolatedId = poolAutoUserId + 1;
export const isolatedIdCount = 100_000_000;

/**
 * Who a task runs as, decided before anything is created:
 * - `root`: the task runs as the agent (isolation off, or `elevationLevel: admin`, which in
 *   Batch gives the auto-user root's rights);
 * - `pool`: the pool's one shared auto-user ({@link poolAutoUserId}), for
 *   `autoUser.scope: "pool"` asked for explicitly;
 * - `task`: an id of its own. Batch's default scope is `pool`; Sluice gives every task without
 *   an explicit pool scope its own user (the "auto-user, made stricter").
 */
export type IdentityPlan =
  | { readonly kind: "root" }
  | { readonly kind: "pool" }
  | { readonly kind: "task" }
  | { readonly kind: "refused"; readonly failureInfo: TaskFailureInfo };

/** Pure: the plan for `identity` on a node where isolation is `isolated`. */
export function planIdentity(
  identity: TaskUserIdentity | undefined,
  isolated: boolean,
): IdentityPlan {
  if (identity?.userName !== undefined) {
    // Named users are accounts a Batch pool declares (`userAccounts`); Sluice pools declare
    // none, so as in Batch a task naming an account the node lacks cannot start. Running it
    // as some other user instead would silently give it rights it did not ask for.
    const message = `The task's userIdentity.userName ${JSON.stringify(identity.userName)} names a pool user account; Sluice nodes have no named user accounts. Use userIdentity.autoUser (scope "task" or "pool", elevationLevel "nonadmin" or "admin") instead.`;
    return {
      kind: "refused",
      failureInfo: failure("UserIdentityNotSupported", message, {
        userName: identity.userName,
      }),
    };
  }
  if (!isolated) return { kind: "root" };
  if (identity?.autoUser?.elevationLevel?.toLowerCase() === "admin") return { kind: "root" };
  if (identity?.autoUser?.scope?.toLowerCase() === "pool") return { kind: "pool" };
  return { kind: "task" };
}

/** Pure: the id after `id` in the task range, wrapping to its start. */
export function nextIsolatedId(id: number): number {
  const offset = id - firstIsolatedId;
  if (!Number.isInteger(offset) || offset < 0 || offset >= isolatedIdCount - 1)
    return firstIsolatedId;
  return id + 1;
}
