import type { Kysely } from "kysely";
import type { NewPipelineRun } from "./pipeline-run-store.js";
import { toPipelineRunRow } from "./pipeline-run-row.js";
import { idKey } from "./record-keys.js";
import type { StoreSchema } from "./schema.js";
import { chunks, type StoreContext } from "./store-context.js";
import { nameKey, toRunRow } from "./trigger-run-row.js";
import type { NewTriggerRun } from "./trigger-store.js";

/** A fire to record together with the pipeline runs it starts (each with its run id set). */
export interface NewFire {
  readonly triggerRun: NewTriggerRun;
  readonly pipelineRuns: readonly (NewPipelineRun & { readonly runId: string })[];
}

/** A schedule trigger's cursor to move forward with its fires (see `advanceCursor`). */
export interface CursorMove {
  readonly factory: string;
  readonly trigger: string;
  readonly generation: number;
  readonly cursor: number;
}

/** When the fires are written, and a fresh etag per pipeline run. */
export interface FireStamp {
  readonly now: number;
  readonly etag: () => string;
}

// Rows per INSERT: a pipeline run binds ~30 values, far below both dialects' limits.
const rowsPerInsert = 100;

/**
 * `TriggerStore.recordFires`: one write transaction inserts the fires (a fire key the trigger
 * already has is skipped, `ON CONFLICT DO NOTHING`), the pipeline runs of the fires that were
 * new, and the cursor moves. A fire and its runs commit together or not at all, so a crash
 * leaves no fire without its runs, and of two schedulers on one database only the one whose
 * insert won creates runs. Fires are inserted in key order: two PostgreSQL transactions that
 * insert overlapping keys then wait on each other in one direction only, never in a cycle.
 * Returns the trigger run ids that were new.
 */
export async function recordFires(
  context: StoreContext,
  fires: readonly NewFire[],
  cursors: readonly CursorMove[],
  stamp: FireStamp,
): Promise<string[]> {
  if (fires.length === 0 && cursors.length === 0) return [];
  const sorted = [...fires].sort((a, b) => compareKeys(fireKeyOf(a), fireKeyOf(b)));
  return context.writeTransaction(async (trx) => {
    const inserted = new Set<string>();
    for (const part of chunks(sorted, rowsPerInsert)) {
      const rows = await trx
        .insertInto("trigger_runs")
        .values(part.map((fire) => toRunRow(fire.triggerRun, stamp.now)))
        .onConflict((c) => c.columns(["factory_key", "trigger_key", "fire_key"]).doNothing())
        .returning("trigger_run_id")
        .execute();
      rows.forEach((row) => inserted.add(row.trigger_run_id));
    }
    const runs = sorted
      .filter((fire) => inserted.has(fire.triggerRun.triggerRunId))
      .flatMap((fire) => fire.pipelineRuns)
      .map((run) =>
        toPipelineRunRow(run, { runId: idKey(run.runId), now: stamp.now, etag: stamp.etag() }),
      );
    for (const part of chunks(runs, rowsPerInsert))
      await trx.insertInto("pipeline_runs").values(part).execute();
    await moveCursors(trx, cursors, stamp.now);
    return sorted.map((fire) => fire.triggerRun.triggerRunId).filter((id) => inserted.has(id));
  });
}

/**
 * Moves a trigger's cursor forward to `move.cursor` if the trigger is still Started in
 * `move.generation` (a stop or restart in between wins); true when it moved.
 */
export async function moveCursor(
  db: Kysely<StoreSchema>,
  move: CursorMove,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable("trigger_states")
    .set({ cursor: move.cursor, last_updated: now })
    .where("factory_key", "=", nameKey(move.factory))
    .where("trigger_key", "=", nameKey(move.trigger))
    .where("generation", "=", move.generation)
    .where("runtime_state", "=", "Started")
    .where((eb) => eb.or([eb("cursor", "is", null), eb("cursor", "<", move.cursor)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * {@link moveCursor} for many triggers, one UPDATE per cursor value (triggers due together
 * move to the same time) and 500 triggers.
 */
async function moveCursors(
  db: Kysely<StoreSchema>,
  moves: readonly CursorMove[],
  now: number,
): Promise<void> {
  const byCursor = new Map<number, CursorMove[]>();
  for (const move of moves) byCursor.set(move.cursor, [...(byCursor.get(move.cursor) ?? []), move]);
  for (const [cursor, group] of byCursor) {
    for (const part of chunks(group)) {
      await db
        .updateTable("trigger_states")
        .set({ cursor, last_updated: now })
        .where((eb) =>
          eb(
            eb.refTuple("factory_key", "trigger_key", "generation"),
            "in",
            part.map((m) => eb.tuple(nameKey(m.factory), nameKey(m.trigger), m.generation)),
          ),
        )
        .where("runtime_state", "=", "Started")
        .where((eb) => eb.or([eb("cursor", "is", null), eb("cursor", "<", cursor)]))
        .execute();
    }
  }
}

function fireKeyOf(fire: NewFire): readonly string[] {
  const run = fire.triggerRun;
  return [nameKey(run.factory), nameKey(run.triggerName), run.fireKey];
}

function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? "";
    const y = b[i] ?? "";
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
