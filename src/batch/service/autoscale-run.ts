// One autoscale run on a pool: evaluate its formula against the pool's facts and samples,
// record Batch's `autoScaleRun` on the pool, and on success apply the target through the
// resize path (allocation state `resizing`, nodes shed with $NodeDeallocationOption).
import type { ComputeNodeDeallocationOption } from "../../api/index.js";
import type { PoolRecord } from "../../store/index.js";
import { isBatchError, type BatchError } from "../batch-error.js";
import {
  checkFormula,
  evaluateFormula,
  parseFormula,
  toAutoScaleRun,
  type AutoScaleEvaluation,
  type Formula,
} from "../autoscale/index.js";
import { parseBatchTime, parseDuration } from "../duration.js";
import { liveNodeCount, poolNodes, reconcilePool } from "./allocation.js";
import { asJson, poolSpecOf, withPoolInternal } from "./records.js";
import type { ServiceContext } from "./service-deps.js";

/** Batch's default `autoScaleEvaluationInterval`. */
export const defaultEvaluationInterval = "PT15M";

/**
 * Evaluates `formula` for `pool` without applying it. A formula that does not parse throws
 * Batch's error when `syntax` is "throw" (evaluateautoscale); otherwise, like every other
 * problem, it is the run's `error` (a pool's stored formula, say one accepted before a check
 * existed, must not stop the periodic runs).
 */
export async function evaluateForPool(
  ctx: ServiceContext,
  pool: PoolRecord,
  formula: string,
  syntax: "throw" | "report",
): Promise<AutoScaleEvaluation> {
  const nodes = await poolNodes(ctx, pool.id);
  const context = {
    clock: ctx.clock,
    random: ctx.random,
    samples: await ctx.autoScale.source(pool.id, ctx.clock.now()),
    samplePeriodMs: ctx.settings.autoScaleSamplePeriodMs,
    pool: {
      targetDedicatedNodes: pool.targetDedicatedNodes,
      // Sluice has dedicated nodes only: low-priority targets are added to the dedicated one.
      targetLowPriorityNodes: 0,
      currentDedicatedNodes: liveNodeCount(nodes),
      currentLowPriorityNodes: 0,
      taskSlotsPerNode: pool.taskSlotsPerNode,
    },
  };
  const compiled = compile(formula);
  if ("formula" in compiled) return evaluateFormula(compiled.formula, context);
  const { error, unparsed } = compiled;
  if (unparsed && syntax === "throw") throw error;
  // Found before running: reported as Batch reports a run error, with the results the run
  // would have started from.
  const unchanged = evaluateFormula(parseFormula("$TargetDedicatedNodes"), context);
  return {
    timestamp: unchanged.timestamp,
    results: unchanged.results,
    nodeDeallocationOption: unchanged.nodeDeallocationOption,
    error: {
      code: unparsed ? error.batchCode : "AutoScalingFormulaEvaluationError",
      message: "Autoscale evaluation failed: the formula could not be evaluated",
      values: [{ name: "Message", value: error.values.Message ?? error.message }],
    },
  };
}

/** The formula parsed and checked, or Batch's error and whether it did not even parse. */
function compile(
  source: string,
): { readonly formula: Formula } | { readonly error: BatchError; readonly unparsed: boolean } {
  let formula: Formula | undefined;
  try {
    formula = parseFormula(source);
    checkFormula(formula);
    return { formula };
  } catch (error) {
    if (!isBatchError(error)) throw error;
    return { error, unparsed: formula === undefined };
  }
}

/**
 * Runs the pool's formula now: records `autoScaleRun` and applies a successful target. The
 * write names the pool's etag, so a pool changed meanwhile (autoscale disabled, a new
 * formula) is left alone: `StoreConflict`, and the next tick reads it afresh.
 */
export async function runAutoScale(ctx: ServiceContext, pool: PoolRecord): Promise<PoolRecord> {
  const formula = poolSpecOf(pool).autoScaleFormula ?? "";
  const evaluation = await evaluateForPool(ctx, pool, formula, "report");
  const spec = { ...pool.spec, autoScaleRun: asJson(toAutoScaleRun(evaluation)) };
  const dedicated = evaluation.targetDedicatedNodes;
  const ifMatch = { ifMatch: pool.etag };
  if (evaluation.error !== undefined || dedicated === undefined) {
    return ctx.pools.update(pool.id, { spec }, ifMatch);
  }
  const target = dedicated + (evaluation.targetLowPriorityNodes ?? 0);
  const nodes = await poolNodes(ctx, pool.id);
  const unchanged = target === pool.targetDedicatedNodes && target === liveNodeCount(nodes);
  const option = evaluation.nodeDeallocationOption as ComputeNodeDeallocationOption;
  const updated = await ctx.pools.update(
    pool.id,
    {
      targetDedicatedNodes: target,
      ...(unchanged
        ? {}
        : { allocationState: "resizing", allocationStateTransitionTime: ctx.clock.now() }),
      spec: withPoolInternal({ ...pool, spec }, { nodeDeallocationOption: option }),
    },
    ifMatch,
  );
  await reconcilePool(ctx, updated);
  return ctx.pools.get(pool.id);
}

/** True when the pool autoscales and its interval has passed since its last run. */
export function autoScaleDue(pool: PoolRecord, now: number): boolean {
  const spec = poolSpecOf(pool) as {
    enableAutoScale?: boolean;
    autoScaleRun?: { timestamp?: string };
  };
  if (pool.state !== "active" || spec.enableAutoScale !== true) return false;
  const last = spec.autoScaleRun?.timestamp;
  if (last === undefined) return true;
  const interval = parseDuration(
    poolSpecOf(pool).autoScaleEvaluationInterval ?? defaultEvaluationInterval,
  );
  return now >= (parseBatchTime(last) ?? 0) + (interval ?? 0);
}
