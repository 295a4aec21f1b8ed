// Validation of task bodies: the schema, then Batch's cross-field rules and the rules that
// depend on the job and the pool (dependencies, exit-condition job actions, slots).
import { BatchError } from "../batch-error.js";
import type { OnTaskFailure } from "../../api/index.js";
import type { TaskAddParameter, TaskDependencies, TaskUpdateParameter } from "../../api/index.js";
import type { ExitConditions } from "../../api/index.js";
import { checkOutputFiles, checkResourceFiles, checkUserIdentity } from "./resource-file-rules.js";
import { checkMultiInstance } from "./multi-instance-rules.js";
import { checkSchema, invalidValue, type SchemaOptions } from "./schema.js";
import { taskAddSchema, taskUpdateSchema } from "./schemas-job.js";

/** Batch's limit on the total length of `dependsOn.taskIds`. */
export const maxDependencyIdChars = 64_000;

/** What task validation needs to know about the job and its pool. */
export interface TaskValidationContext {
  /** The job's `usesTaskDependencies`; default false. */
  readonly usesTaskDependencies?: boolean;
  /** The job's `onTaskFailure`; default `noaction`. */
  readonly onTaskFailure?: OnTaskFailure;
  /** The pool's `taskSlotsPerNode` when the pool exists; unknown = not checked. */
  readonly taskSlotsPerNode?: number;
  /** The pool's `enableInterNodeCommunication` when the pool exists (multi-instance tasks). */
  readonly enableInterNodeCommunication?: boolean;
  /** Ids of the job's preparation and release tasks, which a task may not reuse. */
  readonly jobPreparationTaskId?: string;
  readonly jobReleaseTaskId?: string;
}

/** Validates a task add body (`POST /jobs/{id}/tasks`); returns it clean or throws a BatchError. */
export function validateTaskAdd(
  body: unknown,
  context: TaskValidationContext = {},
  options: SchemaOptions = {},
): TaskAddParameter {
  const task = checkSchema(taskAddSchema, body, "", options) as TaskAddParameter;
  checkTaskRules(task, "", context);
  return task;
}

/** Validates a task update body (`PUT /jobs/{id}/tasks/{taskId}`). */
export function validateTaskUpdate(
  body: unknown,
  options: SchemaOptions = {},
): TaskUpdateParameter {
  return checkSchema(taskUpdateSchema, body, "", options) as TaskUpdateParameter;
}

/** The cross-field rules of a task that already passed its schema; `path` prefixes names. */
export function checkTaskRules(
  task: TaskAddParameter,
  path: string,
  context: TaskValidationContext,
): void {
  const at = (name: string): string => (path === "" ? name : `${path}.${name}`);
  for (const [reserved, code] of [
    [context.jobPreparationTaskId, "TaskIdSameAsJobPreparationTask"],
    [context.jobReleaseTaskId, "TaskIdSameAsJobReleaseTask"],
  ] as const) {
    if (reserved !== undefined && reserved.toLowerCase() === task.id.toLowerCase()) {
      throw new BatchError(
        code,
        `Task id '${task.id}' is taken by the job's ${code === "TaskIdSameAsJobPreparationTask" ? "preparation" : "release"} task.`,
        {
          PropertyName: at("id"),
          PropertyValue: task.id,
        },
      );
    }
  }
  checkResourceFiles(task.resourceFiles, at("resourceFiles"));
  checkResourceFiles(
    task.multiInstanceSettings?.commonResourceFiles,
    at("multiInstanceSettings.commonResourceFiles"),
  );
  checkOutputFiles(task.outputFiles, at("outputFiles"));
  checkUserIdentity(task.userIdentity, at("userIdentity"));
  checkExitConditions(
    task.exitConditions,
    at("exitConditions"),
    context.onTaskFailure ?? "noaction",
  );
  checkDependencies(task, at("dependsOn"), context.usesTaskDependencies ?? false);
  checkSlots(task, at("requiredSlots"), context.taskSlotsPerNode);
  checkMultiInstance(task, path, context);
}

