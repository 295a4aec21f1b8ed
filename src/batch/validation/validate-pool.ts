// Validation of pool bodies: the schema, then Batch's cross-field rules.
import { BatchError } from "../batch-error.js";
import { compileFormula } from "../autoscale/index.js";
import { formatDuration, parseDuration } from "../duration.js";
import type {
  NodeRemoveParameter,
  PoolAddParameter,
  PoolEnableAutoScaleParameter,
  PoolEvaluateAutoScaleParameter,
  PoolPatchParameter,
  PoolResizeParameter,
  PoolUpdatePropertiesParameter,
  StartTask,
} from "../../api/index.js";
import { checkResourceFiles, checkUserIdentity } from "./resource-file-rules.js";
import { checkSchema, invalidValue, type SchemaOptions } from "./schema.js";
import {
  nodeRemoveSchema,
  poolAddSchema,
  poolEnableAutoScaleSchema,
  poolEvaluateAutoScaleSchema,
  poolPatchSchema,
  poolResizeSchema,
  poolUpdatePropertiesSchema,
} from "./schemas-pool.js";

/**
 * Validates a pool add body (`POST /pools`); returns it clean or throws a BatchError.
 * Sluice departs from Batch in one way: neither `virtualMachineConfiguration` nor
 * `cloudServiceConfiguration` is required (nodes are Sluice agents), but both at once are refused.
 */
export function validatePoolAdd(
  body: unknown,
  options: PoolValidationOptions = {},
): PoolAddParameter {
  const pool = checkSchema(poolAddSchema, body, "", options) as PoolAddParameter;
  checkPoolSpecification(pool, "", options);
  return pool;
}

/** Validation options for pool bodies. */
export interface PoolValidationOptions extends SchemaOptions {
  /** The shortest `autoScaleEvaluationInterval` accepted; default 300,000 (Batch's 5 minutes). */
  readonly minAutoScaleEvaluationIntervalMs?: number;
}

/**
 * A formula must compile (Batch's `AutoScalingFormulaTooLong`, `AutoScalingFormulaSyntaxError`,
 * `InvalidAutoScalingSettings`, with line and column) and an interval must not be too short.
 */
function checkAutoScale(
  settings: { autoScaleFormula?: string; autoScaleEvaluationInterval?: string },
  at: (name: string) => string,
  options: PoolValidationOptions,
): void {
  if (settings.autoScaleFormula !== undefined) compileFormula(settings.autoScaleFormula);
  const interval = settings.autoScaleEvaluationInterval;
  const min = options.minAutoScaleEvaluationIntervalMs ?? 5 * 60_000;
  if (interval !== undefined && (parseDuration(interval) ?? 0) < min) {
    throw invalidValue(
      at("autoScaleEvaluationInterval"),
      interval,
      `must be at least ${formatDuration(min)}`,
    );
  }
}

/** The cross-field rules of a pool specification (also an auto pool's, at `path`). */
export function checkPoolSpecification(
  pool: Omit<PoolAddParameter, "id">,
  path: string,
  options: PoolValidationOptions = {},
): void {
  const at = (name: string): string => (path === "" ? name : `${path}.${name}`);
  if (
    pool.virtualMachineConfiguration !== undefined &&
    pool.cloudServiceConfiguration !== undefined
  ) {
    throw invalidValue(
      at("cloudServiceConfiguration"),
      "both set",
      "may not be set together with virtualMachineConfiguration",
    );
  }
  if (pool.enableAutoScale === true) {
    if (pool.autoScaleFormula === undefined || pool.autoScaleFormula.trim() === "") {
      throw missing(at("autoScaleFormula"), "when enableAutoScale is true");
    }
    for (const name of ["targetDedicatedNodes", "targetLowPriorityNodes"] as const) {
      if (pool[name] !== undefined)
        throw invalidValue(at(name), pool[name], "may not be set when enableAutoScale is true");
    }
    checkAutoScale(pool, at, options);
  } else {
    for (const name of ["autoScaleFormula", "autoScaleEvaluationInterval"] as const) {
      if (pool[name] !== undefined)
        throw invalidValue(at(name), pool[name], "may be set only when enableAutoScale is true");
    }
    // External pools size themselves by the agents that join, so a target is optional there.
    if (
      pool.sluiceExternalNodes !== true &&
      pool.targetDedicatedNodes === undefined &&
      pool.targetLowPriorityNodes === undefined
    ) {
      throw missing(
        at("targetDedicatedNodes"),
        "(or targetLowPriorityNodes) when enableAutoScale is false",
      );
    }
  }
  checkStartTask(pool.startTask, at("startTask"));
}

