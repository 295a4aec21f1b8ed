// ISO 8601 durations as Batch writes them: .NET TimeSpan's XML form (`PT15M`, `P7D`,
// `P10675199DT2H48M5.4775807S` = TimeSpan.MaxValue, Batch's "infinite").

/** Batch's "infinite" duration on the wire (TimeSpan.MaxValue). */
export const infiniteDuration = "P10675199DT2H48M5.4775807S";

const msPerSecond = 1000;
const msPerMinute = 60 * msPerSecond;
const msPerHour = 60 * msPerMinute;
const msPerDay = 24 * msPerHour;
/** TimeSpan.MaxValue in milliseconds (9223372036854775807 ticks of 100 ns). */
const maxTimeSpanMs = Number(2n ** 63n - 1n) / 10_000;

// Years and months are read as .NET's XmlConvert reads them: 365 and 30 days.
const pattern =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:\.(\d{1,7}))?S)?)?$/;

/**
 * Milliseconds in an ISO 8601 duration, or `undefined` when `text` is not one. Batch's
 * infinite value (and anything at TimeSpan.MaxValue) is `Infinity`; beyond it is `undefined`.
 * Fractions of a second keep 100-ns precision, so the result may have a fraction.
 */
export function parseDuration(text: string): number | undefined {
  const match = pattern.exec(text);
  if (match === null || text === "P" || text.endsWith("T")) return undefined;
  const n = (index: number): number => Number(match[index] ?? 0);
  const fraction = Number(`0.${match[8] ?? "0"}`);
  const ms =
    n(1) * 365 * msPerDay +
    n(2) * 30 * msPerDay +
    n(3) * 7 * msPerDay +
    n(4) * msPerDay +
    n(5) * msPerHour +
    n(6) * msPerMinute +
    (n(7) + fraction) * msPerSecond;
  // Doubles near 9.2e14 step by 0.125 ms: compare with half a millisecond of slack.
  if (ms > maxTimeSpanMs + 0.5) return undefined;
  if (ms >= maxTimeSpanMs - 0.5) return Number.POSITIVE_INFINITY;
  return ms;
}

/**
 * The duration of `ms` milliseconds as Batch writes it (`PT0S`, `PT1H30M`, `P7D`); `Infinity`
 * gives {@link infiniteDuration}. Precision is 100 ns, as in .NET.
 */
export function formatDuration(ms: number): string {
  if (ms >= maxTimeSpanMs - 0.5) return infiniteDuration;
  if (!(ms >= 0)) throw new RangeError(`A duration must be 0 or more milliseconds, not ${ms}.`);
  // Whole milliseconds and 100-ns ticks apart, so long durations keep their precision.
  let whole = Math.floor(ms);
  let subTicks = Math.round((ms - whole) * 10_000);
  if (subTicks === 10_000) [whole, subTicks] = [whole + 1, 0];
  const totalSeconds = Math.floor(whole / 1000);
  const fractionTicks = (whole % 1000) * 10_000 + subTicks;
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  let time = "";
  if (hours > 0) time += `${hours}H`;
  if (minutes > 0) time += `${minutes}M`;
  if (seconds > 0 || fractionTicks > 0) {
    const fraction =
      fractionTicks > 0 ? `.${String(fractionTicks).padStart(7, "0").replace(/0+$/, "")}` : "";
    time += `${seconds}${fraction}S`;
  }
  if (days === 0 && time === "") return "PT0S";
  return `P${days > 0 ? `${days}D` : ""}${time === "" ? "" : `T${time}`}`;
}

/** A Batch timestamp field (`creationTime`, `stateTransitionTime`...) from epoch milliseconds. */
export function toBatchTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** Epoch milliseconds of an ISO 8601 timestamp, or `undefined` when it is not one. */
export function parseBatchTime(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    return undefined;
  }
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}
