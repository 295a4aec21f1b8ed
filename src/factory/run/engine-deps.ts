import type { Clock, Logger, RandomSource } from "../../core/index.js";
import type { Database } from "../../store/index.js";
import type { ActivityExecutors, ActivityOutcome } from "../activities/activity-executor.js";
import type { SecretLookup } from "../activities/factory-resources.js";
import type { Activity } from "../model/pipeline.js";

/**
 * Replaces chosen activities' work with a fixed outcome (unit tests of pipelines): called
 * for each activity about to run; an outcome means "end like this without running it".
 */
export type ActivityStub = (activity: Activity) => ActivityOutcome | undefined;

/** Waits `ms`, or until `signal` aborts (then resolves early; never rejects). */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** What {@link createPipelineEngine} needs. */
export interface PipelineEngineDeps {
  readonly database: Database;
  /** Executors of execution activities by ADF type (WebActivity, Custom, ...). Default none. */
  readonly executors?: ActivityExecutors;
  /** Key Vault secrets for linked services' `AzureKeyVaultSecret` references. */
  readonly secrets?: SecretLookup;
  /** Fixed outcomes in place of running chosen activities; default none. */
  readonly stub?: ActivityStub;
  /** Default the system clock. */
  readonly clock?: Clock;
  /** Default the platform's generator. */
  readonly random?: RandomSource;
  /** Default silent. */
  readonly logger?: Logger;
  /** How the engine waits (retry intervals, Wait, polling); default real timers. */
  readonly sleep?: Sleep;
  /** This server's name in run leases; default a fresh id. */
  readonly owner?: string;
  /** How long a claimed run stays this server's without renewal; default 30 s. */
  readonly leaseMs?: number;
  /** How often the engine looks for runs to drive when nothing woke it; default 1 s. */
  readonly pollMs?: number;
  /** Most runs driven at once by this server; default 1,000. */
  readonly maxRuns?: number;
}

/** The real timer: resolves after `ms`, or at once when `signal` aborts. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener("abort", done, { once: true });
  });
