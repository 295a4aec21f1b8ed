/**
 * Keeps the claim path free for pools without multi-instance tasks: per pool, whether it may
 * have multi-instance work, asked of the store at most once per `recheckMs` (other servers
 * sharing the store are seen within that time) and set at once when this server adds such
 * a task. Also each node's pool, which never changes.
 */
export class GangHints {
  private readonly pools = new Map<string, { until: number; has: boolean }>();
  private readonly nodePools = new Map<string, string>();

  constructor(private readonly recheckMs: number) {}

  /** The node's pool key, read once. */
  async poolOf(
    nodeId: string,
    read: () => Promise<string | undefined>,
  ): Promise<string | undefined> {
    const known = this.nodePools.get(nodeId);
    if (known !== undefined) return known;
    const poolKey = await read();
    // Nodes come and go: a bound keeps a long-lived server's map small.
    if (this.nodePools.size >= 10_000) this.nodePools.clear();
    if (poolKey !== undefined) this.nodePools.set(nodeId, poolKey);
    return poolKey;
  }

  /** Whether claims on the pool must look for multi-instance work now. */
  async mayHaveWork(poolKey: string, now: number, ask: () => Promise<boolean>): Promise<boolean> {
    const hint = this.pools.get(poolKey);
    if (hint !== undefined && now < hint.until) return hint.has;
    const has = await ask();
    this.pools.set(poolKey, { until: now + this.recheckMs, has });
    return has;
  }

  /** A multi-instance task was added (or may have become ready) in the pool. */
  markWork(poolKey: string, now: number): void {
    this.pools.set(poolKey, { until: now + this.recheckMs, has: true });
  }
}