function checkStartTask(startTask: StartTask | undefined, path: string): void {
  if (startTask === undefined) return;
  checkResourceFiles(startTask.resourceFiles, `${path}.resourceFiles`);
  checkUserIdentity(startTask.userIdentity, `${path}.userIdentity`);
}

function missing(path: string, when: string): BatchError {
  return new BatchError("MissingRequiredProperty", `Property '${path}' is required ${when}.`, {
    PropertyName: path,
  });
}

/** Validates a pool patch body (`PATCH /pools/{id}`). */
export function validatePoolPatch(body: unknown, options: SchemaOptions = {}): PoolPatchParameter {
  const patch = checkSchema(poolPatchSchema, body, "", options) as PoolPatchParameter;
  checkStartTask(patch.startTask, "startTask");
  return patch;
}

/** Validates a pool update-properties body (`POST /pools/{id}/updateproperties`). */
export function validatePoolUpdateProperties(
  body: unknown,
  options: SchemaOptions = {},
): PoolUpdatePropertiesParameter {
  const update = checkSchema(
    poolUpdatePropertiesSchema,
    body,
    "",
    options,
  ) as PoolUpdatePropertiesParameter;
  checkStartTask(update.startTask, "startTask");
  return update;
}

/** Validates a pool resize body (`POST /pools/{id}/resize`): at least one target. */
export function validatePoolResize(
  body: unknown,
  options: SchemaOptions = {},
): PoolResizeParameter {
  const resize = checkSchema(poolResizeSchema, body, "", options) as PoolResizeParameter;
  if (resize.targetDedicatedNodes === undefined && resize.targetLowPriorityNodes === undefined) {
    throw missing("targetDedicatedNodes", "(or targetLowPriorityNodes) to resize a pool");
  }
  return resize;
}

/** Validates a remove-nodes body (`POST /pools/{id}/removenodes`): 1 to 100 node ids. */
export function validateNodeRemove(
  body: unknown,
  options: SchemaOptions = {},
): NodeRemoveParameter {
  const remove = checkSchema(nodeRemoveSchema, body, "", options) as NodeRemoveParameter;
  if (remove.nodeList.length === 0)
    throw invalidValue("nodeList", [], "must name at least one node");
  return remove;
}

/** Validates an enable-autoscale body (`POST /pools/{id}/enableautoscale`). */
export function validatePoolEnableAutoScale(
  body: unknown,
  options: PoolValidationOptions = {},
): PoolEnableAutoScaleParameter {
  const request = checkSchema(
    poolEnableAutoScaleSchema,
    body,
    "",
    options,
  ) as PoolEnableAutoScaleParameter;
  checkAutoScale(request, (name) => name, options);
  return request;
}

/**
 * Validates an evaluate-autoscale body (`POST /pools/{id}/evaluateautoscale`): the formula is
 * required; its syntax is checked when it is evaluated.
 */
export function validatePoolEvaluateAutoScale(
  body: unknown,
  options: SchemaOptions = {},
): PoolEvaluateAutoScaleParameter {
  return checkSchema(
    poolEvaluateAutoScaleSchema,
    body,
    "",
    options,
  ) as PoolEvaluateAutoScaleParameter;
}
