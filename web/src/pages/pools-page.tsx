// Pools: each pool's nodes as a heatmap by state (as Batch Explorer draws them), the task
// slots in use, and a resize form.
import { useState } from "preact/hooks";
import type { CloudPool, ComputeNode } from "../../../src/api/index.js";
import type { BatchApi } from "../api/batch-api.js";
import { ErrorNotice, Loading } from "../components/notice.js";
import { NodeHeatmap } from "../components/node-heatmap.js";
import { StatusBadge } from "../components/status-badge.js";
import { usePoll } from "../use-poll.js";

const refreshMs = 3000;

export function PoolsPage({ batch }: { batch: BatchApi }) {
  const pools = usePoll(
    async () => {
      const list = await batch.listPools();
      const nodes = await Promise.all(list.map((pool) => batch.listNodes(pool.id)));
      return list.map((pool, index) => ({ pool, nodes: nodes[index] ?? [] }));
    },
    [batch],
    refreshMs,
  );
  return (
    <>
      <h1>Pools</h1>
      <ErrorNotice error={pools.error} />
      {pools.data === undefined && pools.loading && <Loading what="pools" />}
      {pools.data?.length === 0 && <p class="empty">No pools yet.</p>}
      {pools.data?.map(({ pool, nodes }) => (
        <PoolCard key={pool.id} batch={batch} pool={pool} nodes={nodes} onResized={pools.refresh} />
      ))}
    </>
  );
}

function PoolCard(props: {
  batch: BatchApi;
  pool: CloudPool;
  nodes: readonly ComputeNode[];
  onResized: () => void;
}) {
  const { pool, nodes } = props;
  const slotsPerNode = pool.taskSlotsPerNode ?? 1;
  const slotsUsed = nodes.reduce((sum, node) => sum + (node.runningTaskSlotsCount ?? 0), 0);
  const headingId = `pool-${pool.id}`;
  return (
    <section class="card" aria-labelledby={headingId} data-pool={pool.id}>
      <h2 id={headingId}>
        {pool.id} <StatusBadge status={pool.allocationState} />
      </h2>
      <dl class="facts">
        <dt>VM size</dt>
        <dd>{pool.vmSize}</dd>
        <dt>Dedicated nodes</dt>
        <dd>
          {pool.currentDedicatedNodes ?? 0} of {pool.targetDedicatedNodes ?? 0} wanted
        </dd>
        <dt>Task slots in use</dt>
        <dd data-testid="slots-in-use">
          {slotsUsed} of {nodes.length * slotsPerNode}
        </dd>
      </dl>
      <NodeHeatmap nodes={nodes} />
      <ResizeForm batch={props.batch} pool={pool} onResized={props.onResized} />
    </section>
  );
}

function ResizeForm(props: { batch: BatchApi; pool: CloudPool; onResized: () => void }) {
  const [target, setTarget] = useState(String(props.pool.targetDedicatedNodes ?? 0));
  const [error, setError] = useState<Error | undefined>();
  const [busy, setBusy] = useState(false);
  const id = `resize-${props.pool.id}`;
  const submit = async (event: Event) => {
    event.preventDefault();
    const count = Number(target);
    if (!Number.isInteger(count) || count < 0) {
      setError(new Error(`Target nodes must be a whole number of 0 or more, not '${target}'.`));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await props.batch.resizePool(props.pool.id, count);
      props.onResized();
    } catch (caught) {
      setError(caught as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="inline-form" onSubmit={submit}>
      <label for={id}>Target dedicated nodes</label>
      <input
        id={id}
        type="number"
        min={0}
        step={1}
        inputMode="numeric"
        value={target}
        onInput={(event) => setTarget((event.target as HTMLInputElement).value)}
      />
      <button type="submit" disabled={busy || props.pool.enableAutoScale === true}>
        Resize
      </button>
      {props.pool.enableAutoScale === true && (
        <span class="muted">Autoscale decides this pool's size.</span>
      )}
      <ErrorNotice error={error} />
    </form>
  );
}
