// Autoscale operations: enableautoscale, disableautoscale, evaluateautoscale, and the
// periodic runs (samples every `autoScaleSamplePeriodMs`, each pool's formula every
// `autoScaleEvaluationInterval`).
import type { AutoScaleRun } from "../../api/index.js";
import type { PoolRecord, WriteOptions } from "../../store/index.js";
import { BatchError } from "../batch-error.js";
import { toAutoScaleRun } from "../autoscale/index.js";
import {
  validatePoolEnableAutoScale,
  validatePoolEvaluateAutoScale,
} from "../validation/validate-pool.js";
import { autoScaleDue, evaluateForPool, runAutoScale } from "./autoscale-run.js";
import { forEachPool } from "./autoscale-pools.js";
import { sampleIfDue, samplePool } from "./autoscale-sampling.js";
import { asJson, internalKey, omitKeys, poolInternalOf, poolSpecOf } from "./records.js";
import type { ServiceContext } from "./service-deps.js";
import { inBatchTerms, isStoreConflict, isStoreNotFound } from "./store-errors.js";

/** Batch's autoscale operations on pools, and the periodic evaluation. */
export interface AutoScaleService {
  /**
   * `POST /pools/{id}/enableautoscale`: sets the formula and/or interval (a formula is
   * required when autoscale is off), runs the formula at once and applies it.
   */
  enable(poolId: string, body: unknown, options?: WriteOptions): Promise<PoolRecord>;
  /** `POST /pools/{id}/disableautoscale`: the pool keeps its current target. */
  disable(poolId: string, options?: WriteOptions): Promise<PoolRecord>;
  /** `POST /pools/{id}/evaluateautoscale`: the run's results, not applied. */
  evaluate(poolId: string, body: unknown): Promise<AutoScaleRun>;
  /** Takes samples if a sample period passed, then runs each pool's formula that is due. */
  tick(): Promise<void>;
  /** Runs the pool's formula now, as its interval would (after a fresh sample). */
  runNow(poolId: string): Promise<PoolRecord>;
}

const ref = (id: string) => ({ kind: "pool", id }) as const;

function autoscaling(pool: PoolRecord): boolean {
  return poolSpecOf(pool).enableAutoScale === true;
}

export function createAutoScaleService(ctx: ServiceContext): AutoScaleService {
  const active = async (poolId: string): Promise<PoolRecord> => {
    const pool = await inBatchTerms(ref(poolId), () => ctx.pools.get(poolId));
    if (pool.state === "deleting") {
      throw new BatchError("PoolBeingDeleted", `Pool '${pool.id}' is being deleted.`);
    }
    return pool;
  };
  const ifMatch = (options?: WriteOptions): WriteOptions =>
    options?.ifMatch === undefined ? {} : { ifMatch: options.ifMatch };
  return {
    async enable(poolId, body, options) {
      const request = validatePoolEnableAutoScale(body, {
        minAutoScaleEvaluationIntervalMs: ctx.settings.minAutoScaleEvaluationIntervalMs,
      });
      const pool = await active(poolId);
      refuseTooSoon(pool, ctx.clock.now());
      const spec = poolSpecOf(pool);
      const enabled = autoscaling(pool);
      if (
        request.autoScaleFormula === undefined &&
        (!enabled || request.autoScaleEvaluationInterval === undefined)
      ) {
        throw new BatchError(
          "MissingRequiredProperty",
          enabled
            ? "Property 'autoScaleFormula' (or 'autoScaleEvaluationInterval') is required to update autoscale."
            : `Property 'autoScaleFormula' is required: autoscale is not enabled on pool '${pool.id}'.`,
          { PropertyName: "autoScaleFormula" },
        );
      }
      const interval =
        request.autoScaleEvaluationInterval ??
        (enabled ? spec.autoScaleEvaluationInterval : undefined);
      const updated = await inBatchTerms(ref(poolId), () =>
        ctx.pools.update(
          pool.id,
          {
            spec: {
              ...omitKeys(pool.spec, [
                "targetLowPriorityNodes",
                "autoScaleEvaluationInterval",
                "autoScaleRun",
              ]),
              enableAutoScale: true,
              autoScaleFormula: request.autoScaleFormula ?? spec.autoScaleFormula ?? "",
              ...(interval === undefined ? {} : { autoScaleEvaluationInterval: interval }),
              [internalKey]: asJson({
                ...poolInternalOf(pool),
                lastEnableAutoScale: ctx.clock.now(),
              }),
            },
          },
          ifMatch(options),
        ),
      );
      // Batch evaluates a newly enabled formula at once; its schedule starts now.
      await samplePool(ctx, updated, ctx.clock.now());
      return runAutoScale(ctx, updated);
    },
    async disable(poolId, options) {
      const pool = await active(poolId);
      return inBatchTerms(ref(poolId), () =>
        ctx.pools.update(
          pool.id,
          {
            spec: {
              ...omitKeys(pool.spec, ["autoScaleFormula", "autoScaleEvaluationInterval"]),
              enableAutoScale: false,
            },
          },
          ifMatch(options),
        ),
      );
    },
    async evaluate(poolId, body) {
      const request = validatePoolEvaluateAutoScale(body);
      const pool = await active(poolId);
      if (!autoscaling(pool)) {
        throw new BatchError(
          "OperationInvalidForCurrentState",
          `Pool '${pool.id}' does not scale automatically: enable autoscale on it (enableautoscale) before evaluating a formula, as in Batch.`,
        );
      }
      return toAutoScaleRun(await evaluateForPool(ctx, pool, request.autoScaleFormula, "throw"));
    },
    async tick() {
      await sampleIfDue(ctx);
      const now = ctx.clock.now();
      await forEachPool(ctx, async (pool) => {
        if (!autoScaleDue(pool, now)) return;
        try {
          await runAutoScale(ctx, pool);
        } catch (error) {
          // Changed since it was read (or deleted): the next tick reads it again. Another
          // failure is logged, and the other pools still run.
          if (isStoreConflict(error) || isStoreNotFound(error)) return;
          ctx.logger.error("autoscale run failed", { pool: pool.id, error: String(error) });
        }
      });
    },
    async runNow(poolId) {
      const pool = await active(poolId);
      if (!autoscaling(pool)) {
        throw new BatchError(
          "OperationInvalidForCurrentState",
          `Pool '${pool.id}' does not scale automatically.`,
        );
      }
      await samplePool(ctx, pool, ctx.clock.now());
      return runAutoScale(ctx, pool);
    },
  };
}

/** Batch's limit: `enableautoscale` on a pool at most once every 30 seconds. */
export const enableAutoScaleSpacingMs = 30_000;

function refuseTooSoon(pool: PoolRecord, now: number): void {
  const last = poolInternalOf(pool).lastEnableAutoScale;
  if (last === undefined || now - last >= enableAutoScaleSpacingMs) return;
  const wait = Math.ceil((enableAutoScaleSpacingMs - (now - last)) / 1000);
  throw new BatchError(
    "TooManyEnableAutoScaleRequests",
    `Autoscale was enabled on pool '${pool.id}' ${Math.floor((now - last) / 1000)} s ago; Batch allows one enableautoscale per pool every 30 seconds: try again in ${wait} s.`,
  );
}
