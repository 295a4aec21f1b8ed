import { sql, type Kysely, type RawBuilder } from "kysely";
import type { ClaimCandidate } from "../claim-plan.js";
import type { StoreSchema } from "../schema.js";
import type { CandidateRequest } from "../sqlite/claim-candidates.js";

interface CandidateRow {
  pk: number;
  job_id_key: string;
  required_slots: number;
}

/**
 * The oldest ready tasks of several jobs that fit in `freeSlots`, in one round trip: per
 * job, one range of the tasks_claim index (job, 'active', 0 unmet, pk order), locked with
 * `FOR UPDATE SKIP LOCKED` so concurrent claimers each get different rows without waiting.
 */
export function postgresCandidateQuery(
  requests: readonly CandidateRequest[],
  freeSlots: number,
): RawBuilder<CandidateRow> {
  const jobKeys = requests.map((request) => request.jobKey);
  const limits = requests.map((request) => request.limit);
  return sql<CandidateRow>`
    SELECT t.pk, t.job_id_key, t.required_slots
    FROM unnest(CAST(${jobKeys} AS text[]), CAST(${limits} AS integer[])) AS wanted (job_key, max_rows)
    CROSS JOIN LATERAL (
      SELECT pk, job_id_key, required_slots
      FROM tasks
      WHERE job_id_key = wanted.job_key
        AND state = 'active'
        AND unmet_dependencies = 0
        AND required_slots <= ${freeSlots}
      ORDER BY pk
      LIMIT wanted.max_rows
      FOR UPDATE SKIP LOCKED
    ) AS t
    ORDER BY t.pk`;
}

/** Candidates of several jobs, oldest first, locked until the claim's transaction ends. */
export async function postgresClaimCandidates(
  trx: Kysely<StoreSchema>,
  requests: readonly CandidateRequest[],
  freeSlots: number,
): Promise<ClaimCandidate[]> {
  const { rows } = await postgresCandidateQuery(requests, freeSlots).execute(trx);
  return rows.map((row) => ({
    pk: Number(row.pk),
    jobKey: row.job_id_key,
    requiredSlots: row.required_slots,
  }));
}
