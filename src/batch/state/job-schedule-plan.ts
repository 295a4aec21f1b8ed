// When a job schedule creates its next job: Batch's rules as one pure step.
//
// A schedule has a due time (the first is doNotRunUntil, or its creation). At most one of
// its jobs is active at a time, so a due job waits for the previous one to end; if that takes
// past the start window, the chance is lost. Due times are not carried forward: when the
// next recurrence has come, the one before it is dropped, so a long job never leaves a burst
// of catch-up jobs behind (Batch: "a job due in one recurrenceInterval is not carried
// forward"). The schedule completes when no job will be created any more and none is active.

/** The schedule's times, in ms since the epoch. */
export interface SchedulePlanTimes {
  readonly doNotRunAfter?: number;
  readonly startWindowMs?: number;
  readonly recurrenceMs?: number;
}

/** What the step reads of the schedule's runtime. */
export interface ScheduleProgress {
  /** When the next job is due; undefined when none will be created any more. */
  readonly nextDue: number | undefined;
  /** True while the schedule's most recent job is not completed. */
  readonly jobActive: boolean;
}

/** What to do now. */
export type ScheduleStep =
  /** Create a job (due at `due`); afterwards the next job is due at `nextDue`. */
  | { readonly kind: "createJob"; readonly due: number; readonly nextDue: number | undefined }
  /** Nothing to create now; `nextDue` may have moved past lost chances. */
  | { readonly kind: "wait"; readonly nextDue: number | undefined }
  /** No job will be created any more and none is active: the schedule is done. */
  | { readonly kind: "complete" };

/** The next step of a schedule at `now`. */
export function planScheduleStep(
  times: SchedulePlanTimes,
  progress: ScheduleProgress,
  now: number,
): ScheduleStep {
  const due = latestChance(times, progress.nextDue, now);
  if (due === undefined) return progress.jobActive ? { kind: "wait", nextDue: undefined } : done();
  if (now < due) return { kind: "wait", nextDue: due };
  if (progress.jobActive) return { kind: "wait", nextDue: due };
  return { kind: "createJob", due, nextDue: after(times, due) };
}

const done = (): ScheduleStep => ({ kind: "complete" });

/**
 * The due time still worth acting on: the latest recurrence not after `now` (earlier ones
 * are dropped), unless its start window has passed, in which case the one after it; never
 * past doNotRunAfter.
 */
function latestChance(
  times: SchedulePlanTimes,
  nextDue: number | undefined,
  now: number,
): number | undefined {
  if (nextDue === undefined) return undefined;
  let due = nextDue;
  const every = times.recurrenceMs;
  if (every !== undefined && now >= due + every) due += Math.floor((now - due) / every) * every;
  if (times.startWindowMs !== undefined && now > due + times.startWindowMs) {
    const next = after(times, due);
    if (next === undefined) return undefined;
    due = next;
  }
  if (times.doNotRunAfter !== undefined && due > times.doNotRunAfter) return undefined;
  return due;
}

/** The due time after `due`, or undefined for a schedule that does not recur. */
function after(times: SchedulePlanTimes, due: number): number | undefined {
  if (times.recurrenceMs === undefined) return undefined;
  const next = due + times.recurrenceMs;
  return times.doNotRunAfter !== undefined && next > times.doNotRunAfter ? undefined : next;
}

/** The id Batch gives the n-th job of a schedule (1-based): `<scheduleId>:job-<n>`. */
export function scheduledJobId(scheduleId: string, n: number): string {
  return `${scheduleId}:job-${n}`;
}
