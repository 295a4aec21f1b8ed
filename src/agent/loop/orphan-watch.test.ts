import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { OrphanWatch } from "./orphan-watch.js";

describe("OrphanWatch", () => {
  let gaveUp: number;
  let watch: OrphanWatch;

  beforeEach(() => {
    vi.useFakeTimers();
    gaveUp = 0;
    watch = new OrphanWatch({ now: () => Date.now(), graceMs: () => 1000, giveUp: () => gaveUp++ });
  });

  afterEach(() => {
    watch.dispose();
    vi.useRealTimers();
  });

  it("gives up a grace period after the server went, once orphaned", () => {
    watch.serverAway();
    vi.advanceTimersByTime(600);
    expect(watch.orphan()).toBe(true);
    expect(watch.orphan()).toBe(false);
    // Counted from when the server went, not from when the agent was orphaned.
    vi.advanceTimersByTime(399);
    expect(gaveUp).toBe(0);
    vi.advanceTimersByTime(1);
    expect(gaveUp).toBe(1);
  });

  it("never gives up while the server answers, nor while not orphaned", () => {
    watch.serverAway();
    vi.advanceTimersByTime(5000);
    expect(gaveUp).toBe(0);
    watch.serverBack();
    watch.orphan();
    vi.advanceTimersByTime(5000);
    expect(gaveUp).toBe(0);
  });

  it("starts the count again when the server goes again after coming back", () => {
    watch.orphan();
    watch.serverAway();
    vi.advanceTimersByTime(900);
    watch.serverBack();
    vi.advanceTimersByTime(500);
    watch.serverAway();
    vi.advanceTimersByTime(900);
    expect(gaveUp).toBe(0);
    vi.advanceTimersByTime(100);
    expect(gaveUp).toBe(1);
  });
});
