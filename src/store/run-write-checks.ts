import { SluiceError } from "../core/index.js";
import { etagConflict, notFound } from "./record-keys.js";

/** The columns a write condition looks at, as the row holds them now. */
export interface WriteCheckedRow {
  readonly etag: string;
  readonly status: string;
  readonly lease_owner?: string | null;
}

/** Conditions a run write carried. */
export interface WriteConditions {
  readonly ifMatch?: string;
  readonly ifStatus?: readonly string[];
  readonly leaseOwner?: string;
}

/**
 * Why a conditional write matched no row, from the row as it is now: gone, a stale etag, a
 * status the caller did not expect, or a lease another server holds.
 */
export function writeRejection(
  kind: string,
  id: string,
  row: WriteCheckedRow | undefined,
  conditions: WriteConditions,
): SluiceError {
  if (row === undefined) return notFound(kind, id);
  if (conditions.ifMatch !== undefined && row.etag !== conditions.ifMatch) {
    return etagConflict(kind, id, conditions.ifMatch, row.etag);
  }
  if (conditions.ifStatus !== undefined && !conditions.ifStatus.includes(row.status)) {
    return new SluiceError(
      "StoreConflict",
      `The ${kind} "${id}" is ${row.status}, not ${conditions.ifStatus.join(" or ")}; it changed since it was read. Read it again and decide anew.`,
      { details: { kind, id, status: row.status, ifStatus: [...conditions.ifStatus] } },
    );
  }
  if (conditions.leaseOwner !== undefined && row.lease_owner !== conditions.leaseOwner) {
    return new SluiceError(
      "StoreConflict",
      `The ${kind} "${id}" is driven by ${row.lease_owner ?? "no server"}, not ${conditions.leaseOwner}: its lease was taken over. Stop driving it.`,
      {
        details: { kind, id, leaseOwner: row.lease_owner ?? null, expected: conditions.leaseOwner },
      },
    );
  }
  // Every condition holds now: the row changed between the write and this read.
  return new SluiceError(
    "StoreConflict",
    `The ${kind} "${id}" changed during the write; read it again and retry.`,
    {
      details: { kind, id },
    },
  );
}

/** `value` if it is one of `allowed`, else an `InvalidArgument` naming `field`. */
export function oneOf<T extends string>(field: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new SluiceError(
      "InvalidArgument",
      `${field} is "${value}"; allowed: ${allowed.join(", ")}.`,
      {
        details: { field, value, allowed: [...allowed] },
      },
    );
  }
  return value as T;
}
