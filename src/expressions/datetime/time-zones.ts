import { IANAZone } from "luxon";
import { WINDOWS_TO_IANA_MAP } from "windows-iana";
import { MS_PER_DAY, MS_PER_MINUTE } from "./calendar.js";
import { makeTimestamp, type Timestamp } from "./timestamp.js";

/**
 * Time zones for `convertFromUtc`, `convertToUtc` and `convertTimeZone`: Windows zone IDs
 * (`Pacific Standard Time`, `W. Europe Standard Time`, `UTC`, ... every ID in CLDR's
 * windowsZones table, through the `windows-iana` package) and IANA names
 * (`Europe/Berlin`). Offsets and daylight saving come from the IANA rules of the zone
 * (Luxon over Intl), for the instant being converted.
 */
export interface TimeZone {
  /** The Windows ID or IANA name, as the caller spelled it. */
  readonly name: string;
  /** The IANA zone whose rules apply. */
  readonly iana: string;
  /** True for UTC itself: results in UTC are of kind `utc` (`Z`), as .NET's. */
  readonly isUtc: boolean;
  readonly zone: IANAZone;
}

/**
 * Windows IDs by their normalised spelling. ADF's docs say the Windows names may need
 * their punctuation removed, so `W Europe Standard Time` finds `W. Europe Standard Time`.
 */
const windowsZones = new Map<string, string>();
for (const entry of WINDOWS_TO_IANA_MAP) {
  const iana = entry.iana[0];
  if (entry.territory === "001" && iana !== undefined)
    windowsZones.set(normalise(entry.windowsName), iana);
}

function normalise(name: string): string {
  return name
    .toLowerCase()
    .replace(/[.,()']/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

const UTC_NAMES = new Set([
  "utc",
  "etc/utc",
  "etc/uct",
  "uct",
  "etc/universal",
  "universal",
  "zulu",
  "etc/zulu",
]);
const zoneCache = new Map<string, TimeZone | null>();

/** The zone named `name` (Windows ID first, then IANA; case-insensitive), or undefined. */
export function findTimeZone(name: string): TimeZone | undefined {
  const cached = zoneCache.get(name);
  if (cached !== undefined) return cached ?? undefined;
  const found = lookUp(name);
  if (zoneCache.size > 1000) zoneCache.clear();
  zoneCache.set(name, found ?? null);
  return found;
}

function lookUp(name: string): TimeZone | undefined {
  const key = normalise(name);
  if (key === "") return undefined;
  const iana =
    windowsZones.get(key) ?? (IANAZone.isValidZone(name.trim()) ? name.trim() : undefined);
  if (iana === undefined) return undefined;
  const zone = IANAZone.create(iana);
  return zone.isValid ? { name, iana, isUtc: UTC_NAMES.has(key), zone } : undefined;
}

/** The zone's offset from UTC, in minutes, at the instant `utcMs`. */
export function offsetAt(zone: TimeZone, utcMs: number): number {
  // Whole minutes: early IANA history has local mean time in seconds, which Windows zones lack.
  return zone.isUtc ? 0 : Math.round(zone.zone.offset(utcMs));
}

/**
 * The reading of `zone`'s clocks at the instant whose UTC reading is `ts` (.NET's
 * `TimeZoneInfo.ConvertTime` from UTC). The result is of kind `utc` only when `zone` is UTC.
 */
export function fromUtc(ts: Timestamp, zone: TimeZone): Timestamp | undefined {
  const ms = ts.ms + offsetAt(zone, ts.ms) * MS_PER_MINUTE;
  return makeTimestamp(ms, ts.subTicks, zone.isUtc ? "utc" : "unspecified");
}

/** Why a local reading has no UTC instant. */
export type LocalTimeProblem = "invalid";

/**
 * The UTC instant at which `zone`'s clocks read `ts` (.NET's `TimeZoneInfo.ConvertTimeToUtc`):
 * a reading skipped by a spring-forward transition is invalid (.NET throws); a reading that
 * occurs twice at a fall-back transition is taken as standard time, the later instant, as
 * .NET assumes.
 */
export function toUtc(ts: Timestamp, zone: TimeZone): Timestamp | LocalTimeProblem | undefined {
  if (zone.isUtc) return { ms: ts.ms, subTicks: ts.subTicks, kind: "utc" };
  const local = ts.ms;
  // Offsets in force around the reading: transitions never come closer than a day apart.
  const offsets = new Set([
    offsetAt(zone, local - MS_PER_DAY),
    offsetAt(zone, local),
    offsetAt(zone, local + MS_PER_DAY),
  ]);
  let best: number | undefined;
  for (const offset of offsets) {
    const utc = local - offset * MS_PER_MINUTE;
    if (offsetAt(zone, utc) !== offset) continue;
    // Of two matches (an ambiguous reading), standard time has the smaller offset.
    if (best === undefined || utc > best) best = utc;
  }
  if (best === undefined) return "invalid";
  return makeTimestamp(best, ts.subTicks, "utc");
}
