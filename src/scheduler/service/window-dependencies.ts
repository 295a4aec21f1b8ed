import type { TriggerRunRecord, TriggerStore } from "../../store/index.js";
import type { TumblingWindowSpec } from "../definition/trigger-spec.js";
import { dependencyRange, windowsOverlapping, type Window } from "../tumbling/windows.js";

/** A window's dependencies: all met, some still pending, or waiting too long (7 days, as ADF). */
export type DependencyState = "met" | "pending";

/**
 * Whether every window a dependency range covers has Succeeded, for each of the window's
 * dependencies (on itself or on another tumbling window trigger of the factory). A failed
 * upstream window keeps it pending until that window is rerun successfully, as in ADF.
 */
export async function dependencyState(
  store: TriggerStore,
  factory: string,
  spec: TumblingWindowSpec,
  window: Window,
  upstream: (name: string) => Promise<TumblingWindowSpec | undefined>,
): Promise<DependencyState> {
  for (const dependency of spec.dependsOn) {
    const grid = dependency.self ? spec : await upstream(dependency.trigger);
    if (grid === undefined) return "pending";
    const range = dependencyRange(window, dependency);
    const needed = windowsOverlapping(grid, range.fromUtc, range.toUtc);
    if (needed.length === 0) continue;
    const first = needed[0]?.startUtc ?? 0;
    const last = needed[needed.length - 1]?.startUtc ?? 0;
    const rows = await store.listWindows(factory, grid.name, {
      fromStart: first,
      toStart: last + 1,
    });
    const succeeded = new Set(
      rows.filter((r: TriggerRunRecord) => r.status === "Succeeded").map((r) => r.windowStart),
    );
    if (!needed.every((w) => succeeded.has(w.startUtc))) return "pending";
  }
  return "met";
}
