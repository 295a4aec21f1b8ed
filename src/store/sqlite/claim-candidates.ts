import type { Kysely } from "kysely";
import type { ClaimCandidate } from "../claim-plan.js";
import type { StoreSchema } from "../schema.js";

/** A job and how many of its ready tasks to fetch. */
export interface CandidateRequest {
  readonly jobKey: string;
  readonly limit: number;
}

/**
 * The oldest ready tasks of one job that fit in `freeSlots`: one range of the tasks_claim
 * index (job, 'active', 0 unmet, pk order), so its cost does not grow with the job.
 */
export function sqliteCandidateQuery(
  db: Kysely<StoreSchema>,
  request: CandidateRequest,
  freeSlots: number,
) {
  return db
    .selectFrom("tasks")
    .select(["pk", "job_id_key", "required_slots"])
    .where("job_id_key", "=", request.jobKey)
    .where("state", "=", "active")
    .where("unmet_dependencies", "=", 0)
    .where("required_slots", "<=", freeSlots)
    .orderBy("pk")
    .limit(request.limit);
}

/**
 * Candidates of several jobs, oldest first. Runs inside the claim's `BEGIN IMMEDIATE`
 * transaction, which already excludes every other writer, so no row locks are needed; one
 * query per job costs microseconds in process.
 */
export async function sqliteClaimCandidates(
  trx: Kysely<StoreSchema>,
  requests: readonly CandidateRequest[],
  freeSlots: number,
): Promise<ClaimCandidate[]> {
  const candidates: ClaimCandidate[] = [];
  for (const request of requests) {
    const rows = await sqliteCandidateQuery(trx, request, freeSlots).execute();
    for (const row of rows) {
      candidates.push({ pk: row.pk, jobKey: row.job_id_key, requiredSlots: row.required_slots });
    }
  }
  return candidates.sort((a, b) => a.pk - b.pk);
}
