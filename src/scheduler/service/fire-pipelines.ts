import { isSluiceError, newUuid, type JsonObject, type RandomSource } from "../../core/index.js";
import { resolveExpressions } from "../../expressions/index.js";
import type { TriggerRunRecord, TriggerStore } from "../../store/index.js";
import type { PipelineCall, TriggerSpec } from "../definition/trigger-spec.js";
import type { RunStarter } from "./scheduler-deps.js";

/** The run ids to create for a fire, chosen before any run exists (by pipeline index). */
export function plannedRunsFor(calls: readonly PipelineCall[], random: RandomSource): JsonObject {
  const planned: JsonObject = {};
  calls.forEach((_, i) => (planned[String(i)] = newUuid(random)));
  return planned;
}

/** `trigger()` and `triggerBody()` of a fire, from what its record kept. */
export function triggerScope(
  spec: TriggerSpec,
  run: Pick<TriggerRunRecord, "triggerRunId" | "properties">,
): { trigger: Record<string, unknown>; triggerBody: Record<string, unknown> } {
  const p = run.properties;
  const body: Record<string, unknown> = {};
  if (typeof p.fileName === "string") body.fileName = p.fileName;
  if (typeof p.folderPath === "string") body.folderPath = p.folderPath;
  const outputs: Record<string, unknown> = {};
  if (typeof p.windowStartTime === "string") outputs.windowStartTime = p.windowStartTime;
  if (typeof p.windowEndTime === "string") outputs.windowEndTime = p.windowEndTime;
  if (Object.keys(body).length > 0) outputs.body = body;
  return {
    trigger: {
      name: spec.name,
      type: spec.type,
      triggerRunId: run.triggerRunId,
      scheduledTime: p.scheduledTime,
      startTime: p.startTime,
      ...(Object.keys(outputs).length > 0 ? { outputs } : {}),
    },
    triggerBody: body,
  };
}

/**
 * Creates the pipeline runs of a recorded fire, each under the run id planned for it, so
 * doing it again after a crash finds the runs made the first time (`StoreDuplicate`) instead
 * of starting more. Parameters are evaluated with `trigger()` and `triggerBody()` in scope.
 * Returns `triggeredPipelines` and the failures (a missing pipeline, bad parameters).
 */
export async function createFireRuns(
  engine: RunStarter,
  spec: TriggerSpec,
  run: TriggerRunRecord,
  calls: readonly PipelineCall[],
): Promise<{ triggered: JsonObject; failures: string[] }> {
  const scope = triggerScope(spec, run);
  const triggered: JsonObject = {};
  const failures: string[] = [];
  for (const [i, call] of calls.entries()) {
    const runId = run.plannedRuns[String(i)];
    if (typeof runId !== "string") continue;
    try {
      const parameters = resolveExpressions(call.parameters, scope);
      await engine.createRun(
        run.factory,
        call.pipeline,
        parameters,
        { runId },
        {
          name: spec.name,
          id: run.triggerRunId,
          invokedByType: spec.type,
        },
      );
      triggered[call.pipeline] = runId;
    } catch (error) {
      if (isSluiceError(error) && error.code === "StoreDuplicate") triggered[call.pipeline] = runId;
      else
        failures.push(
          `pipeline '${call.pipeline}': ${error instanceof Error ? error.message : String(error)}`,
        );
    }
  }
  return { triggered, failures };
}

/** Creates a schedule or event fire's runs and records the outcome (fire and forget, as ADF). */
export async function completeFire(
  store: TriggerStore,
  engine: RunStarter,
  spec: TriggerSpec,
  run: TriggerRunRecord,
  calls: readonly PipelineCall[],
): Promise<TriggerRunRecord | undefined> {
  const { triggered, failures } = await createFireRuns(engine, spec, run, calls);
  return store.updateRun(
    run.triggerRunId,
    {
      status: failures.length === 0 ? "Succeeded" : "Failed",
      message: failures.join("; "),
      triggeredPipelines: triggered,
      leaseOwner: null,
    },
    { ifStatus: ["Inprogress"] },
  );
}
