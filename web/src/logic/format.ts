// How times, durations and JSON read in the UI. Pure: the current time is passed in.

/** `850 ms`, `12.3 s`, `3 min 4 s`, `2 h 5 min`; `–` when unknown. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return "–";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** A run's duration: the recorded one when it ended, else the time since it started. */
export function elapsedMs(
  start: string | null | undefined,
  end: string | null | undefined,
  recorded: number | null | undefined,
  now: number,
): number | null {
  if (recorded !== null && recorded !== undefined) return recorded;
  const from = start ? Date.parse(start) : NaN;
  if (Number.isNaN(from)) return null;
  const to = end ? Date.parse(end) : now;
  return Number.isNaN(to) ? null : Math.max(0, to - from);
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/** A time as `YYYY-MM-DD HH:MM:SS` in the viewer's zone; `–` when absent or invalid. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return "–";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "–";
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

/** JSON indented by two spaces; strings that hold JSON stay strings (as ADF shows them). */
export function formatJson(value: unknown): string {
  if (value === undefined) return "";
  return JSON.stringify(value, null, 2);
}

/** True when a value carries nothing worth a panel: null, "", {} or []. */
export function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === "object" && Object.keys(value).length === 0;
}
