import { describe, expect, it } from "vitest";
import { planScheduleStep, scheduledJobId } from "./job-schedule-plan.js";

// Rules from Batch's Schedule model (REST API "Job Schedule - Add", Schedule.recurrenceInterval
// and startWindow): one active job at a time, lost chances, no carry-forward.
const min = 60_000;
const t0 = Date.UTC(2026, 0, 1);

describe("planScheduleStep", () => {
  it("waits until the first due time, then creates a job; a one-off schedule has no next", () => {
    expect(planScheduleStep({}, { nextDue: t0, jobActive: false }, t0 - 1)).toEqual({
      kind: "wait",
      nextDue: t0,
    });
    expect(planScheduleStep({}, { nextDue: t0, jobActive: false }, t0)).toEqual({
      kind: "createJob",
      due: t0,
      nextDue: undefined,
    });
  });

  it("completes a one-off schedule once its job has ended, not before", () => {
    expect(planScheduleStep({}, { nextDue: undefined, jobActive: true }, t0)).toEqual({
      kind: "wait",
      nextDue: undefined,
    });
    expect(planScheduleStep({}, { nextDue: undefined, jobActive: false }, t0)).toEqual({
      kind: "complete",
    });
  });

  it("recurs every interval", () => {
    const step = planScheduleStep(
      { recurrenceMs: 10 * min },
      { nextDue: t0, jobActive: false },
      t0 + 5,
    );
    expect(step).toEqual({ kind: "createJob", due: t0, nextDue: t0 + 10 * min });
  });

  it("does not create a job while the previous one is active", () => {
    const step = planScheduleStep(
      { recurrenceMs: 10 * min },
      { nextDue: t0 + 10 * min, jobActive: true },
      t0 + 11 * min,
    );
    expect(step).toEqual({ kind: "wait", nextDue: t0 + 10 * min });
  });

  it("drops due times that the next recurrence has overtaken: no burst of catch-up jobs", () => {
    const step = planScheduleStep(
      { recurrenceMs: 10 * min },
      { nextDue: t0, jobActive: false },
      t0 + 35 * min,
    );
    expect(step).toEqual({ kind: "createJob", due: t0 + 30 * min, nextDue: t0 + 40 * min });
  });

  it("loses the chance when the start window has passed", () => {
    const times = { recurrenceMs: 10 * min, startWindowMs: 2 * min };
    expect(planScheduleStep(times, { nextDue: t0, jobActive: false }, t0 + 3 * min)).toEqual({
      kind: "wait",
      nextDue: t0 + 10 * min,
    });
    expect(planScheduleStep(times, { nextDue: t0, jobActive: false }, t0 + 2 * min)).toEqual({
      kind: "createJob",
      due: t0,
      nextDue: t0 + 10 * min,
    });
  });

  it("completes a one-off schedule whose start window passed without a job", () => {
    const step = planScheduleStep(
      { startWindowMs: min },
      { nextDue: t0, jobActive: false },
      t0 + 2 * min,
    );
    expect(step).toEqual({ kind: "complete" });
  });

  it("creates no job after doNotRunAfter and completes once nothing is active", () => {
    const times = { recurrenceMs: 10 * min, doNotRunAfter: t0 + 15 * min };
    expect(
      planScheduleStep(times, { nextDue: t0 + 10 * min, jobActive: false }, t0 + 10 * min),
    ).toEqual({ kind: "createJob", due: t0 + 10 * min, nextDue: undefined });
    expect(
      planScheduleStep(times, { nextDue: t0 + 20 * min, jobActive: true }, t0 + 20 * min),
    ).toEqual({ kind: "wait", nextDue: undefined });
    expect(
      planScheduleStep(times, { nextDue: t0 + 20 * min, jobActive: false }, t0 + 20 * min),
    ).toEqual({ kind: "complete" });
  });

  it("names jobs as Batch does", () => {
    expect(scheduledJobId("nightly", 3)).toBe("nightly:job-3");
  });
});
