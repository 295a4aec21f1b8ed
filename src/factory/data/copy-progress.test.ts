import { describe, expect, it } from "vitest";
import { ManualClock, type JsonValue } from "../../core/index.js";
import { CopyProgress, progressOutput } from "./copy-progress.js";

describe("CopyProgress", () => {
  it("reports the first work at once, then at most once per interval, counts so far", async () => {
    const clock = new ManualClock(10_000);
    const reports: JsonValue[] = [];
    const progress = new CopyProgress(async (output) => void reports.push(output), clock, 1000);
    progress.add({ filesRead: 1, filesWritten: 1, dataRead: 10, dataWritten: 10 });
    clock.advance(400);
    progress.add({ filesRead: 1, filesWritten: 1, dataRead: 5, dataWritten: 5 });
    clock.advance(600);
    progress.add({ filesRead: 2, filesWritten: 1, dataRead: 1, dataWritten: 1 });
    await progress.flush();
    expect(reports).toEqual([
      progressOutput(
        {
          filesRead: 1,
          filesWritten: 1,
          dataRead: 10,
          dataWritten: 10,
          rowsRead: 0,
          rowsCopied: 0,
        },
        false,
        10_000,
        10_000,
      ),
      progressOutput(
        {
          filesRead: 4,
          filesWritten: 3,
          dataRead: 16,
          dataWritten: 16,
          rowsRead: 0,
          rowsCopied: 0,
        },
        false,
        10_000,
        11_000,
      ),
    ]);
    expect(reports[1]).toMatchObject({ filesRead: 4, copyDuration: 1 });
  });

  it("shows rows once any work counted them, and never fails the copy when a report fails", async () => {
    const clock = new ManualClock(0);
    const progress = new CopyProgress(() => Promise.reject(new Error("store down")), clock, 0);
    progress.add({ rowsRead: 3, rowsCopied: 2 });
    await expect(progress.flush()).resolves.toBeUndefined();
    expect(progressOutput(progress.counts, true, 0, 2500)).toEqual({
      dataRead: 0,
      dataWritten: 0,
      filesRead: 0,
      filesWritten: 0,
      rowsRead: 3,
      rowsCopied: 2,
      copyDuration: 3,
      executionDetails: [{ status: "InProgress", start: "1970-01-01T00:00:00.000Z", duration: 3 }],
    });
  });
});
