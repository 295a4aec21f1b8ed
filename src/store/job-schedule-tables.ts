// The job schedule table of migration 0006, as Kysely sees it (conventions in schema.ts).

/** One Batch job schedule. */
export interface JobSchedulesTable {
  id_key: string;
  id: string;
  state: string;
  state_transition_time: number;
  previous_state: string | null;
  previous_state_transition_time: number | null;
  spec: string;
  next_due: number | null;
  job_count: number;
  recent_job_id: string | null;
  end_time: number | null;
  etag: string;
  last_modified: number;
  creation_time: number;
}
