// Autoscale's metrics: the samples (in the store, one per pool, metric and sample slot, so
// they outlive restarts and servers sharing a database record each slot once), and each
// node's latest CPU and memory figures from its heartbeats (in this server's memory: a
// node heartbeats to one server at a time).
import type { AutoScaleSampleStore, PoolTaskLoadReader } from "../../store/index.js";
import type { Sample, SampleSource, SampledVariable } from "../autoscale/index.js";

/** How long samples are kept: longer than any look-back the documented formulas use. */
export const sampleRetentionMs = 3 * 60 * 60 * 1000;

/** Per-second traffic a node reported, by the autoscale metric it feeds. */
export type NodeIoRates = Partial<Record<(typeof ioMetrics)[number], number>>;

/** The traffic metrics, as heartbeats name them (without `$`, lower camel case). */
const ioMetrics = [
  "diskReadBytes",
  "diskWriteBytes",
  "diskReadOps",
  "diskWriteOps",
  "networkInBytes",
  "networkOutBytes",
] as const;

interface NodeUsage {
  readonly time: number;
  readonly cpuPercent?: number;
  readonly memoryBytes?: number;
  readonly diskBytes?: number;
  readonly ioPerSecond?: NodeIoRates;
}

const isFigure = (value: unknown): value is number =>
  typeof value === "number" && Number.isFinite(value) && value >= 0;

/** The rates of a heartbeat's `ioPerSecond` that are numbers; undefined when none is. */
function ioRatesOf(value: unknown): NodeIoRates | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const rates: NodeIoRates = {};
  for (const metric of ioMetrics) {
    const rate = (value as Record<string, unknown>)[metric];
    if (isFigure(rate)) rates[metric] = rate;
  }
  return Object.keys(rates).length === 0 ? undefined : rates;
}

/** The samples and the nodes' figures, per pool (by lower-case pool id). */
export class AutoScaleMetrics {
  /** When this server last took a round of samples. */
  lastSampleTime: number | undefined;
  private readonly usage = new Map<string, Map<string, NodeUsage>>();

  constructor(
    readonly taskLoad: PoolTaskLoadReader,
    private readonly samples: AutoScaleSampleStore,
    private readonly samplePeriodMs: number,
  ) {}

  /** A node's figures from a heartbeat; non-numbers are ignored. */
  noteUsage(poolKey: string, nodeId: string, time: number, figures: object): void {
    const { cpuPercent, memoryBytes, diskBytes, ioPerSecond } = figures as Record<string, unknown>;
    const io = ioRatesOf(ioPerSecond);
    const usage: NodeUsage = {
      time,
      ...(typeof cpuPercent === "number" && Number.isFinite(cpuPercent) ? { cpuPercent } : {}),
      ...(typeof memoryBytes === "number" && Number.isFinite(memoryBytes) ? { memoryBytes } : {}),
      ...(isFigure(diskBytes) ? { diskBytes } : {}),
      ...(io === undefined ? {} : { ioPerSecond: io }),
    };
    const nodes = this.usage.get(poolKey) ?? new Map<string, NodeUsage>();
    nodes.set(nodeId, usage);
    this.usage.set(poolKey, nodes);
  }

  /** The pool's nodes' latest figures reported since `since`; older reports are dropped. */
  nodeUsage(poolKey: string, since: number): NodeUsage[] {
    const nodes = this.usage.get(poolKey);
    if (nodes === undefined) return [];
    for (const [id, usage] of nodes) if (usage.time < since) nodes.delete(id);
    if (nodes.size === 0) this.usage.delete(poolKey);
    return [...nodes.values()];
  }

  /** Records one sample per metric given, in the sample slot holding `time`. */
  async record(
    poolId: string,
    time: number,
    values: Partial<Record<SampledVariable, number>>,
  ): Promise<void> {
    const slot = Math.floor(time / this.samplePeriodMs) * this.samplePeriodMs;
    await this.samples.record(poolId, slot, values as Record<string, number>);
  }

  /** Drops samples past the retention. */
  async prune(now: number): Promise<void> {
    await this.samples.prune(now - sampleRetentionMs);
  }

  /** Forgets the samples of an earlier pool with this id. */
  async forget(poolId: string): Promise<void> {
    await this.samples.forget(poolId);
  }

  /** The pool's history as a formula reads it, read from the store now. */
  async source(poolId: string, now: number): Promise<SampleSource> {
    const history = await this.samples.history(poolId, now - sampleRetentionMs);
    return {
      samples: (name: SampledVariable): readonly Sample[] => history.get(name) ?? [],
    };
  }
}
