// `sluice pool autoscale enable|disable|evaluate|run`: Batch's autoscale formulas on a pool.
import { ApiError, type AutoScaleRun, type CloudPool } from "../../client/index.js";
import { durationIso, usageError } from "./flags.js";
import type { CommandContext, Subcommand } from "./run-command.js";
import { toJson } from "./table.js";

/** The `autoscale` lines of `sluice pool --help`. */
export const autoScaleHelp = `  autoscale enable ID (--formula TEXT | --formula-file FILE) [--interval DURATION]
                                  Scale the pool with a Batch autoscale formula: it runs
                                  now, then every --interval (default 15m, at least 5m).
                                  On a scaling pool, replaces the formula; --interval
                                  alone changes only the interval.
  autoscale evaluate ID (--formula TEXT | --formula-file FILE) [--json]
                                  Try a formula on the pool without applying it: prints
                                  each variable, one a line. Exit 1 when the formula fails
                                  (the error names the line and column).
  autoscale run ID                Run the pool's own formula now and apply it (Sluice's
                                  addition: Batch cannot force a run). Exit 1 if it fails.
  autoscale disable ID            Stop scaling; the pool keeps its current target.`;

const formulaOptions = {
  formula: { type: "string" },
  "formula-file": { type: "string" },
} as const;

/** The formula of `--formula` or `--formula-file`; undefined when `optional` and neither. */
async function formulaOf(ctx: CommandContext, optional: boolean): Promise<string | undefined> {
  const text = ctx.string("formula");
  const file = ctx.string("formula-file");
  if (text !== undefined && file !== undefined) {
    throw usageError("formula", `${ctx.name} takes --formula or --formula-file, not both.`);
  }
  if (file !== undefined) {
    try {
      return await ctx.io.readFile(file);
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw usageError("formula-file", `--formula-file ${file} cannot be read: ${reason}.`, file);
    }
  }
  if (text === undefined && !optional) {
    throw usageError("formula", `${ctx.name} needs --formula TEXT or --formula-file FILE.`);
  }
  return text;
}

/**
 * Batch puts a formula error's position in the `Message` value (`Line 2, Col 30: ...`):
 * add it to the message the CLI prints when the message lacks it.
 */
async function withPosition<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    const detail = error instanceof ApiError ? messageValue(error.values) : undefined;
    if (!(error instanceof ApiError) || detail === undefined || error.message.includes(detail)) {
      throw error;
    }
    throw new ApiError(error.status, error.batchCode, `${error.message} ${detail}`, error.values);
  }
}

type Pair = { readonly key?: string; readonly name?: string; readonly value?: string };

/** The `Message` value of a Batch error (`key` in REST errors, `name` in autoScaleRun's). */
function messageValue(values: readonly Pair[] | undefined): string | undefined {
  return values?.find((pair) => (pair.key ?? pair.name) === "Message")?.value;
}

/** `results` one variable a line: Batch joins them with `;` and each starts with `$`. */
export function resultLines(results: string | undefined): string[] {
  return (results ?? "")
    .split(/;(?=\s*\$)/)
    .map((part) => part.trim().replace(/;$/, ""))
    .filter((part) => part !== "");
}

/** A run's error on one line: `CODE: message: Line 1, Col 43: ...`. */
export function runErrorText(run: AutoScaleRun): string | undefined {
  if (run.error === undefined) return undefined;
  const detail = messageValue(run.error.values);
  const code = run.error.code ?? "AutoScaleError";
  return [`${code}: ${run.error.message ?? "the formula failed"}`, detail]
    .filter(Boolean)
    .join(": ");
}

/** The last run as `show` prints it: its time, results, and error in one line each. */
export function compactAutoScaleRun(run: AutoScaleRun): Record<string, string | undefined> {
  return { timestamp: run.timestamp, results: run.results, error: runErrorText(run) };
}

const targetOf = (pool: CloudPool) => pool.targetDedicatedNodes ?? 0;

export const autoScaleVerbs: Record<string, Subcommand> = {
  enable: {
    args: ["ID"],
    options: { ...formulaOptions, interval: { type: "string" } },
    async run(ctx) {
      const formula = await formulaOf(ctx, ctx.has("interval"));
      const interval = ctx.string("interval");
      const client = await ctx.client();
      const poolId = ctx.args[0]!;
      await withPosition(
        client.enableAutoScale(poolId, {
          ...(formula === undefined ? {} : { autoScaleFormula: formula }),
          ...(interval === undefined
            ? {}
            : { autoScaleEvaluationInterval: durationIso("interval", interval) }),
        }),
      );
      const pool = await client.getPool(poolId);
      const every = pool.autoScaleEvaluationInterval ?? "PT15M";
      const failure = pool.autoScaleRun ? runErrorText(pool.autoScaleRun) : undefined;
      ctx.io.out(
        failure === undefined
          ? `Enabled autoscale on pool ${poolId}, every ${every}: target ${targetOf(pool)} node(s).`
          : `Enabled autoscale on pool ${poolId}, every ${every}; its first run failed (the target stays ${targetOf(pool)}): ${failure}`,
      );
      return 0;
    },
  },
  disable: {
    args: ["ID"],
    async run(ctx) {
      await (await ctx.client()).disableAutoScale(ctx.args[0]!);
      ctx.io.out(`Disabled autoscale on pool ${ctx.args[0]}; it keeps its current target.`);
      return 0;
    },
  },
  evaluate: {
    args: ["ID"],
    read: true,
    options: formulaOptions,
    async run(ctx) {
      const formula = (await formulaOf(ctx, false))!;
      const client = await ctx.client();
      const run = await withPosition(client.evaluateAutoScale(ctx.args[0]!, formula));
      if (ctx.json) ctx.io.out(toJson(run));
      else for (const line of resultLines(run.results)) ctx.io.out(line);
      const failure = runErrorText(run);
      if (failure !== undefined && !ctx.json) ctx.io.err(`error ${failure}`);
      return failure === undefined ? 0 : 1;
    },
  },
  run: {
    args: ["ID"],
    async run(ctx) {
      const client = await ctx.client();
      const poolId = ctx.args[0]!;
      await client.runAutoScale(poolId);
      const pool = await client.getPool(poolId);
      const failure = pool.autoScaleRun ? runErrorText(pool.autoScaleRun) : undefined;
      if (failure !== undefined) {
        ctx.io.err(`error ${failure}`);
        return 1;
      }
      ctx.io.out(`Ran autoscale on pool ${poolId}: target ${targetOf(pool)} node(s).`);
      for (const line of resultLines(pool.autoScaleRun?.results)) ctx.io.out(`  ${line}`);
      return 0;
    },
  },
};