function checkSlots(
  task: TaskAddParameter,
  path: string,
  taskSlotsPerNode: number | undefined,
): void {
  const slots = task.requiredSlots ?? 1;
  if (task.multiInstanceSettings !== undefined && slots !== 1) {
    throw invalidValue(path, slots, "must be 1 for a multi-instance task");
  }
  // Batch accepts such a task and never schedules it (Azure/Batch#117); Sluice says so up front.
  if (taskSlotsPerNode !== undefined && slots > taskSlotsPerNode) {
    throw invalidValue(
      path,
      slots,
      `must be at most the pool's taskSlotsPerNode (${taskSlotsPerNode}), or no node could ever run the task`,
    );
  }
}

/** Exit-code ranges must be ordered; `jobAction` needs `onTaskFailure: performexitoptionsjobaction`. */
export function checkExitConditions(
  conditions: ExitConditions | undefined,
  path: string,
  onTaskFailure: OnTaskFailure,
): void {
  if (conditions === undefined) return;
  conditions.exitCodeRanges?.forEach((range, index) => {
    if (range.start > range.end) {
      throw invalidValue(
        `${path}.exitCodeRanges[${index}]`,
        `${range.start}..${range.end}`,
        "start must not be greater than end",
      );
    }
  });
  if (onTaskFailure === "performexitoptionsjobaction") return;
  const options = [
    ...(conditions.exitCodes ?? []).map(
      (entry, index) => [`exitCodes[${index}].exitOptions`, entry.exitOptions] as const,
    ),
    ...(conditions.exitCodeRanges ?? []).map(
      (entry, index) => [`exitCodeRanges[${index}].exitOptions`, entry.exitOptions] as const,
    ),
    ["preProcessingError", conditions.preProcessingError] as const,
    ["fileUploadError", conditions.fileUploadError] as const,
    ["default", conditions.default] as const,
  ];
  for (const [name, option] of options) {
    if (option?.jobAction !== undefined) {
      throw invalidValue(
        `${path}.${name}.jobAction`,
        option.jobAction,
        "may be set only when the job's onTaskFailure is performExitOptionsJobAction",
      );
    }
  }
}

/** True when `id` is in a `taskIdRanges` entry: ids that read as integers, as Batch requires. */
export function idInRange(
  id: string,
  range: { readonly start: number; readonly end: number },
): boolean {
  if (!/^[0-9]{1,10}$/.test(id)) return false;
  const value = Number(id);
  return value >= range.start && value <= range.end;
}

function checkDependencies(
  task: TaskAddParameter,
  path: string,
  usesTaskDependencies: boolean,
): void {
  const dependsOn: TaskDependencies | undefined = task.dependsOn;
  if (dependsOn === undefined) return;
  if (!usesTaskDependencies) {
    throw new BatchError(
      "TaskDependenciesNotSpecifiedOnJob",
      `Task '${task.id}' has dependsOn, but its job does not set usesTaskDependencies to true.`,
      {
        PropertyName: path,
      },
    );
  }
  const chars = (dependsOn.taskIds ?? []).reduce((sum, id) => sum + id.length, 0);
  if (chars > maxDependencyIdChars) {
    throw new BatchError(
      "TaskDependencyListTooLong",
      `Task '${task.id}' has dependsOn.taskIds of ${chars} characters in all; at most ${maxDependencyIdChars} are allowed. Use taskIdRanges instead.`,
      {
        PropertyName: `${path}.taskIds`,
      },
    );
  }
  const self = task.id.toLowerCase();
  dependsOn.taskIds?.forEach((id, index) => {
    if (id.toLowerCase() === self)
      throw invalidValue(`${path}.taskIds[${index}]`, id, "must not name the task itself");
  });
  dependsOn.taskIdRanges?.forEach((range, index) => {
    const at = `${path}.taskIdRanges[${index}]`;
    if (range.start > range.end)
      throw invalidValue(at, `${range.start}..${range.end}`, "start must not be greater than end");
    if (idInRange(task.id, range))
      throw invalidValue(
        at,
        `${range.start}..${range.end}`,
        `must not include the task itself ('${task.id}')`,
      );
  });
}
