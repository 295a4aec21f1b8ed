// Store errors in Batch's words: the store says StoreNotFound / StoreDuplicate / StoreConflict,
// the REST API says PoolNotFound / JobExists / ConditionNotMet, naming the resource.
import { isSluiceError } from "../../core/index.js";
import { BatchError, alreadyExists, notFound } from "../batch-error.js";

/** The resource a store call was about, for the error it becomes. */
export interface ResourceRef {
  readonly kind: "pool" | "node" | "job" | "task" | "jobschedule";
  readonly id: string;
}

/**
 * Rethrows a store error as Batch's: not found -> `<Kind>NotFound`, duplicate ->
 * `<Kind>Exists`, an etag mismatch -> `ConditionNotMet` (412). Anything else passes through.
 */
export function batchErrorOf(error: unknown, ref: ResourceRef): unknown {
  if (!isSluiceError(error)) return error;
  const details = (error.details ?? {}) as { kind?: string; id?: string; ifMatch?: string };
  if (error.code === "StoreNotFound") {
    // The store names the missing record: a task call can fail on its job.
    const kind = details.kind === "job" && ref.kind === "task" ? "job" : ref.kind;
    return notFound(kind, kind === ref.kind ? ref.id : (details.id ?? ref.id));
  }
  if (error.code === "StoreDuplicate" && ref.kind !== "node")
    return alreadyExists(ref.kind, ref.id);
  if (error.code === "StoreConflict" && details.ifMatch !== undefined) {
    return new BatchError(
      "ConditionNotMet",
      `The ${ref.kind} '${ref.id}' has changed: If-Match ${details.ifMatch} does not match its current ETag.`,
    );
  }
  return error;
}

/** Runs a store call, turning its errors into Batch's for `ref`. */
export async function inBatchTerms<T>(ref: ResourceRef, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw batchErrorOf(error, ref);
  }
}

/** True when `error` is the store's "no such record". */
export function isStoreNotFound(error: unknown): boolean {
  return isSluiceError(error) && error.code === "StoreNotFound";
}

/** True when `error` is the store's "the record is not in the state (or etag) the write needs". */
export function isStoreConflict(error: unknown): boolean {
  return isSluiceError(error) && error.code === "StoreConflict";
}
