// Validation of job schedule bodies: the schema, then Batch's rules on times and intervals.
// The job specification is checked as a job add body would be (same schema, same rules).
import type {
  JobScheduleAddParameter,
  JobSchedulePatchParameter,
  JobScheduleUpdateParameter,
  JobSpecification,
  Schedule,
} from "../../api/index.js";
import { parseBatchTime, parseDuration } from "../duration.js";
import {
  arrayOf,
  checkSchema,
  duration,
  idStr,
  invalidValue,
  objectSchema,
  str,
  type ObjectSchema,
  type Schema,
  type SchemaOptions,
} from "./schema.js";
import { jobAddSchema } from "./schemas-job.js";
import { metadataItemSchema, displayNameSchema } from "./schemas-task-parts.js";
import { validateJobAdd } from "./validate-job.js";

/** Batch refuses recurrence intervals and start windows under a minute. */
const minIntervalMs = 60_000;

const scheduleSchema = objectSchema<Schedule>("Schedule", {
  doNotRunUntil: str(),
  doNotRunAfter: str(),
  startWindow: duration(minIntervalMs),
  recurrenceInterval: duration(minIntervalMs),
});

// A job specification is a job add body without its id (the schedule names its jobs).
const jobSpecificationFields = Object.fromEntries(
  Object.entries(jobAddSchema.fields).filter(([name]) => name !== "id"),
);
const jobSpecificationSchema: ObjectSchema = {
  kind: "object",
  typeName: "JobSpecification",
  fields: jobSpecificationFields,
  required: ["poolInfo"],
};
const metadata: Schema = arrayOf(metadataItemSchema);

const addSchema = objectSchema<JobScheduleAddParameter>(
  "JobScheduleAddParameter",
  {
    id: idStr,
    displayName: displayNameSchema,
    schedule: scheduleSchema,
    jobSpecification: jobSpecificationSchema,
    metadata,
  },
  ["id", "schedule", "jobSpecification"],
);
const patchSchema = objectSchema<JobSchedulePatchParameter>("JobSchedulePatchParameter", {
  schedule: scheduleSchema,
  jobSpecification: jobSpecificationSchema,
  metadata,
});
const updateSchema = objectSchema<JobScheduleUpdateParameter>(
  "JobScheduleUpdateParameter",
  { schedule: scheduleSchema, jobSpecification: jobSpecificationSchema, metadata },
  ["schedule", "jobSpecification"],
);

/** Validates `POST /jobschedules`; returns the clean body or throws a BatchError. */
export function validateJobScheduleAdd(
  body: unknown,
  options: SchemaOptions = {},
): JobScheduleAddParameter {
  const add = checkSchema(addSchema, body, "", options) as JobScheduleAddParameter;
  checkScheduleTimes(add.schedule, "schedule");
  checkJobSpecification(add.jobSpecification);
  return add;
}

/** Validates `PATCH /jobschedules/{id}`. */
export function validateJobSchedulePatch(
  body: unknown,
  options: SchemaOptions = {},
): JobSchedulePatchParameter {
  const patch = checkSchema(patchSchema, body ?? {}, "", options) as JobSchedulePatchParameter;
  if (patch.schedule !== undefined) checkScheduleTimes(patch.schedule, "schedule");
  if (patch.jobSpecification !== undefined) checkJobSpecification(patch.jobSpecification);
  return patch;
}

/** Validates `PUT /jobschedules/{id}`. */
export function validateJobScheduleUpdate(
  body: unknown,
  options: SchemaOptions = {},
): JobScheduleUpdateParameter {
  const update = checkSchema(updateSchema, body, "", options) as JobScheduleUpdateParameter;
  checkScheduleTimes(update.schedule, "schedule");
  checkJobSpecification(update.jobSpecification);
  return update;
}

/** The schedule's times in ms (undefined when absent); throws on text that is not a time. */
export interface ScheduleTimes {
  readonly doNotRunUntil?: number;
  readonly doNotRunAfter?: number;
  readonly startWindowMs?: number;
  readonly recurrenceMs?: number;
}

/** Reads a validated schedule's times and intervals as numbers. */
export function scheduleTimesOf(schedule: Schedule, path = "schedule"): ScheduleTimes {
  const time = (name: "doNotRunUntil" | "doNotRunAfter") => {
    const text = schedule[name];
    if (text === undefined) return undefined;
    const ms = parseBatchTime(text);
    if (ms === undefined) {
      throw invalidValue(`${path}.${name}`, text, "must be a UTC date-time in ISO 8601 form");
    }
    return ms;
  };
  const interval = (name: "startWindow" | "recurrenceInterval") => {
    const text = schedule[name];
    return text === undefined ? undefined : parseDuration(text);
  };
  const until = time("doNotRunUntil");
  const after = time("doNotRunAfter");
  const window = interval("startWindow");
  const recurrence = interval("recurrenceInterval");
  return {
    ...(until === undefined ? {} : { doNotRunUntil: until }),
    ...(after === undefined ? {} : { doNotRunAfter: after }),
    ...(window === undefined ? {} : { startWindowMs: window }),
    ...(recurrence === undefined ? {} : { recurrenceMs: recurrence }),
  };
}

function checkScheduleTimes(schedule: Schedule, path: string): void {
  const times = scheduleTimesOf(schedule, path);
  if (
    times.doNotRunUntil !== undefined &&
    times.doNotRunAfter !== undefined &&
    times.doNotRunAfter < times.doNotRunUntil
  ) {
    throw invalidValue(
      `${path}.doNotRunAfter`,
      schedule.doNotRunAfter,
      `must not be before schedule.doNotRunUntil (${schedule.doNotRunUntil})`,
    );
  }
}

// The job rules (pool info, preparation/release ids, resource files...) are the job add
// body's: check the specification as the body of a job with a stand-in id.
function checkJobSpecification(spec: JobSpecification): void {
  validateJobAdd({ ...spec, id: "jobschedule-job" });
}
