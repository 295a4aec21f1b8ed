import type { Kysely, Updateable } from "kysely";
import { systemClock, type Clock } from "../core/index.js";
import { toNodeRecord, toNodeUpdate } from "./node-row.js";
import type { NewNode, NodeListOptions, NodePatch, NodeRecord, NodeStore } from "./node-store.js";
import { decodeContinuationToken, pageSize, toPage, type Page } from "./page.js";
import { duplicate, idKey, notFound } from "./record-keys.js";
import type { NodesTable, StoreSchema } from "./schema.js";
import type { StoreDeps } from "./sql-pool-store.js";
import type { StoreContext } from "./store-context.js";
import { integerAtLeast } from "./store-arguments.js";

/** The {@link NodeStore} for both dialects. Pass a `Database`, or `joinTransaction(...)`. */
export function createNodeStore(context: StoreContext, deps: StoreDeps = {}): NodeStore {
  return new SqlNodeStore(context, deps.clock ?? systemClock);
}

/** Nodes with their running counts, counted from the tasks (index tasks_node_state). */
function selectNodes(db: Kysely<StoreSchema>) {
  return db
    .selectFrom("nodes")
    .selectAll("nodes")
    .select((eb) => [
      eb
        .selectFrom("tasks")
        .select((inner) => inner.fn.countAll<number>().as("count"))
        .whereRef("tasks.node_id", "=", "nodes.id")
        .where("tasks.state", "=", "running")
        .as("running_tasks_count"),
      eb
        .selectFrom("tasks")
        .select((inner) => inner.fn.sum<number>("tasks.required_slots").as("slots"))
        .whereRef("tasks.node_id", "=", "nodes.id")
        .where("tasks.state", "=", "running")
        .as("running_task_slots_count"),
    ]);
}

class SqlNodeStore implements NodeStore {
  constructor(
    private readonly context: StoreContext,
    private readonly clock: Clock,
  ) {}

  async register(node: NewNode): Promise<NodeRecord> {
    const now = this.clock.now();
    // One transaction: the pool check and the insert see the same pool.
    await this.context.writeTransaction(async (trx) => {
      const pool = await trx
        .selectFrom("pools")
        .select("id_key")
        .where("id_key", "=", idKey(node.poolId))
        .executeTakeFirst();
      if (pool === undefined) throw notFound("pool", node.poolId);
      const inserted = await trx
        .insertInto("nodes")
        .values({
          id: node.id,
          pool_id_key: pool.id_key,
          state: node.state,
          state_transition_time: now,
          scheduling_state: node.schedulingState,
          task_slots: node.taskSlots,
          heartbeat_expiry: node.heartbeatExpiry ?? null,
          allocation_time: now,
          last_boot_time: node.lastBootTime ?? null,
          info: JSON.stringify(node.info),
        })
        .onConflict((conflict) => conflict.column("id").doNothing())
        .returning("id")
        .executeTakeFirst();
      if (inserted === undefined) throw duplicate("node", node.id);
    });
    return this.get(node.id);
  }

  async get(id: string): Promise<NodeRecord> {
    const row = await selectNodes(this.context.db).where("nodes.id", "=", id).executeTakeFirst();
    if (row === undefined) throw notFound("node", id);
    return toNodeRecord(row);
  }

  async listByPool(poolId: string, options: NodeListOptions = {}): Promise<Page<NodeRecord>> {
    const size = pageSize(options);
    let query = selectNodes(this.context.db)
      .where("nodes.pool_id_key", "=", idKey(poolId))
      .orderBy("nodes.id")
      .limit(size + 1);
    if (options.state !== undefined) query = query.where("nodes.state", "=", options.state);
    if (options.continuationToken !== undefined) {
      query = query.where("nodes.id", ">", decodeContinuationToken(options.continuationToken));
    }
    return toPage(await query.execute(), size, (row) => row.id, toNodeRecord);
  }

  async update(id: string, patch: NodePatch): Promise<NodeRecord> {
    const update = toNodeUpdate(patch);
    if (Object.keys(update).length === 0) return this.get(id);
    await this.write(id, update);
    return this.get(id);
  }

  async heartbeat(id: string, ttlMs: number): Promise<NodeRecord> {
    const expiry = this.clock.now() + integerAtLeast("ttlMs", ttlMs, 1);
    await this.write(id, { heartbeat_expiry: expiry });
    return this.get(id);
  }

  async listExpired(before: number = this.clock.now()): Promise<NodeRecord[]> {
    const rows = await selectNodes(this.context.db)
      .where("nodes.heartbeat_expiry", "<", before)
      .orderBy("nodes.heartbeat_expiry")
      .orderBy("nodes.id")
      .execute();
    return rows.map(toNodeRecord);
  }

  async remove(id: string): Promise<void> {
    const result = await this.context.db
      .deleteFrom("nodes")
      .where("id", "=", id)
      .executeTakeFirst();
    if (result.numDeletedRows === 0n) throw notFound("node", id);
  }

  /** Sets `values` on the node; `StoreNotFound` if there is none. */
  private async write(id: string, values: Updateable<NodesTable>): Promise<void> {
    const result = await this.context.db
      .updateTable("nodes")
      .set(values)
      .where("id", "=", id)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw notFound("node", id);
  }
}
