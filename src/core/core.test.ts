import { describe, expect, it } from "vitest";
import {
  ManualClock,
  SluiceError,
  isSluiceError,
  newUuid,
  seededRandom,
  systemRandom,
} from "./index.js";

describe("SluiceError", () => {
  it("carries a stable code, details and cause", () => {
    const cause = new Error("disk full");
    const error = new SluiceError("InvalidArgument", "--port must be 1..65535", {
      details: { field: "port" },
      cause,
    });
    expect(error.code).toBe("InvalidArgument");
    expect(error.details).toEqual({ field: "port" });
    expect(error.cause).toBe(cause);
    expect(isSluiceError(error, "InvalidArgument")).toBe(true);
    expect(isSluiceError(error, "Internal")).toBe(false);
    expect(isSluiceError(new Error("x"))).toBe(false);
  });
});

describe("ManualClock", () => {
  it("stands still until moved", () => {
    const clock = new ManualClock(new Date("2024-01-01T00:00:00Z"));
    expect(clock.now()).toBe(Date.UTC(2024, 0, 1));
    clock.advance(1500);
    expect(clock.now()).toBe(Date.UTC(2024, 0, 1) + 1500);
  });
});

describe("random sources", () => {
  it("a seeded source repeats its sequence and stays in [0, 1)", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const values = Array.from({ length: 100 }, () => a.next());
    expect(values).toEqual(Array.from({ length: 100 }, () => b.next()));
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(90);
  });

  it("newUuid makes version-4 UUIDs", () => {
    const id = newUuid(systemRandom);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newUuid(seededRandom(1))).toBe(newUuid(seededRandom(1)));
    expect(newUuid(systemRandom)).not.toBe(id);
  });
});
