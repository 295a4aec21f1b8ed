// Tumbling windows as the trigger page shows them: ADF's window states in its order, counts
// per state, a filter, newest window first, and which windows may be rerun. Pure.

/** ADF's tumbling window states, in the order its monitoring view lists them. */
export const windowStates = [
  "Waiting",
  "WaitingOnDependency",
  "Running",
  "Succeeded",
  "Failed",
  "Cancelled",
] as const;

/** What the trigger page needs of a window. */
export interface WindowLike {
  readonly windowStartTime: string;
  readonly status: string;
}

/** Only an ended window can be rerun (ADF's rerun of a trigger run; Sluice's service agrees). */
export function canRerunWindow(status: string): boolean {
  return status === "Succeeded" || status === "Failed" || status === "Cancelled";
}

/** How many windows are in each of ADF's states (every state present, zero when none). */
export function windowCounts(windows: readonly WindowLike[]): Map<string, number> {
  const counts = new Map<string, number>(windowStates.map((state) => [state, 0]));
  for (const window of windows) counts.set(window.status, (counts.get(window.status) ?? 0) + 1);
  return counts;
}

/** The windows in `state` ("" for all), newest window first. */
export function windowsShown<T extends WindowLike>(windows: readonly T[], state: string): T[] {
  const kept = state === "" ? [...windows] : windows.filter((window) => window.status === state);
  // ISO times in UTC sort as text.
  return kept.sort((a, b) =>
    a.windowStartTime < b.windowStartTime ? 1 : a.windowStartTime > b.windowStartTime ? -1 : 0,
  );
}
