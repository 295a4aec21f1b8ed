/**
 * ADF's timespan (.NET TimeSpan text): `[-][d.]hh:mm:ss[.fffffff]`, as `delay`, `offset` and
 * `size` of tumbling window triggers use it. Returns milliseconds, or undefined when the text
 * is not a timespan.
 */
export function parseTimeSpan(text: unknown): number | undefined {
  if (typeof text !== "string") return undefined;
  const match = /^\s*(-)?(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?\s*$/.exec(
    text,
  );
  if (match === null) return undefined;
  const [, sign, days, hours, minutes, seconds, fraction] = match;
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds ?? 0) > 59) return undefined;
  const ms =
    Number(days ?? 0) * 86_400_000 +
    Number(hours) * 3_600_000 +
    Number(minutes) * 60_000 +
    Number(seconds ?? 0) * 1000 +
    Math.floor(Number(`0.${fraction ?? "0"}`) * 1000);
  return sign === "-" ? -ms : ms;
}

/** `ms` as ADF's timespan text (`-1.02:00:00`). */
export function formatTimeSpan(ms: number): string {
  const sign = ms < 0 ? "-" : "";
  let rest = Math.abs(ms);
  const days = Math.floor(rest / 86_400_000);
  rest -= days * 86_400_000;
  const pad = (n: number): string => String(n).padStart(2, "0");
  const h = Math.floor(rest / 3_600_000);
  const m = Math.floor((rest % 3_600_000) / 60_000);
  const s = Math.floor((rest % 60_000) / 1000);
  return `${sign}${days > 0 ? `${days}.` : ""}${pad(h)}:${pad(m)}:${pad(s)}`;
}
