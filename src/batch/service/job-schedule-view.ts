// A stored job schedule as Batch's CloudJobSchedule.
import type {
  CloudJobSchedule,
  JobScheduleAddParameter,
  JobScheduleState,
} from "../../api/index.js";
import type { JobScheduleRecord } from "../../store/index.js";
import { toBatchTime } from "../duration.js";

type StoredSpec = Omit<JobScheduleAddParameter, "id">;

/** The user's parts of a stored schedule: displayName, schedule, jobSpecification, metadata. */
export function scheduleSpecOf(record: JobScheduleRecord): StoredSpec {
  return record.spec as unknown as StoredSpec;
}

/** `GET /jobschedules/{id}`'s body. */
export function toCloudJobSchedule(record: JobScheduleRecord, baseUrl: string): CloudJobSchedule {
  const spec = scheduleSpecOf(record);
  const recent = record.recentJobId;
  const live = record.state === "active" || record.state === "disabled";
  return {
    id: record.id,
    ...(spec.displayName === undefined ? {} : { displayName: spec.displayName }),
    url: `${baseUrl}/jobschedules/${record.id}`,
    eTag: record.etag,
    lastModified: toBatchTime(record.lastModified),
    creationTime: toBatchTime(record.creationTime),
    state: record.state as JobScheduleState,
    stateTransitionTime: toBatchTime(record.stateTransitionTime),
    ...(record.previousState === null
      ? {}
      : { previousState: record.previousState as JobScheduleState }),
    ...(record.previousStateTransitionTime === null
      ? {}
      : { previousStateTransitionTime: toBatchTime(record.previousStateTransitionTime) }),
    schedule: spec.schedule,
    jobSpecification: spec.jobSpecification,
    executionInfo: {
      ...(live && record.nextDue !== null ? { nextRunTime: toBatchTime(record.nextDue) } : {}),
      ...(recent === null ? {} : { recentJob: { id: recent, url: `${baseUrl}/jobs/${recent}` } }),
      ...(record.endTime === null ? {} : { endTime: toBatchTime(record.endTime) }),
    },
    ...(spec.metadata === undefined ? {} : { metadata: spec.metadata }),
  };
}
